using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Kernels
{
    public static partial class ConvPacking
    {
        /// <summary>
        /// Packs band b of plane (image n, channel c), index = (n x bands + b) x channels + c: B0 is the user's input, B1 the
        /// packed input. A band is a 1/bands share of the padded rows. With as many bands as the kernel splits each image into
        /// row chunks, ParallelRunner's contiguous split hands each core the rows its own kernel items read next (one image on
        /// two cores: split by channel instead, half of every core's reads were lines the other core had just written).
        /// When B2 is given (one float per item), item index writes B2[index] = 1 if the input rows of its band hold an infinity or
        /// a NaN, else 0: every input row lies in exactly one band, so all zeros means every packed value is finite (the
        /// flat-plane weight gradient then needs no mask, see the generated BackwardWeightJob).
        /// </summary>
        [EditorBrowsable(EditorBrowsableState.Advanced)]
        public readonly struct PackInputJob(ConvGeometry geometry, ConvLayout layout, int channels, int bands) : IKernelJob
        {
            /// <inheritdoc />
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Execute(int index, in KernelBuffers buffers)
            {
                int c = index % channels, rest = index / channels;
                int band = rest % bands, n = rest / bands, p = n * channels + c;
                int plane = layout.Height * layout.Width;
                int firstRow = band * layout.PaddedHeight / bands, endRow = (band + 1) * layout.PaddedHeight / bands;
                ReadOnlySpan<float> source = buffers.B0.Slice(p * plane, plane);
                PackRows(geometry, layout, source, buffers.B1.Slice(p * layout.PlaneStride, layout.PlaneStride), firstRow, endRow);
                if (buffers.B2.IsEmpty) return;
                // The input rows this band holds (the rows its padded rows copy, borders aside, which copy rows of other bands).
                int rowLo = Math.Clamp(firstRow - geometry.PadTop, 0, layout.Height), rowHi = Math.Clamp(endRow - geometry.PadTop, rowLo, layout.Height);
                buffers.B2[index] = AllFinite(source.Slice(rowLo * layout.Width, (rowHi - rowLo) * layout.Width)) ? 0f : 1f;
            }
        }

        /// <summary>Copies output-gradient plane (image, channel) = index from B0 into the bordered layout B1.</summary>
        [EditorBrowsable(EditorBrowsableState.Advanced)]
        public readonly struct PackGradOutputJob(ConvLayout layout) : IKernelJob
        {
            /// <inheritdoc />
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Execute(int index, in KernelBuffers buffers)
            {
                int plane = layout.OutHeight * layout.OutWidth;
                PackGradOutput(layout, buffers.B0.Slice(index * plane, plane), buffers.B1.Slice(index * layout.GradPlaneStride, layout.GradPlaneStride), 1);
            }
        }

        /// <summary>
        /// <see cref="PackGradOutputJob"/> that also writes the sum of plane (image, channel) = index into B2[index], the per-image
        /// parts of the bias gradient (reduce them with <see cref="PartialSums.AddInOrder"/>). The plane was just copied and is
        /// still in L1, so the sum costs no second pass over the whole gradient, and it runs on every worker.
        /// </summary>
        [EditorBrowsable(EditorBrowsableState.Advanced)]
        public readonly struct PackGradOutputAndSumJob(ConvLayout layout) : IKernelJob
        {
            /// <inheritdoc />
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Execute(int index, in KernelBuffers buffers)
            {
                int plane = layout.OutHeight * layout.OutWidth;
                ReadOnlySpan<float> source = buffers.B0.Slice(index * plane, plane);
                PackGradOutput(layout, source, buffers.B1.Slice(index * layout.GradPlaneStride, layout.GradPlaneStride), 1);
                buffers.B2[index] = TensorPrimitives.Sum(source);
            }
        }

        /// <summary>
        /// B1[index] = the sum of plane index of B0 (planes of <paramref name="plane"/> floats): the per-image parts of the bias
        /// gradient where dY needs no packing; the same sums, bit for bit, as <see cref="PackGradOutputAndSumJob"/>'s.
        /// </summary>
        [EditorBrowsable(EditorBrowsableState.Advanced)]
        public readonly struct SumPlanesJob(int plane) : IKernelJob
        {
            /// <inheritdoc />
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Execute(int index, in KernelBuffers buffers) => buffers.B1[index] = TensorPrimitives.Sum(buffers.B0.Slice(index * plane, plane));
        }

        /// <summary>
        /// dY [n, channels, pixels] in B0 transposed into block-major, pixel-major [channels / block, n, pixels, block] in B1: the
        /// layout of the channel-vector weight gradient, whose vectors hold consecutive output channels of one pixel and whose
        /// work items each read one block of <paramref name="block"/> channels. A block's slice is then one contiguous run (with
        /// all channels per pixel, a block's 128 bytes per pixel sat <c>channels</c> x 4 bytes apart: at 128 channels that is
        /// every 512 bytes, which maps onto a quarter of the L2's sets). Item index = (image, chunk of <see cref="ChunkPixels"/>
        /// pixels), so one image splits across threads too; <see cref="Items"/> counts them.
        /// </summary>
        [EditorBrowsable(EditorBrowsableState.Advanced)]
        public readonly struct TransposeGradOutputJob(int channels, int pixels, int block, int batch) : IKernelJob
        {
            /// <summary>Pixels per work item.</summary>
            public const int ChunkPixels = 1024;

            /// <summary>Work items for <paramref name="batch"/> images of <paramref name="pixels"/> pixels.</summary>
            public static int Items(int batch, int pixels) => batch * ((pixels + ChunkPixels - 1) / ChunkPixels);

            /// <inheritdoc />
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Execute(int index, in KernelBuffers buffers)
            {
                if (block <= 0 || channels % block != 0)
                    throw new ArgumentException($"TransposeGradOutputJob: block {block} does not divide {channels} channels.");
                int chunks = (pixels + ChunkPixels - 1) / ChunkPixels, image = index / chunks;
                int first = index % chunks * ChunkPixels, end = Math.Min(pixels, first + ChunkPixels);
                // Sliced to the whole batch, so a buffer too short throws here instead of the loops running past it.
                ref float source = ref MemoryMarshal.GetReference(buffers.B0.Slice(image * channels * pixels, channels * pixels));
                ref float destination = ref MemoryMarshal.GetReference(buffers.B1.Slice(0, batch * channels * pixels));
                // Channel c of pixel p lands at (c / block) x blockStride + (image x pixels + p) x block + c % block.
                int width = block; // a local: local functions in a struct cannot read its primary-constructor parameters
                nint blockStride = (nint)batch * pixels * width, imageStart = (nint)image * pixels * width;
                nint At(int c, int p) => c / width * blockStride + imageStart + (nint)p * width + c % width;
                int p = first;
                if (Avx.IsSupported && block % 8 == 0)
                {
                    // 8 pixels x 8 channels at a time through a register transpose (the scalar loop took 1.4 ms for the ResNet
                    // stem's 64 x 12,544 gradient, longer than a sixth of its weight gradient); writes stay sequential.
                    for (; p + 8 <= end; p += 8)
                    for (int c = 0; c < channels; c += 8)
                    {
                        ref float from = ref Unsafe.Add(ref source, c * pixels + p);
                        Vector256<float> r0 = Vector256.LoadUnsafe(ref from), r1 = Vector256.LoadUnsafe(ref from, (nuint)pixels);
                        Vector256<float> r2 = Vector256.LoadUnsafe(ref from, 2 * (nuint)pixels), r3 = Vector256.LoadUnsafe(ref from, 3 * (nuint)pixels);
                        Vector256<float> r4 = Vector256.LoadUnsafe(ref from, 4 * (nuint)pixels), r5 = Vector256.LoadUnsafe(ref from, 5 * (nuint)pixels);
                        Vector256<float> r6 = Vector256.LoadUnsafe(ref from, 6 * (nuint)pixels), r7 = Vector256.LoadUnsafe(ref from, 7 * (nuint)pixels);
                        Transpose8x8.Apply(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7); // row k: pixel p + k
                        ref float to = ref Unsafe.Add(ref destination, At(c, p));
                        r0.StoreUnsafe(ref to); r1.StoreUnsafe(ref to, (nuint)block);
                        r2.StoreUnsafe(ref to, 2 * (nuint)block); r3.StoreUnsafe(ref to, 3 * (nuint)block);
                        r4.StoreUnsafe(ref to, 4 * (nuint)block); r5.StoreUnsafe(ref to, 5 * (nuint)block);
                        r6.StoreUnsafe(ref to, 6 * (nuint)block); r7.StoreUnsafe(ref to, 7 * (nuint)block);
                    }
                }
                // Pixel-major writes stay sequential within a block; the reads walk the channels' planes side by side.
                for (; p < end; p++)
                for (int c = 0; c < channels; c++)
                    Unsafe.Add(ref destination, At(c, p)) = Unsafe.Add(ref source, c * pixels + p);
            }
        }

        /// <summary>
        /// Folds packed input-gradient plane (image, channel) = index from B0 back into B1: with zero padding it overwrites every
        /// element of the plane (<see cref="UnpackInputGradientStore"/>), with other padding modes it adds onto B1, which the
        /// caller zeroed (border pixels receive gradient from several packed positions).
        /// </summary>
        [EditorBrowsable(EditorBrowsableState.Advanced)]
        public readonly struct UnpackInputGradientJob(ConvGeometry geometry, ConvLayout layout) : IKernelJob
        {
            /// <inheritdoc />
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Execute(int index, in KernelBuffers buffers)
            {
                int plane = layout.Height * layout.Width;
                ReadOnlySpan<float> packed = buffers.B0.Slice(index * layout.PlaneStride, layout.PlaneStride);
                if (geometry.PaddingMode == PaddingMode.Zeros) UnpackInputGradientStore(geometry, layout, packed, buffers.B1.Slice(index * plane, plane), 1);
                else UnpackInputGradientAdd(geometry, layout, packed, buffers.B1.Slice(index * plane, plane), 1);
            }
        }

        /// <summary>dBias[c] += sum over images and pixels of dY[n, c], images summed in order so results are reproducible.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void AccumulateBiasGradient(ReadOnlySpan<float> gradOutput, Span<float> biasGrad, int batch, int channels, int plane)
        {
            for (int c = 0; c < channels; c++)
            {
                float sum = 0;
                for (int n = 0; n < batch; n++) sum += TensorPrimitives.Sum(gradOutput.Slice((n * channels + c) * plane, plane));
                biasGrad[c] += sum;
            }
        }
    }
}
