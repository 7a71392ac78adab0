using System;
using System.Collections.Generic;

namespace ConvGen.Optimizers
{
    /// <summary>Updates a fixed list of parameters from their accumulated gradients (PyTorch's <c>torch.optim.Optimizer</c>).</summary>
    public abstract class Optimizer
    {
        /// <summary>Binds the optimizer to <paramref name="parameters"/>; per-parameter state is indexed by position.</summary>
        protected Optimizer(IReadOnlyList<Parameter> parameters, float learningRate)
        {
            ArgumentNullException.ThrowIfNull(parameters);
            Parameters = parameters;
            LearningRate = learningRate;
        }

        /// <summary>The parameters this optimizer updates.</summary>
        public IReadOnlyList<Parameter> Parameters { get; }

        /// <summary>Step size; may be changed between steps (a learning-rate schedule).</summary>
        public float LearningRate
        {
            get;
            set => field = value >= 0 && float.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Learning rate must be finite and non-negative.");
        }

        /// <summary>Number of <see cref="Step"/> calls so far.</summary>
        public int StepCount { get; private set; }

        /// <summary>Applies one update to every parameter from its current gradient; frozen ones (<see cref="Parameter.RequiresGrad"/> false) keep their values.</summary>
        public void Step()
        {
            StepCount++;
            for (int i = 0; i < Parameters.Count; i++)
                if (Parameters[i].RequiresGrad) Update(i, Parameters[i]);
        }

        /// <summary>Sets every parameter's gradient to zero; call it before each backward pass.</summary>
        public void ZeroGrad()
        {
            for (int i = 0; i < Parameters.Count; i++) Parameters[i].ZeroGrad();   // indexing: foreach over the interface would allocate an enumerator every step
        }

        /// <summary>Updates parameter number <paramref name="index"/>; <see cref="StepCount"/> already counts this step.</summary>
        protected abstract void Update(int index, Parameter parameter);
    }
}
