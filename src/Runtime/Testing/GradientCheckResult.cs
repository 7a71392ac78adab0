using System;
using System.Collections.Generic;
using System.Text;

namespace ConvGen.Testing
{
    /// <summary>The outcome of <see cref="GradientCheck.Run"/>: errors of the input gradient and of each parameter gradient.</summary>
    public sealed class GradientCheckResult
    {
        /// <summary>Creates a result.</summary>
        public GradientCheckResult(GradientError input, IReadOnlyDictionary<string, GradientError> parameters)
        {
            Input = input;
            Parameters = parameters;
        }

        /// <summary>Errors of the gradient with respect to the input.</summary>
        public GradientError Input { get; }

        /// <summary>Errors of each parameter's gradient, by parameter name.</summary>
        public IReadOnlyDictionary<string, GradientError> Parameters { get; }

        /// <summary>The largest relative error over the input and all parameters.</summary>
        public double MaxRelativeError
        {
            get
            {
                double max = Input.MaxRelativeError;
                foreach (var e in Parameters.Values) max = Math.Max(max, e.MaxRelativeError);
                return max;
            }
        }

        /// <summary>The largest absolute error over the input and all parameters.</summary>
        public double MaxAbsoluteError
        {
            get
            {
                double max = Input.MaxAbsoluteError;
                foreach (var e in Parameters.Values) max = Math.Max(max, e.MaxAbsoluteError);
                return max;
            }
        }

        /// <summary>One line per checked tensor, for assertion messages.</summary>
        public override string ToString()
        {
            var sb = new StringBuilder().Append("input: ").Append(Input);
            foreach (var (name, error) in Parameters) sb.Append("; ").Append(name).Append(": ").Append(error);
            return sb.ToString();
        }
    }
}
