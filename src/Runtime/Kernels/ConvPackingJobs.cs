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
                buffers.B2[index] = PlaneSum(source);
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
            public void Execute(int index, in KernelBuffers buffers) => buffers.B1[index] = PlaneSum(buffers.B0.Slice(index * plane, plane));
        }

        /// <summary>
        /// dY [n, channels, pixels] in B0 transposed into block-major, pixel-major [channels / block, n, pixels, block] in B1: the
        /// layout of the channel-vector weight gradient, whose vectors hold consecutive output channels of one pixel and whose
        /// work items each read one block of <paramref name="block"/> channels. A block's slice is then one contiguous run (with
        /// all channels per pixel, a block's 128 bytes per pixel sat <c>channels</c> x 4 bytes apart: at 128 channels that is
        /// every 512 bytes, which maps onto a quarter of the L2's sets). Item index = (image, chunk of <see cref="ChunkPixels"/>
        /// pixels), so one image splits across threads too; <see cref="Items"/> counts them. When B2 is given (<see cref="Items"/>
        /// x <paramref name="channels"/> floats) item index also writes B2[index x channels + c], the <see cref="ChunkSum"/> of
        /// channel c over its pixels: the bias gradient from the loads the transpose makes anyway (<see cref="PlaneSums"/> adds
        /// them up to <see cref="PlaneSum"/>'s bits), instead of a second pass over dY.
        /// </summary>
        [EditorBrowsable(EditorBrowsableState.Advanced)]
        public readonly struct TransposeGradOutputJob(int channels, int pixels, int block, int batch) : IKernelJob
        {
            /// <summary>Pixels per work item.</summary>
            public const int ChunkPixels = 1024;

            /// <summary>Work items for <paramref name="batch"/> images of <paramref name="pixels"/> pixels.</summary>
            public static int Items(int batch, int pixels) => batch * Chunks(pixels);

            /// <summary>Work items per image: chunks of <see cref="ChunkPixels"/> pixels, the last one shorter.</summary>
            private static int Chunks(int pixels) => (pixels + ChunkPixels - 1) / ChunkPixels;

            /// <summary>
            /// planeSums[n x channels + c] = the sum of channel c of image n from the job's B2 chunk sums, chunk after chunk: the
            /// bits of <see cref="PlaneSum"/> over the plane, as the other bias-gradient paths compute it.
            /// </summary>
            public static void PlaneSums(ReadOnlySpan<float> chunkSums, int batch, int pixels, int channels, Span<float> planeSums)
            {
                int chunks = Chunks(pixels);
                if (chunkSums.Length < batch * chunks * channels || planeSums.Length < batch * channels)
                    throw new ArgumentException($"PlaneSums expected {batch * chunks * channels} chunk sums and {batch * channels} plane sums but got {chunkSums.Length} and {planeSums.Length}.");
                for (int n = 0; n < batch; n++)
                for (int c = 0; c < channels; c++)
                {
                    float total = 0;
                    for (int k = 0; k < chunks; k++) total += chunkSums[(n * chunks + k) * channels + c];
                    planeSums[n * channels + c] = total;
                }
            }

            /// <inheritdoc />
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Execute(int index, in KernelBuffers buffers)
            {
                if (block <= 0 || channels % block != 0)
                    throw new ArgumentException($"TransposeGradOutputJob: block {block} does not divide {channels} channels.");
                int chunks = Chunks(pixels), image = index / chunks;
                int first = index % chunks * ChunkPixels, end = Math.Min(pixels, first + ChunkPixels);
                // Sliced to the whole batch, so a buffer too short throws here instead of the loops running past it.
                ref float source = ref MemoryMarshal.GetReference(buffers.B0.Slice(image * channels * pixels, channels * pixels));
                ref float destination = ref MemoryMarshal.GetReference(buffers.B1.Slice(0, batch * channels * pixels));
                bool sums = !buffers.B2.IsEmpty;
                ref float chunkSums = ref sums ? ref MemoryMarshal.GetReference(buffers.B2.Slice(index * channels, channels)) : ref Unsafe.NullRef<float>();
                // Channel c of pixel p lands at (c / block) x blockStride + (image x pixels + p) x block + c % block.
                int width = block; // a local: local functions in a struct cannot read its primary-constructor parameters
                nint blockStride = (nint)batch * pixels * width, imageStart = (nint)image * pixels * width;
                nint At(int c, int p) => c / width * blockStride + imageStart + (nint)p * width + c % width;
                bool vectors = Avx.IsSupported && block % 8 == 0;
                int full = vectors ? first + (end - first) / 8 * 8 : first; // the pixels the vector loop covers
                if (vectors)
                {
                    // 8 pixels x 8 channels at a time through a register transpose (the scalar loop took 1.4 ms for the ResNet
                    // stem's 64 x 12,544 gradient, longer than a sixth of its weight gradient). Channel groups outermost: the reads
                    // are then 8 planes side by side, which the prefetchers follow; walking all 64 planes per 8 pixels left the
                    // stem's 3.2 MB dY a miss per load (weights-only backward, paired: 0.90-0.94x the time at 1 thread, 0.97x at 2).
                    for (int c = 0; c < channels; c += 8)
                    {
                        // Channel c + k's running ChunkSum lanes: s_k += row k before the transpose (pixels p..p+7 of that channel).
                        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
                        for (int p = first; p < full; p += 8)
                        {
                            ref float from = ref Unsafe.Add(ref source, c * pixels + p);
                            Vector256<float> r0 = Vector256.LoadUnsafe(ref from), r1 = Vector256.LoadUnsafe(ref from, (nuint)pixels);
                            Vector256<float> r2 = Vector256.LoadUnsafe(ref from, 2 * (nuint)pixels), r3 = Vector256.LoadUnsafe(ref from, 3 * (nuint)pixels);
                            Vector256<float> r4 = Vector256.LoadUnsafe(ref from, 4 * (nuint)pixels), r5 = Vector256.LoadUnsafe(ref from, 5 * (nuint)pixels);
                            Vector256<float> r6 = Vector256.LoadUnsafe(ref from, 6 * (nuint)pixels), r7 = Vector256.LoadUnsafe(ref from, 7 * (nuint)pixels);
                            if (sums) { s0 += r0; s1 += r1; s2 += r2; s3 += r3; s4 += r4; s5 += r5; s6 += r6; s7 += r7; }
                            Transpose8x8.Apply(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7); // row k: pixel p + k
                            ref float to = ref Unsafe.Add(ref destination, At(c, p));
                            r0.StoreUnsafe(ref to); r1.StoreUnsafe(ref to, (nuint)block);
                            r2.StoreUnsafe(ref to, 2 * (nuint)block); r3.StoreUnsafe(ref to, 3 * (nuint)block);
                            r4.StoreUnsafe(ref to, 4 * (nuint)block); r5.StoreUnsafe(ref to, 5 * (nuint)block);
                            r6.StoreUnsafe(ref to, 6 * (nuint)block); r7.StoreUnsafe(ref to, 7 * (nuint)block);
                        }
                        if (sums)
                        {
                            ref float at = ref Unsafe.Add(ref chunkSums, c);
                            at = Horizontal(s0); Unsafe.Add(ref at, 1) = Horizontal(s1); Unsafe.Add(ref at, 2) = Horizontal(s2); Unsafe.Add(ref at, 3) = Horizontal(s3);
                            Unsafe.Add(ref at, 4) = Horizontal(s4); Unsafe.Add(ref at, 5) = Horizontal(s5); Unsafe.Add(ref at, 6) = Horizontal(s6); Unsafe.Add(ref at, 7) = Horizontal(s7);
                        }
                    }
                }
                else if (sums) // scalar transpose below: ChunkSum covers the whole run
                    for (int c = 0; c < channels; c++)
                        Unsafe.Add(ref chunkSums, c) = ChunkSum(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref source, c * pixels + first), end - first));
                // Pixel-major writes stay sequential within a block; the reads walk the channels' planes side by side.
                for (int p = full; p < end; p++)
                for (int c = 0; c < channels; c++)
                {
                    float value = Unsafe.Add(ref source, c * pixels + p);
                    Unsafe.Add(ref destination, At(c, p)) = value;
                    if (sums && vectors) Unsafe.Add(ref chunkSums, c) += value; // ChunkSum's tail: after the lanes, in pixel order
                }
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

        /// <summary>
        /// The sum of a plane in the one order every bias-gradient path uses, so they agree bit for bit whichever runs (packing,
        /// plain sums, or the transpose for the channel-vector weight gradient, which sums chunk by chunk on any thread):
        /// <see cref="ChunkSum"/> of each run of <see cref="TransposeGradOutputJob.ChunkPixels"/> pixels, added in order.
        /// </summary>
        public static float PlaneSum(ReadOnlySpan<float> plane)
        {
            int chunk = TransposeGradOutputJob.ChunkPixels;
            float total = 0;
            for (int first = 0; first < plane.Length; first += chunk)
                total += ChunkSum(plane.Slice(first, Math.Min(chunk, plane.Length - first)));
            return total;
        }

        /// <summary>The sum of a run of pixels: 8 lanes over its whole vectors (pixel p in lane p mod 8), <see cref="Horizontal"/>, then the rest in order.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static float ChunkSum(ReadOnlySpan<float> run)
        {
            ref float at = ref MemoryMarshal.GetReference(run);
            int full = run.Length / 8 * 8;
            Vector256<float> lanes = default;
            for (int p = 0; p < full; p += 8) lanes += Vector256.LoadUnsafe(ref at, (nuint)p);
            float sum = full > 0 ? Horizontal(lanes) : 0;
            for (int p = full; p < run.Length; p++) sum += Unsafe.Add(ref at, p);
            return sum;
        }

        /// <summary>The lanes' total in a fixed order (pairs, then quads, then halves), the same on every instruction set.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static float Horizontal(Vector256<float> v)
            => ((v.GetElement(0) + v.GetElement(1)) + (v.GetElement(2) + v.GetElement(3))) + ((v.GetElement(4) + v.GetElement(5)) + (v.GetElement(6) + v.GetElement(7)));

        /// <summary>dBias[c] += sum over images and pixels of dY[n, c], images summed in order so results are reproducible.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void AccumulateBiasGradient(ReadOnlySpan<float> gradOutput, Span<float> biasGrad, int batch, int channels, int plane)
        {
            for (int c = 0; c < channels; c++)
            {
                float sum = 0;
                for (int n = 0; n < batch; n++) sum += PlaneSum(gradOutput.Slice((n * channels + c) * plane, plane));
                biasGrad[c] += sum;
            }
        }
    }
}
