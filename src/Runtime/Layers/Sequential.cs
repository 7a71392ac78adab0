using System;
using System.Collections.Generic;

namespace ConvGen.Layers
{
    /// <summary>
    /// Runs layers one after another (PyTorch's <c>nn.Sequential</c>). Backward runs them in reverse. Its
    /// <see cref="Parameters"/> are every layer's parameters, named <c>"{layer}.{parameter}"</c> where the layer name is its
    /// position (<c>"0.weight"</c>) unless given one, so checkpoints match PyTorch's <c>state_dict</c> keys.
    /// Its layers reuse the tensors that pass between them (<see cref="ILayer.EnableBufferReuse"/>), so a layer's own result,
    /// read directly from a layer inside a Sequential, is valid only until that layer's next call.
    /// Only its first layer's input gradient is optional (<see cref="ILayer.SetInputGradientRequired"/>, passed on to it);
    /// every later layer's is what the layer before it differentiates.
    /// </summary>
    public sealed class Sequential : ILayer
    {
        private readonly List<(string Name, ILayer Layer)> _layers = [];
        private Parameter[]? _parameters;
        private bool _forwardDone;
        private bool _reuseOutput, _reuseInputGradient;
        private bool _inputGradientRequired = true;

        /// <summary>Creates an empty stack; fill it with <see cref="Add(ILayer)"/>.</summary>
        public Sequential() { }

        /// <summary>Creates a stack of <paramref name="layers"/> named by position.</summary>
        public Sequential(params ILayer[] layers)
        {
            ArgumentNullException.ThrowIfNull(layers);
            foreach (var layer in layers) Add(layer);
        }

        /// <summary>Creates a stack of named layers, e.g. <c>("conv1", new C1())</c>.</summary>
        public Sequential(params (string Name, ILayer Layer)[] layers)
        {
            ArgumentNullException.ThrowIfNull(layers);
            foreach (var (name, layer) in layers) Add(name, layer);
        }

        /// <summary>Appends <paramref name="layer"/>, named by its position.</summary>
        public Sequential Add(ILayer layer) => Add(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);

        /// <summary>Appends <paramref name="layer"/> under <paramref name="name"/> (unique, no dots).</summary>
        public Sequential Add(string name, ILayer layer)
        {
            ArgumentNullException.ThrowIfNull(layer);
            ArgumentException.ThrowIfNullOrEmpty(name);
            if (name.Contains('.')) throw new ArgumentException($"Layer name '{name}' must not contain '.', which separates parameter names.", nameof(name));
            foreach (var (existing, _) in _layers)
                if (existing == name) throw new ArgumentException($"A layer named '{name}' already exists in this Sequential.", nameof(name));
            _layers.Add((name, layer));
            _parameters = null;
            ApplyBufferReuse();
            layer.SetInputGradientRequired(_layers.Count > 1 || _inputGradientRequired);
            return this;
        }

        /// <summary>Number of layers.</summary>
        public int Count => _layers.Count;

        /// <summary>The layer at <paramref name="index"/>.</summary>
        public ILayer this[int index] => _layers[index].Layer;

        /// <summary>The layers in order, with their names.</summary>
        public IReadOnlyList<(string Name, ILayer Layer)> Layers => _layers;

        /// <summary>
        /// All parameters of all layers in order, named with the layer prefix. They share their tensors with the layers,
        /// so an optimizer or checkpoint working on this list updates the layers themselves.
        /// </summary>
        public IReadOnlyList<Parameter> Parameters => _parameters ??= CollectParameters();

        /// <inheritdoc />
        public Tensor Forward(Tensor input)
        {
            ArgumentNullException.ThrowIfNull(input);
            Tensor x = input;
            foreach (var (_, layer) in _layers) x = layer.Forward(x);
            _forwardDone = true;
            return x;
        }

        /// <inheritdoc />
        public Tensor Backward(Tensor gradOutput)
        {
            if (!_forwardDone) throw LayerChecks.BackwardBeforeForward(nameof(Sequential));
            ArgumentNullException.ThrowIfNull(gradOutput);
            Tensor g = gradOutput;
            for (int i = _layers.Count - 1; i >= 0; i--) g = _layers[i].Layer.Backward(g);
            return g;
        }

        /// <inheritdoc />
        void ILayer.EnableBufferReuse(bool output, bool inputGradient)
        {
            _reuseOutput = output;
            _reuseInputGradient = inputGradient;
            ApplyBufferReuse();
        }

        /// <summary>
        /// Passes <paramref name="required"/> on to the first layer (the input gradient this Sequential returns is that layer's):
        /// with false, <see cref="Backward"/> still fills every parameter gradient but returns no input gradient (see
        /// <see cref="ILayer.SetInputGradientRequired"/>). <see cref="Training.Trainer"/> sets it for the epochs it runs.
        /// </summary>
        public void SetInputGradientRequired(bool required)
        {
            _inputGradientRequired = required;
            if (_layers.Count > 0) _layers[0].Layer.SetInputGradientRequired(required);
        }

        /// <summary>
        /// Activations and gradients that only pass from one layer to the next are reused (a training step then allocates
        /// almost nothing); what this Sequential hands back (the last layer's output, the first layer's input gradient) is
        /// new on every call unless this Sequential was itself asked to reuse it.
        /// </summary>
        private void ApplyBufferReuse()
        {
            for (int i = 0; i < _layers.Count; i++)
                _layers[i].Layer.EnableBufferReuse(i < _layers.Count - 1 || _reuseOutput, i > 0 || _reuseInputGradient);
        }

        /// <summary>Passes the mode on to every layer.</summary>
        public void SetTraining(bool training)
        {
            foreach (var (_, layer) in _layers) layer.SetTraining(training);
        }

        private Parameter[] CollectParameters()
        {
            var all = new List<Parameter>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (prefix, layer) in _layers)
                foreach (var p in layer.Parameters)
                {
                    var named = p.WithName($"{prefix}.{p.Name}");
                    if (!names.Add(named.Name)) throw new InvalidOperationException($"Two parameters are both named '{named.Name}'.");
                    all.Add(named);
                }
            return all.ToArray();
        }
    }
}
