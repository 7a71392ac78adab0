using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using ConvGen.Data;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    public class IdxAndDataTests
    {
        private static byte[] Idx(int magic, int[] dims, int dataLength)
        {
            var ms = new MemoryStream();
            void Int(int v) => ms.Write([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
            Int(magic);
            foreach (int d in dims) Int(d);
            for (int i = 0; i < dataLength; i++) ms.WriteByte((byte)(i * 7));
            return ms.ToArray();
        }

        private static byte[] Gzip(byte[] raw)
        {
            var ms = new MemoryStream();
            using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(raw);
            return ms.ToArray();
        }

        [Fact]
        public void ReadsRawAndGzip()
        {
            byte[] raw = Idx(IdxReader.ImagesMagic, [2, 3, 4], 24);
            foreach (var bytes in new[] { raw, Gzip(raw) })
            {
                var (pixels, count, rows, cols) = IdxReader.ReadImages(new MemoryStream(bytes));
                Assert.Equal((2, 3, 4), (count, rows, cols));
                Assert.Equal(Enumerable.Range(0, 24).Select(i => (byte)(i * 7)), pixels);
            }
            Assert.Equal(5, IdxReader.ReadLabels(new MemoryStream(Idx(IdxReader.LabelsMagic, [5], 5))).Length);
        }

        [Fact]
        public void WrongMagic_Throws()
        {
            var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(new MemoryStream(Idx(IdxReader.LabelsMagic, [5], 5)), "labels.idx"));
            Assert.Contains("0x00000801", e.Message);
            Assert.Contains("labels.idx", e.Message);
            Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(new MemoryStream(Idx(IdxReader.ImagesMagic, [1, 1, 1], 1))));
        }

        [Fact]
        public void TruncatedOrTrailing_Throws()
        {
            var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(new MemoryStream(Idx(IdxReader.ImagesMagic, [2, 3, 4], 23))));
            Assert.Contains("truncated", e.Message);
            e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(new MemoryStream(Idx(IdxReader.ImagesMagic, [2, 3, 4], 25))));
            Assert.Contains("trailing", e.Message);
            Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(new MemoryStream(Idx(IdxReader.ImagesMagic, [2, 3, 4], 24).AsSpan(0, 10).ToArray())));
            Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(new MemoryStream([0, 0])));
        }

        [Fact]
        public void CorruptGzip_Throws()
        {
            byte[] gz = Gzip(Idx(IdxReader.ImagesMagic, [2, 3, 4], 24));
            byte[] truncated = gz.AsSpan(0, gz.Length - 12).ToArray();
            Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(new MemoryStream(truncated)));
            byte[] garbled = (byte[])gz.Clone();
            for (int i = 10; i < garbled.Length; i++) garbled[i] ^= 0x5A;
            Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(new MemoryStream(garbled)));
        }

        [Fact]
        public void BundledDigits_Load_WithExpectedSizesAndStatistics()
        {
            var train = Mnist.Load(TestData.MnistDirectory, train: true, normalize: false);
            var test = Mnist.Load(TestData.MnistDirectory, train: false);
            Assert.Equal(new[] { 8000, 1, 28, 28 }, train.Images.Shape.ToArray());
            Assert.Equal(2000, test.Count);
            float[] pixels = train.Images.ToArray();
            Assert.Equal(0f, pixels.Min());
            Assert.Equal(1f, pixels.Max());
            // MNIST's mean pixel is about 0.13; every class is present in both splits.
            Assert.InRange(pixels.Average(), 0.11, 0.15);
            Assert.Equal(10, train.Labels.Distinct().Count());
            Assert.Equal(10, test.Labels.Distinct().Count());
            // Normalisation: (x − 0.1307) / 0.3081, so a zero pixel becomes −0.4242.
            Assert.Equal(-0.1307f / 0.3081f, test.Images.ToArray().Min(), 5);
        }

        [Fact]
        public void Mnist_MissingFolder_NamesFile()
        {
            var e = Assert.Throws<FileNotFoundException>(() => Mnist.Load(Path.Combine(Path.GetTempPath(), "no-such-mnist"), train: true));
            Assert.Contains("train-images-idx3-ubyte", e.Message);
        }

        private static ImageDataset Numbered(int count)
        {
            var images = new Tensor(count, 1, 1, 2);
            for (int i = 0; i < count; i++) { images[i, 0, 0, 0] = i; images[i, 0, 0, 1] = -i; }
            return new ImageDataset(images, Enumerable.Range(0, count).Select(i => i % 10).ToArray());
        }

        [Fact]
        public void DataLoader_VisitsEveryExampleOncePerEpoch_LastBatchSmaller()
        {
            var loader = new DataLoader(Numbered(10), 4, seed: 3);
            var batches = loader.Epoch().ToList();
            Assert.Equal(new[] { 4, 4, 2 }, batches.Select(b => b.Count));
            var seen = batches.SelectMany(b => Enumerable.Range(0, b.Count).Select(i => (int)b.Images[i, 0, 0, 0])).ToList();
            Assert.Equal(Enumerable.Range(0, 10), seen.OrderBy(i => i));
            Assert.NotEqual(Enumerable.Range(0, 10), seen);
            // Labels and images travel together.
            Assert.All(batches, b => Assert.Equal(Enumerable.Range(0, b.Count).Select(i => (int)b.Images[i, 0, 0, 0] % 10), b.Labels));
            Assert.Equal(2, new DataLoader(Numbered(10), 4, dropLast: true).Epoch().Count());
        }

        [Fact]
        public void DataLoader_SameSeedSameOrder_NewOrderEachEpoch()
        {
            int[] Order(DataLoader l) => l.Epoch().SelectMany(b => Enumerable.Range(0, b.Count).Select(i => (int)b.Images[i, 0, 0, 0])).ToArray();
            var a = new DataLoader(Numbered(50), 8, seed: 42);
            var b = new DataLoader(Numbered(50), 8, seed: 42);
            int[] a1 = Order(a), a2 = Order(a);
            Assert.Equal(a1, Order(b));
            Assert.Equal(a2, Order(b));
            Assert.NotEqual(a1, a2);
            Assert.NotEqual(a1, Order(new DataLoader(Numbered(50), 8, seed: 43)));
        }
    }
}
