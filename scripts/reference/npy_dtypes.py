"""Writes Tests/NumPyTests/Fixtures/dtypes/: small .npy files as NumPy saves arrays that
users bring to `notebook train` (int32 labels from NumPy on Windows, uint8 or bool masks,
big-endian data, a transposed array saved in Fortran order), and expected.json with the
values NumPy reads from each, flattened in C order. The Swift reader is checked against
these without Python at test time.

Run: python3 scripts/reference/npy_dtypes.py  (any NumPy)."""
import json, pathlib
import numpy as np

root = pathlib.Path(__file__).resolve().parents[2]
out = root / "Tests/NumPyTests/Fixtures/dtypes"
out.mkdir(parents=True, exist_ok=True)

labels = np.array([0, 5, 3, 1, 2, 4])
cases = {
    "int8": labels.astype("<i1"),
    "uint8": labels.astype("|u1"),
    "int16_big": labels.astype(">i2"),
    "int32": labels.astype("<i4"),
    "uint32": labels.astype("<u4"),
    "int64_big": (labels - 3).astype(">i8"),
    "uint64": np.array([0, 2**63 - 1], dtype="<u8"),
    "bool": np.array([True, False, True]),
    "float32_big": np.array([1.5, -0.25, 3e38], dtype=">f4"),
    "float64_big": np.array([np.pi, -1e-300, 0.1], dtype=">f8"),
    # A transposed array keeps Fortran order when saved; NumPy reads it back in C order.
    "fortran_2d": np.asfortranarray(np.arange(6, dtype="<f8").reshape(2, 3) + 0.5),
    "fortran_3d": np.asfortranarray(np.arange(24, dtype="<i4").reshape(2, 3, 4)),
    "fortran_transposed": np.arange(12, dtype="<f4").reshape(3, 4).T,
}
expected = {}
for name, array in cases.items():
    np.save(out / f"{name}.npy", array)
    back = np.load(out / f"{name}.npy")
    assert back.dtype == array.dtype
    values = back.ravel(order="C")
    kind = "float" if values.dtype.kind == "f" else "integer"
    expected[name] = {
        "descr": np.lib.format.dtype_to_descr(back.dtype),
        "fortran_order": bool(back.flags.f_contiguous and not back.flags.c_contiguous),
        "shape": list(back.shape),
        "kind": kind,
        # float.hex() keeps every bit of a float64 (and of a float32 widened to it).
        "values": [float(v).hex() for v in values] if kind == "float" else [int(v) for v in values],
    }
(out / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")
print("wrote", len(cases), "arrays to", out)
