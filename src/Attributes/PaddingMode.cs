namespace ConvGen
{
    /// <summary>How a convolution fills the border it pads around its input (PyTorch's <c>padding_mode</c>).</summary>
    public enum PaddingMode
    {
        /// <summary>Pad with zeros (PyTorch <c>'zeros'</c>, the default).</summary>
        Zeros = 0,
        /// <summary>Mirror the input without repeating the edge pixel (PyTorch <c>'reflect'</c>).</summary>
        Reflect = 1,
        /// <summary>Repeat the edge pixel (PyTorch <c>'replicate'</c>).</summary>
        Replicate = 2,
        /// <summary>Wrap around to the opposite edge (PyTorch <c>'circular'</c>).</summary>
        Circular = 3,
    }

    /// <summary>PyTorch's string padding presets.</summary>
    public enum PaddingPreset
    {
        /// <summary>Use <see cref="Conv2dAttribute.Pad"/> (or <c>PadH</c>/<c>PadW</c>).</summary>
        Explicit = 0,
        /// <summary>No padding (PyTorch <c>padding='valid'</c>).</summary>
        Valid = 1,
        /// <summary>Pad so the output has the input's size (PyTorch <c>padding='same'</c>; stride must be 1).
        /// When the total padding is odd the extra row/column goes at the bottom/right, as in PyTorch.</summary>
        Same = 2,
    }
}
