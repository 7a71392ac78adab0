using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Kernels
{
    /// <summary>
    /// Support for the channel-vector forward tile (AVX-512, 16 output channels per vector). Where output rows are narrow the
    /// pixel-vector tiles waste lanes (LeNet C3: 10 columns in a 14-wide flat row, 10 of 16 lanes in a row tile); with the 16
    /// channels of one pixel in a vector every lane is useful, each input pixel is broadcast once and multiplied by the K2
    /// weight vectors of its row. The tile's accumulators are pixel-major, NCHW wants channel-major: <see cref="StoreRow"/>
    /// transposes a row of up to 16 pixels in registers and writes each channel's run with one masked store. Without AVX-512
    /// the 8-lane tiles (<see cref="Width256"/>) hold the 16 channels in two vectors and store through <see cref="StoreRow256"/>.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public static class ChannelTileStore
    {
        /// <summary>Channels per vector: the tile computes output channels in blocks of this many.</summary>
        public const int Channels = 16;

        /// <summary>Whether the channel-vector tile runs on this machine: it needs AVX-512 (32 registers, masked stores).</summary>
        public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

        /// <summary>
        /// Whether the 8-lane tiles can run instead (AVX2 with FMA, no AVX-512): 16 output channels in two vectors for 6 pixels
        /// of the flattened output plane (12 accumulators beside a tap's two weight vectors and the broadcast pixel in AVX2's 16
        /// registers), stored through <see cref="StoreRow256"/>.
        /// </summary>
        public static bool IsSupported256 => !IsSupported && Avx2.IsSupported && Fma.IsSupported && Vector256.IsHardwareAccelerated;

        /// <summary>Pixels of one 8-lane tile: consecutive pixels of the flattened output plane, across row ends.</summary>
        public const int Pixels256 = 6;

        /// <summary>
        /// Whether the 8-lane tiles take an output plane of <paramref name="outWidth"/> x <paramref name="outHeight"/>:
        /// <see cref="Pixels256"/> (the tile's pixels) for rows narrower than the pixel-vector tiles' 16 columns, which they leave
        /// partly idle (LeNet C3's 10 columns: 10 of 16 lanes), in planes of at least one tile; 0 where the pixel-vector tiles
        /// keep it: with AVX-512, without AVX2, rows of 16 or more columns, rows narrower than 3 or planes under 6 pixels.
        /// Along the flattened plane only the last tile recomputes a few pixels (LeNet C3: 102 for 100), where per-row tiles
        /// of 1 x 5 columns had 10 accumulators (C3 batch 1 ran 0.90-0.93x their time, paired, Zen 3) and 2 x 3 ones lost
        /// columns at row ends. On the 28-wide stride-2 ResNet layer (28 of 32 lanes) a two-vector 2 x 3 tile measured
        /// 0.995-1.08x the pixel-vector tile's time, so wider rows keep that.
        /// </summary>
        public static int Width256(int outWidth, int outHeight)
            => IsSupported256 && outWidth >= 3 && outWidth < 16 && (long)outWidth * outHeight >= Pixels256 ? Pixels256 : 0;

        /// <summary>
        /// <see cref="StoreRow"/> for the 8-lane tiles (AVX2): <c>dst[c * channelStride + p] = tile[16 p + c]</c> for channels
        /// c &lt; 16 and pixels p &lt; <paramref name="count"/> (1 to 8), and nothing else. Each half of 8 channels is an 8 x 8
        /// transpose in registers (pixels past count are zero rows), then count floats per channel in plain stores (PrefixStore).
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not in [1, 8].</exception>
        /// <exception cref="PlatformNotSupportedException">The machine has no AVX2.</exception>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void StoreRow256(ref float tile, int count, ref float dst, nint channelStride)
        {
            if ((uint)(count - 1) >= 8)
                throw new ArgumentOutOfRangeException(nameof(count), $"an 8-lane row holds 1 to 8 pixels, got {count}");
            if (!Avx2.IsSupported) throw new PlatformNotSupportedException("the 8-lane channel-vector store needs AVX2");
            StoreHalf(ref tile, count, ref dst, channelStride);
            StoreHalf(ref Unsafe.Add(ref tile, 8), count, ref Unsafe.Add(ref dst, 8 * channelStride), channelStride);
        }

        /// <summary>Channels 0-7 of the pixel-major rows at <paramref name="tile"/> (16 floats apart) into 8 channel runs.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe void StoreHalf(ref float tile, int count, ref float dst, nint channelStride)
        {
            Vector256<float> z = Vector256<float>.Zero;
            Vector256<float> r0 = Vector256.LoadUnsafe(ref tile);
            Vector256<float> r1 = count > 1 ? Vector256.LoadUnsafe(ref tile, 16) : z, r2 = count > 2 ? Vector256.LoadUnsafe(ref tile, 32) : z;
            Vector256<float> r3 = count > 3 ? Vector256.LoadUnsafe(ref tile, 48) : z, r4 = count > 4 ? Vector256.LoadUnsafe(ref tile, 64) : z;
            Vector256<float> r5 = count > 5 ? Vector256.LoadUnsafe(ref tile, 80) : z, r6 = count > 6 ? Vector256.LoadUnsafe(ref tile, 96) : z;
            Vector256<float> r7 = count > 7 ? Vector256.LoadUnsafe(ref tile, 112) : z;
            Transpose8x8.Apply(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7); // row k: channel k of the 8 pixels
            // Plain partial stores, not vmaskmovps: LeNet C3's batch-1 forward spent 20 % of its time in this store with masks.
            fixed (float* p = &dst)
            {
                PrefixStore.Store(p, r0, count);
                PrefixStore.Store(p + channelStride, r1, count);
                PrefixStore.Store(p + 2 * channelStride, r2, count);
                PrefixStore.Store(p + 3 * channelStride, r3, count);
                PrefixStore.Store(p + 4 * channelStride, r4, count);
                PrefixStore.Store(p + 5 * channelStride, r5, count);
                PrefixStore.Store(p + 6 * channelStride, r6, count);
                PrefixStore.Store(p + 7 * channelStride, r7, count);
            }
        }

        /// <summary>
        /// Writes <c>dst[c * channelStride + p] = tile[16 p + c]</c> for channels c &lt; 16 and pixels p &lt; <paramref name="count"/>
        /// (1 to 16), and nothing else: <paramref name="tile"/> holds one vector of 16 channels per pixel, in pixel order.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not in [1, 16].</exception>
        /// <exception cref="PlatformNotSupportedException">The machine has no AVX-512 (<see cref="IsSupported"/> is false).</exception>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void StoreRow(ref float tile, int count, ref float dst, nint channelStride)
        {
            if ((uint)(count - 1) >= Channels)
                throw new ArgumentOutOfRangeException(nameof(count), $"a row holds 1 to {Channels} pixels, got {count}");
            if (!IsSupported) throw new PlatformNotSupportedException("the channel-vector store needs AVX-512");
            // Pixels past count are zero rows of the 16 x 16 block; their columns are masked off below.
            Vector512<float> z = Vector512<float>.Zero;
            Vector512<float> r0 = Vector512.LoadUnsafe(ref tile);
            Vector512<float> r1 = count > 1 ? Vector512.LoadUnsafe(ref tile, 16) : z, r2 = count > 2 ? Vector512.LoadUnsafe(ref tile, 32) : z;
            Vector512<float> r3 = count > 3 ? Vector512.LoadUnsafe(ref tile, 48) : z, r4 = count > 4 ? Vector512.LoadUnsafe(ref tile, 64) : z;
            Vector512<float> r5 = count > 5 ? Vector512.LoadUnsafe(ref tile, 80) : z, r6 = count > 6 ? Vector512.LoadUnsafe(ref tile, 96) : z;
            Vector512<float> r7 = count > 7 ? Vector512.LoadUnsafe(ref tile, 112) : z, r8 = count > 8 ? Vector512.LoadUnsafe(ref tile, 128) : z;
            Vector512<float> r9 = count > 9 ? Vector512.LoadUnsafe(ref tile, 144) : z, r10 = count > 10 ? Vector512.LoadUnsafe(ref tile, 160) : z;
            Vector512<float> r11 = count > 11 ? Vector512.LoadUnsafe(ref tile, 176) : z, r12 = count > 12 ? Vector512.LoadUnsafe(ref tile, 192) : z;
            Vector512<float> r13 = count > 13 ? Vector512.LoadUnsafe(ref tile, 208) : z, r14 = count > 14 ? Vector512.LoadUnsafe(ref tile, 224) : z;
            Vector512<float> r15 = count > 15 ? Vector512.LoadUnsafe(ref tile, 240) : z;

            // 16 x 16 transpose in four rounds: interleave pixel pairs, then pixel quads within 128-bit lanes, then the 128-bit
            // lanes of pixel groups 4 apart, then 8 apart. Afterwards vector c holds channel c of pixels 0..15.
            var t0 = Avx512F.UnpackLow(r0, r1); var t1 = Avx512F.UnpackHigh(r0, r1);
            var t2 = Avx512F.UnpackLow(r2, r3); var t3 = Avx512F.UnpackHigh(r2, r3);
            var t4 = Avx512F.UnpackLow(r4, r5); var t5 = Avx512F.UnpackHigh(r4, r5);
            var t6 = Avx512F.UnpackLow(r6, r7); var t7 = Avx512F.UnpackHigh(r6, r7);
            var t8 = Avx512F.UnpackLow(r8, r9); var t9 = Avx512F.UnpackHigh(r8, r9);
            var t10 = Avx512F.UnpackLow(r10, r11); var t11 = Avx512F.UnpackHigh(r10, r11);
            var t12 = Avx512F.UnpackLow(r12, r13); var t13 = Avx512F.UnpackHigh(r12, r13);
            var t14 = Avx512F.UnpackLow(r14, r15); var t15 = Avx512F.UnpackHigh(r14, r15);

            var u0 = Avx512F.Shuffle(t0, t2, 0x44); var u1 = Avx512F.Shuffle(t0, t2, 0xEE);
            var u2 = Avx512F.Shuffle(t1, t3, 0x44); var u3 = Avx512F.Shuffle(t1, t3, 0xEE);
            var u4 = Avx512F.Shuffle(t4, t6, 0x44); var u5 = Avx512F.Shuffle(t4, t6, 0xEE);
            var u6 = Avx512F.Shuffle(t5, t7, 0x44); var u7 = Avx512F.Shuffle(t5, t7, 0xEE);
            var u8 = Avx512F.Shuffle(t8, t10, 0x44); var u9 = Avx512F.Shuffle(t8, t10, 0xEE);
            var u10 = Avx512F.Shuffle(t9, t11, 0x44); var u11 = Avx512F.Shuffle(t9, t11, 0xEE);
            var u12 = Avx512F.Shuffle(t12, t14, 0x44); var u13 = Avx512F.Shuffle(t12, t14, 0xEE);
            var u14 = Avx512F.Shuffle(t13, t15, 0x44); var u15 = Avx512F.Shuffle(t13, t15, 0xEE);

            var v0 = Avx512F.Shuffle4x128(u0, u4, 0x88); var v1 = Avx512F.Shuffle4x128(u1, u5, 0x88);
            var v2 = Avx512F.Shuffle4x128(u2, u6, 0x88); var v3 = Avx512F.Shuffle4x128(u3, u7, 0x88);
            var v4 = Avx512F.Shuffle4x128(u0, u4, 0xDD); var v5 = Avx512F.Shuffle4x128(u1, u5, 0xDD);
            var v6 = Avx512F.Shuffle4x128(u2, u6, 0xDD); var v7 = Avx512F.Shuffle4x128(u3, u7, 0xDD);
            var v8 = Avx512F.Shuffle4x128(u8, u12, 0x88); var v9 = Avx512F.Shuffle4x128(u9, u13, 0x88);
            var v10 = Avx512F.Shuffle4x128(u10, u14, 0x88); var v11 = Avx512F.Shuffle4x128(u11, u15, 0x88);
            var v12 = Avx512F.Shuffle4x128(u8, u12, 0xDD); var v13 = Avx512F.Shuffle4x128(u9, u13, 0xDD);
            var v14 = Avx512F.Shuffle4x128(u10, u14, 0xDD); var v15 = Avx512F.Shuffle4x128(u11, u15, 0xDD);

            Vector512<float> mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();
            Store(Avx512F.Shuffle4x128(v0, v8, 0x88), mask, ref dst, 0, channelStride);
            Store(Avx512F.Shuffle4x128(v1, v9, 0x88), mask, ref dst, 1, channelStride);
            Store(Avx512F.Shuffle4x128(v2, v10, 0x88), mask, ref dst, 2, channelStride);
            Store(Avx512F.Shuffle4x128(v3, v11, 0x88), mask, ref dst, 3, channelStride);
            Store(Avx512F.Shuffle4x128(v4, v12, 0x88), mask, ref dst, 4, channelStride);
            Store(Avx512F.Shuffle4x128(v5, v13, 0x88), mask, ref dst, 5, channelStride);
            Store(Avx512F.Shuffle4x128(v6, v14, 0x88), mask, ref dst, 6, channelStride);
            Store(Avx512F.Shuffle4x128(v7, v15, 0x88), mask, ref dst, 7, channelStride);
            Store(Avx512F.Shuffle4x128(v0, v8, 0xDD), mask, ref dst, 8, channelStride);
            Store(Avx512F.Shuffle4x128(v1, v9, 0xDD), mask, ref dst, 9, channelStride);
            Store(Avx512F.Shuffle4x128(v2, v10, 0xDD), mask, ref dst, 10, channelStride);
            Store(Avx512F.Shuffle4x128(v3, v11, 0xDD), mask, ref dst, 11, channelStride);
            Store(Avx512F.Shuffle4x128(v4, v12, 0xDD), mask, ref dst, 12, channelStride);
            Store(Avx512F.Shuffle4x128(v5, v13, 0xDD), mask, ref dst, 13, channelStride);
            Store(Avx512F.Shuffle4x128(v6, v14, 0xDD), mask, ref dst, 14, channelStride);
            Store(Avx512F.Shuffle4x128(v7, v15, 0xDD), mask, ref dst, 15, channelStride);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe void Store(Vector512<float> channel, Vector512<float> mask, ref float dst, int c, nint channelStride)
        {
            fixed (float* p = &Unsafe.Add(ref dst, c * channelStride)) Avx512F.MaskStore(p, mask, channel);
        }

        /// <summary>
        /// The tile width among <paramref name="widths"/> (ascending) that computes the fewest columns for rows of
        /// <paramref name="outWidth"/> (the last tile of a row is shifted back to end at the row's end, so a row costs
        /// ceil(outWidth / width) tiles); ties go to the wider tile. 0 when every width exceeds the row.
        /// </summary>
        public static int BestWidth(int outWidth, ReadOnlySpan<int> widths)
        {
            int best = 0, bestColumns = int.MaxValue;
            foreach (int width in widths)
            {
                if (width > outWidth) continue;
                int columns = (outWidth + width - 1) / width * width;
                if (columns <= bestColumns) { best = width; bestColumns = columns; }
            }
            return best;
        }

        /// <summary>
        /// Whether channel-vector tiles <paramref name="tileWidth"/> columns x 2 rows at <paramref name="stride"/> (1 or 2) are
        /// expected to beat the pixel-vector forward (the flat plane when <paramref name="flat"/>, else per-row tiles), judged by the
        /// share of useful lanes (the pixel vectors' estimated by FlatTileStore.UsefulLanes, as FlatTileStore.IsFaster does).
        /// Stride 1 needs at least 10 % more: the margin keeps the proven pixel-vector kernels where they already fill their
        /// lanes (ResNet's 56 columns in 58-float flat rows: forced onto channel vectors, within noise); LeNet C3 (10 columns in
        /// 14-float rows) takes the channel vectors. Stride 2 needs as many, as measured on ResNet's stride-2 layer (28 columns in
        /// 29-float flat rows): 550-566 us for the tile over a plain padded copy against 631-699 us for the flat plane, same process.
        /// </summary>
        public static bool IsFaster(int outWidth, int outHeight, int tileWidth, bool flat, int flatRowStride, int stride = 1)
        {
            if (tileWidth <= 0 || tileWidth > outWidth || outHeight < 2 || stride is < 1 or > 2) return false;
            double columns = (outWidth + tileWidth - 1) / tileWidth * tileWidth;
            double rows = (outHeight + 1) / 2 * 2;
            double channelVector = outWidth / columns * (outHeight / rows);
            double pixelVector = FlatTileStore.UsefulLanes(outWidth, flat, flatRowStride);
            return stride == 1 ? channelVector > pixelVector * 1.10 : channelVector >= pixelVector;
        }
    }
}
