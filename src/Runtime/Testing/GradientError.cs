using System.Globalization;

namespace ConvGen.Testing
{
    /// <summary>How far one tensor's analytic gradient is from the finite-difference estimate.</summary>
    /// <param name="MaxAbsoluteError">Largest <c>|analytic − numeric|</c>.</param>
    /// <param name="MaxRelativeError">Largest <c>|analytic − numeric| / max(|analytic|, |numeric|, RelativeFloor)</c>.</param>
    /// <param name="ElementsChecked">Number of elements compared.</param>
    /// <param name="WorstIndex">Flat index of the element with the largest relative error (-1 when none was checked).</param>
    public readonly record struct GradientError(double MaxAbsoluteError, double MaxRelativeError, int ElementsChecked, int WorstIndex)
    {
        /// <inheritdoc />
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"max rel {MaxRelativeError:E2}, max abs {MaxAbsoluteError:E2} over {ElementsChecked} elements (worst at {WorstIndex})");
    }
}
