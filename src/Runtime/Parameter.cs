namespace ConvGen
{
    /// <summary>A learnable tensor, the gradient accumulated for it, and a name (used by optimizers and checkpoints).</summary>
    public sealed class Parameter
    {
        /// <summary>Creates a parameter; <paramref name="grad"/> must have the shape of <paramref name="value"/>.</summary>
        public Parameter(string name, Tensor value, Tensor grad)
        {
            if (!value.HasShape(grad.Shape))
                throw new System.ArgumentException($"Gradient shape {grad.ShapeString} differs from parameter shape {value.ShapeString}.", nameof(grad));
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

        /// <summary>Sets the gradient to zero.</summary>
        public void ZeroGrad() => Grad.Clear();

        /// <inheritdoc />
        public override string ToString() => $"{Name} {Value.ShapeString}";
    }
}
