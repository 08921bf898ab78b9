"""Writes Tests/NumPyTests/Fixtures/x_npy_probe.json: what NumPy itself reads from the
seed x.npy (shape, dtype, exact values at probe positions, and an exact sum), so the
Swift reader is checked against NumPy without Python at test time.

Run: python3 scripts/reference/npy_probe.py  (any NumPy)."""
import json, math, pathlib
import numpy as np

root = pathlib.Path(__file__).resolve().parents[2]
x = np.load(root.parent / "shared/reference/seed-features-librosa-0.8.1/x.npy")
flat = x.ravel()
positions = sorted({0, 1, 385, 386, 193 * 386 + 7, flat.size // 2, flat.size - 1}
                   | {int(i) for i in np.linspace(0, flat.size - 1, 25)})
probe = {
    "shape": list(x.shape),
    "dtype": x.dtype.str,
    "positions": positions,
    # repr() of a float64 round-trips exactly; hex() makes the bit pattern explicit.
    "values_hex": [float(flat[i]).hex() for i in positions],
    "fsum_hex": math.fsum(flat.tolist()).hex(),
}
out = root / "Tests/NumPyTests/Fixtures/x_npy_probe.json"
out.write_text(json.dumps(probe, indent=1) + "\n")
print("wrote", out)
