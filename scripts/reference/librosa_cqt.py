"""Writes Tests/AudioTests/Fixtures/cqt/: librosa 0.8.1 / resampy 0.2.2 intermediate
outputs of the tonnetz path (resampling, median filters, effects.harmonic, estimated
tuning, cqt magnitude, chroma_cqt, tonnetz), so the Swift port is checked stage by stage
without Python at test time.

Signals: two synthetic ones generated here (their float32 samples are committed as
inputs), and two crops of corpus recordings (only the OUTPUTS are committed; the tests
decode the same FLAC and crop it the same way).

Run: /work/venvs/librosa/bin/python scripts/reference/librosa_cqt.py
"""
import json, pathlib
import numpy as np
import scipy.ndimage
import soundfile as sf
import librosa
import resampy

root = pathlib.Path(__file__).resolve().parents[2]
out = root / "Tests/AudioTests/Fixtures/cqt"
out.mkdir(parents=True, exist_ok=True)
corpus = root.parent / "shared/datasets/ravdess-song"

assert librosa.__version__ == "0.8.1", librosa.__version__
assert resampy.__version__ == "0.2.2", resampy.__version__


def save(name, array):
    np.save(out / f"{name}.npy", np.ascontiguousarray(array))


# -- resampy's kaiser_fast table, to check the table we build at run time -------------
table = resampy.filters.get_filter("kaiser_fast")
save("kaiser_fast_half_window", table[0].astype(np.float64))

# -- median filters on random magnitudes (exact comparison) ---------------------------
rng = np.random.default_rng(386)
for name, shape in [("median_random", (70, 45)), ("median_tiny", (5, 3)), ("median_signed", (40, 33))]:
    m = rng.random(shape, dtype=np.float32) * 3
    m[m < 0.3] = 0  # ties, as silent bins give
    if name == "median_signed":  # negative values and -0.0 take the general key path
        m -= 1.5
        m[::7, ::5] = -0.0
    save(f"{name}_input", m)
    save(f"{name}_time", scipy.ndimage.median_filter(m, size=(1, 31), mode="reflect"))
    save(f"{name}_freq", scipy.ndimage.median_filter(m, size=(31, 1), mode="reflect"))


def synthetic(kind, sr, seconds):
    t = np.arange(int(sr * seconds)) / sr
    if kind == "chord":
        # A C-major triad slightly sharp, with a vibrato, and a little noise.
        f = np.array([261.63, 329.63, 392.0]) * 2 ** (0.13 / 12)
        y = sum(np.sin(2 * np.pi * fi * t + 0.3 * np.sin(2 * np.pi * 5 * t)) for fi in f) / 4
        y += 0.01 * np.random.default_rng(7).standard_normal(len(t))
    else:  # "chirp": exponential sweep 60 Hz -> 3 kHz, plus a click train
        y = 0.5 * np.sin(2 * np.pi * 60 * seconds / np.log(50) * (50 ** (t / seconds) - 1))
        y[:: sr // 8] += 0.8
    return y.astype(np.float32)


def dump(name, y, sr, full=True):
    meta = {"sr": sr, "n": int(len(y))}
    if full:
        save(f"{name}_input", y)
        # resampy itself (no librosa length fix or scaling), ratio 1/2 and a general one.
        save(f"{name}_resampy_half", resampy.resample(y, sr, sr // 2, filter="kaiser_fast"))
        save(f"{name}_resampy_44100", resampy.resample(y, sr, 44100, filter="kaiser_fast"))
        # librosa.resample as cqt's octave step calls it (length fix, sqrt(2) scale).
        save(f"{name}_librosa_half", librosa.resample(y, 2, 1, res_type="kaiser_fast", scale=True))
    yh = librosa.effects.harmonic(y)
    if full:
        save(f"{name}_harmonic", yh)
    tuning = librosa.estimate_tuning(y=yh, sr=sr, bins_per_octave=36)
    meta["tuning"] = float(tuning)
    if full:
        # cqt at tuning 0 isolates the transform from the tuning estimate.
        c0 = np.abs(librosa.cqt(yh, sr=sr, n_bins=252, bins_per_octave=36, tuning=0.0))
        save(f"{name}_cqt_tuning0", c0.astype(np.float32))
        c = np.abs(librosa.cqt(yh, sr=sr, n_bins=252, bins_per_octave=36, tuning=tuning))
        save(f"{name}_cqt", c.astype(np.float32))
    save(f"{name}_chroma_cqt", librosa.feature.chroma_cqt(y=yh, sr=sr))
    save(f"{name}_tonnetz", librosa.feature.tonnetz(y=yh, sr=sr))
    return meta


meta = {}
meta["chord48k"] = dump("chord48k", synthetic("chord", 48000, 0.6), 48000)
meta["chirp22k"] = dump("chirp22k", synthetic("chirp", 22050, 1.0), 22050)

# Corpus crops: samples [48000, 48000 + 72000) of the decoded float32 mono signal.
for name, rel in [("actor05_crop", "Actor_05/03-02-03-02-01-01-05.flac"),
                  ("actor19_crop", "Actor_19/03-02-06-01-02-02-19.flac")]:
    y, sr = sf.read(corpus / rel, dtype="float32")
    if y.ndim > 1:
        y = y.mean(axis=1)
    y = np.ascontiguousarray(y[48000:48000 + 72000])
    m = dump(name, y, sr, full=False)
    m.update(path=rel, start=48000, count=72000)
    meta[name] = m

(out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
print("wrote", out)
