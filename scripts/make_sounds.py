"""Make the board's sounds (assets/sounds/*.wav): short tones synthesised here, original works under CC0.

Each sound is a few soft bell-like notes (a sine with two quiet overtones, a quick
attack and an exponential decay), 16-bit mono at 22,050 Hz, peaking well below full
scale so that none is startling. The output is the same bytes on every run, so the
files in the repository can be checked against this script (tests/ui/test_sound.py).

Run: python scripts/make_sounds.py [--out assets/sounds]
"""

from __future__ import annotations

import argparse
import math
import struct
import sys
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RATE = 22_050
PEAK = 0.45  # of full scale

# name -> notes as (start in seconds, frequency in Hz, length in seconds, loudness)
SOUNDS: dict[str, list[tuple[float, float, float, float]]] = {
    # the computer is handed on: a rising fourth, E5 then A5, like a doorbell heard from another room
    "handover": [(0.0, 659.26, 0.55, 0.8), (0.16, 880.00, 0.75, 1.0)],
    # a crisis breaks: a low falling minor third, D4 over D3 then B3, grave but not an alarm
    "crisis": [(0.0, 146.83, 1.0, 0.7), (0.0, 293.66, 0.5, 0.9), (0.22, 246.94, 0.85, 1.0)],
}


def note(t: float, freq: float, length: float) -> float:
    """One bell-like note at ``t`` seconds into it: 10 ms attack, exponential decay, no click at the end."""
    if t < 0 or t >= length:
        return 0.0
    attack = min(1.0, t / 0.01)
    decay = math.exp(-4.5 * t / length)
    tail = min(1.0, (length - t) / 0.03)
    tone = (
        math.sin(2 * math.pi * freq * t)
        + 0.30 * math.sin(2 * math.pi * 2 * freq * t)
        + 0.12 * math.sin(2 * math.pi * 3 * freq * t)
    )
    return attack * decay * tail * tone


def samples(notes: list[tuple[float, float, float, float]]) -> list[int]:
    end = max(start + length for start, _, length, _ in notes)
    raw = [
        sum(loud * note(i / RATE - start, freq, length) for start, freq, length, loud in notes)
        for i in range(int(end * RATE) + 1)
    ]
    scale = PEAK / max(abs(v) for v in raw)
    return [round(v * scale * 32767) for v in raw]


def write(path: Path, values: list[int]) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(struct.pack(f"<{len(values)}h", *values))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ROOT / "assets" / "sounds", help="folder to write into")
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, notes in SOUNDS.items():
        path = args.out / f"{name}.wav"
        write(path, samples(notes))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
