#!/usr/bin/env python3
"""Draws the app's icons as PNG files in public/ with only the standard library.

The icon is a white house with a heart in its door on the brand blue. The maskable
icon keeps the drawing inside the central 80% safe zone, as Android crops it.
Run again after changing the drawing: python3 scripts/make-icons.py
"""
import struct
import zlib
from pathlib import Path

BLUE = (20, 70, 110)
WHITE = (255, 255, 255)
GREEN = (11, 110, 79)


def inside_house(x, y):
    """True when (x, y), in a 0..1 square, is on the house's white shape."""
    roof = y >= 0.18 and y <= 0.46 and abs(x - 0.5) <= (y - 0.18) / 0.28 * 0.34
    body = 0.44 <= y <= 0.82 and 0.24 <= x <= 0.76
    return roof or body


def inside_heart(x, y):
    """True when (x, y) is on the heart in the door."""
    # Map to the heart's own coordinates, centred on the door.
    u = (x - 0.5) / 0.13
    v = (0.64 - y) / 0.13
    return (u * u + v * v - 1) ** 3 - u * u * v ** 3 <= 0


def pixel(x, y, scale):
    # Shrink the drawing towards the centre (for the maskable safe zone).
    x = 0.5 + (x - 0.5) / scale
    y = 0.5 + (y - 0.5) / scale
    if inside_heart(x, y):
        return GREEN
    if inside_house(x, y):
        return WHITE
    return BLUE


def png(size, scale):
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            # 2x2 supersampling keeps the edges smooth.
            acc = [0, 0, 0]
            for dx in (0.25, 0.75):
                for dy in (0.25, 0.75):
                    c = pixel((i + dx) / size, (j + dy) / size, scale)
                    acc = [a + b for a, b in zip(acc, c)]
            row += bytes(a // 4 for a in acc)
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    out = Path(__file__).resolve().parent.parent / "public"
    out.mkdir(exist_ok=True)
    (out / "icon-192.png").write_bytes(png(192, 1.0))
    (out / "icon-512.png").write_bytes(png(512, 1.0))
    (out / "icon-maskable-512.png").write_bytes(png(512, 0.78))
    (out / "apple-touch-icon.png").write_bytes(png(180, 0.9))
    print("wrote icons to", out)


if __name__ == "__main__":
    main()
