#!/usr/bin/env python3
"""Synthesise spoken "one" and "two" with espeak-ng and store their spectrograms as
resources/data/spoken-digits.plimg (the lab's PLABIMG1 format, see engine/data/ImageDataset.h).

Usage (Debian: apt-get install espeak-ng):
    python3 tools/make_spoken_digits.py resources/data/spoken-digits.plimg

Every espeak-ng voice variant says each word at two speeds (130, 170 words per minute) and two
pitches (35, 65), as the voice "en+VARIANT" (the "en-gb+VARIANT" form silently ignores the
variant). Each utterance becomes a 20 x 10 image: 20 mel-spaced frequency bands (100 Hz to
5 kHz) over 10 equal time frames of the voiced part (the samples above 2 % of the peak
amplitude), log power, scaled to 0..255 per utterance. Label 1 = "one", 2 = "two". Every fifth
variant (in espeak-ng's listing order) is held out as the test split, so the test voices are
voices the network never heard. Pure Python: a small radix-2 FFT, no third-party modules.
"""
import cmath
import math
import os
import struct
import subprocess
import sys
import tempfile
import wave
import zlib

BANDS, FRAMES = 20, 10
SPEEDS, PITCHES = (130, 170), (35, 65)
WORDS = {1: "one", 2: "two"}


def fft(x):
    n = len(x)
    if n == 1:
        return x
    even, odd = fft(x[0::2]), fft(x[1::2])
    out = [0j] * n
    for k in range(n // 2):
        t = cmath.exp(-2j * math.pi * k / n) * odd[k]
        out[k], out[k + n // 2] = even[k] + t, even[k] - t
    return out


def mel(f):
    return 2595 * math.log10(1 + f / 700)


def inverse_mel(m):
    return 700 * (10 ** (m / 2595) - 1)


def spectrogram(samples, rate):
    peak = max(abs(s) for s in samples) or 1
    voiced = [i for i, s in enumerate(samples) if abs(s) > 0.02 * peak]
    start, end = voiced[0], voiced[-1] + 1
    segment = samples[start:end]
    edges = [inverse_mel(mel(100) + (mel(5000) - mel(100)) * b / BANDS) for b in range(BANDS + 1)]
    image = [[0.0] * FRAMES for _ in range(BANDS)]
    for f in range(FRAMES):
        a, b = len(segment) * f // FRAMES, len(segment) * (f + 1) // FRAMES
        frame = segment[a:b]
        n = 1
        while n < len(frame):
            n *= 2
        window = [frame[i] * (0.5 - 0.5 * math.cos(2 * math.pi * i / max(1, len(frame) - 1))) for i in range(len(frame))]
        spectrum = fft([complex(v) for v in window + [0.0] * (n - len(window))])
        power = [abs(c) ** 2 for c in spectrum[: n // 2]]
        for band in range(BANDS):
            lo, hi = edges[band], edges[band + 1]
            bins = [power[k] for k in range(n // 2) if lo <= k * rate / n < hi]
            image[band][f] = math.log10(1e-6 + (sum(bins) / len(bins) if bins else 0.0))
    flat = [v for row in image for v in row]
    lo, hi = min(flat), max(flat)
    return [int(round(255 * (v - lo) / (hi - lo))) if hi > lo else 0 for v in flat]


def variants():
    out = subprocess.run(["espeak-ng", "--voices=variant"], capture_output=True, text=True, check=True).stdout
    return [line.split()[4].replace("!v/", "") for line in out.splitlines()[1:] if len(line.split()) >= 5]


def main():
    target = sys.argv[1]
    records = []
    with tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "u.wav")
        for index, variant in enumerate(variants()):
            split = 1 if index % 5 == 4 else 0
            for label, word in WORDS.items():
                for speed in SPEEDS:
                    for pitch in PITCHES:
                        subprocess.run(["espeak-ng", "-v", "en+" + variant, "-s", str(speed), "-p", str(pitch),
                                        "-w", wav, word], check=True)
                        with wave.open(wav) as w:
                            rate = w.getframerate()
                            raw = w.readframes(w.getnframes())
                        samples = struct.unpack("<%dh" % (len(raw) // 2), raw)
                        records.append(bytes([label, split]) + bytes(spectrogram(samples, rate)))
            print(f"{index + 1} voices", file=sys.stderr, end="\r")
    body = b"PLABIMG1" + struct.pack("<IIII", 1, len(records), BANDS, FRAMES) + b"".join(records)
    body += struct.pack("<I", zlib.crc32(body) & 0xFFFFFFFF)
    with open(target, "wb") as f:
        f.write(body)
    print(f"\nwrote {target}: {len(records)} utterances, {len(body)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
