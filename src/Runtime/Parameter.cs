namespace ConvGen
{
    /// <summary>A learnable tensor, the gradient accumulated for it, and a name (used by optimizers and checkpoints).</summary>
    public sealed class Parameter
    {
        /// <summary>The <see cref="RequiresGrad"/> flag, shared by a parameter and its renamed views.</summary>
        private sealed class GradientSwitch
        {
            public bool Required = true;
        }

        private readonly GradientSwitch _switch;

        /// <summary>Creates a parameter; <paramref name="grad"/> must have the shape of <paramref name="value"/>.</summary>
        public Parameter(string name, Tensor value, Tensor grad) : this(name, value, grad, new GradientSwitch()) { }

        private Parameter(string name, Tensor value, Tensor grad, GradientSwitch gradientSwitch)
        {
            if (!value.HasShape(grad.Shape))
                throw new System.ArgumentException($"Gradient shape {grad.ShapeString} differs from parameter shape {value.ShapeString}.", nameof(grad));
            _switch = gradientSwitch;
            Name = name;
            Value = value;
            Grad = grad;
        }

        /// <summary>Name, unique within a model (for example <c>conv1.weight</c>).</summary>
        public string Name { get; }
        /// <summary>The values the optimizer updates.</summary>
        public Tensor Value { get; }
        /// <summary>The gradient that <c>Backward</c> accumulates into; optimizers zero it.</summary>
        public Tensor Grad { get; }

        /// <summary>
        /// Whether <c>Backward</c> computes and accumulates this parameter's gradient (true by default), like PyTorch's
        /// requires_grad: false freezes it, so layers leave <see cref="Grad"/> untouched and may skip the work (a generated
        /// convolution with every parameter frozen computes only the input gradient), and optimizers do not update it.
        /// Shared with the views <see cref="WithName"/> returns, so freezing a model's parameter freezes the layer's own.
        /// </summary>
        public bool RequiresGrad
        {
            get => _switch.Required;
            set => _switch.Required = value;
        }

        /// <summary>The same parameter (value, gradient and <see cref="RequiresGrad"/>) under another name, as containers list it.</summary>
        public Parameter WithName(string name) => new(name, Value, Grad, _switch);

        /// <summary>Sets the gradient to zero.</summary>
        public void ZeroGrad() => Grad.Clear();

        /// <inheritdoc />
        public override string ToString() => $"{Name} {Value.ShapeString}";
    }
}
