using System;
using System.Numerics.Tensors;

namespace ConvGen.Kernels
{
    /// <summary>Plain row-major matrix products built from <see cref="TensorPrimitives"/> row operations (no blocking).</summary>
    public static class Gemm
    {
        /// <summary>C[m,n] (+)= A[m,k] * B[k,n].</summary>
        public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
        {
            for (int i = 0; i < m; i++)
            {
                Span<float> row = c.Slice(i * n, n);
                if (!accumulate) row.Clear();
                for (int p = 0; p < k; p++)
                {
                    float aip = a[i * k + p];
                    if (aip != 0) TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), aip, row, row);
                }
            }
        }

        /// <summary>C[m,n] (+)= A[m,k] * B[n,k]^T (dot products of rows).</summary>
        public static void MultiplyTransposedB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
        {
            for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float dot = TensorPrimitives.Dot(a.Slice(i * k, k), b.Slice(j * k, k));
                c[i * n + j] = accumulate ? c[i * n + j] + dot : dot;
            }
        }

        /// <summary>C[m,n] (+)= A[k,m]^T * B[k,n].</summary>
        public static void MultiplyTransposedA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
        {
            if (!accumulate) c.Slice(0, m * n).Clear();
            for (int p = 0; p < k; p++)
            for (int i = 0; i < m; i++)
            {
                float api = a[p * m + i];
                if (api != 0)
                {
                    Span<float> row = c.Slice(i * n, n);
                    TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), api, row, row);
                }
            }
        }
    }
}
