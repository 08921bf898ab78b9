"""librosa 0.8.1 values for the Audio library's spectral-shape, energy, zero-crossing
and delta features (the lessons' "What to try next"). Writes small fixtures into
Tests/AudioTests/Fixtures/spectral_extras/ from the committed test signals (read as the
tutorial reads audio), so nothing here needs the corpus except the last file:

  <signal>.npy          float64 (7, T), librosa's defaults, one row each:
                        spectral_centroid(y, sr), spectral_bandwidth(y, sr),
                        spectral_rolloff(y, sr), spectral_flatness(y),
                        rms(y), rms(S=|stft(y)|), zero_crossing_rate(y)
                        for chirp (22.05 kHz), chord (44.1 kHz), noise and short
                        (48 kHz, 1000 samples: two frames), silence, harmonics16k.
  chirp_<case>.npy      float64 (1, T'): one call with other parameters (CASES below).
  mfcc_chirp.npy        float32 (20, 44): mfcc(chirp, 22050), the input of the deltas.
  delta_w<W>_o<O>.npy   float32 (20, 44): delta(mfcc_chirp, width=W, order=O).
  delta_axis0.npy       float32 (20, 44): delta(mfcc_chirp, axis=0).
  delta_w7_o3.npy       float32 (20, 44): delta(mfcc_chirp, width=7, order=3).
  zcr_tiny_input.npy    float32 (12,): zeros, a negative zero and values within the
                        threshold; zcr_tiny.npy float64 (4, 7): zero_crossing_rate of it in
                        frames of 4 every 2, as librosa sets it, with threshold None, with
                        zero_pos False, and with pad True (threshold None, zero_pos False).
  short_matrix.npy      float32 (3, 5): a short matrix; short_delta_o<O>.npy its
                        delta(width=5, order=O), where every position is an edge.
  corpus.npy            float64 (7, ceil(T/10)): the <signal>.npy rows for one corpus
                        recording (CORPUS_FILE, 48 kHz), every 10th frame, when
                        RAVDESS_SONG_DIR is set; float64 (40,): the standard deviation
                        over frames of delta(mfcc(y, n_mfcc=40)) in corpus_delta_std.npy.

Run with the librosa 0.8.1 venv:
  /work/venvs/librosa/bin/python scripts/reference/librosa_spectral_extras.py
"""
import os
import sys

import numpy as np
import librosa

sys.path.insert(0, os.path.dirname(__file__))
from librosa_signals import fixture_writer, read_like_tutorial  # noqa: E402

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "AudioTests", "Fixtures")
SIGNALS = ["chirp.wav", "chord.wav", "noise.wav", "short.wav", "silence.wav", "harmonics16k.flac"]
CORPUS_FILE = "Actor_01/03-02-01-01-01-01-01.flac"

F = librosa.feature
# name -> f(y, sr) for the chirp, with parameters other than librosa's defaults.
CASES = {
    "centroid_nfft1024_hop256": lambda y, sr: F.spectral_centroid(y=y, sr=sr, n_fft=1024, hop_length=256),
    "centroid_nfft1023": lambda y, sr: F.spectral_centroid(y=y, sr=sr, n_fft=1023),
    "centroid_nocenter": lambda y, sr: F.spectral_centroid(y=y, sr=sr, center=False),
    "bandwidth_p1": lambda y, sr: F.spectral_bandwidth(y=y, sr=sr, p=1),
    "bandwidth_p3_nonorm": lambda y, sr: F.spectral_bandwidth(y=y, sr=sr, p=3, norm=False),
    "rolloff_010": lambda y, sr: F.spectral_rolloff(y=y, sr=sr, roll_percent=0.1),
    "rolloff_099_nfft1024": lambda y, sr: F.spectral_rolloff(y=y, sr=sr, roll_percent=0.99, n_fft=1024),
    "flatness_power1_amin1e-5": lambda y, sr: F.spectral_flatness(y=y, power=1.0, amin=1e-5),
    "flatness_nocenter_hop256": lambda y, sr: F.spectral_flatness(y=y, center=False, hop_length=256),
    "rms_frame1024_hop256": lambda y, sr: F.rms(y=y, frame_length=1024, hop_length=256),
    "rms_nocenter": lambda y, sr: F.rms(y=y, center=False),
    "rms_constant_frame1001": lambda y, sr: F.rms(y=y, frame_length=1001, hop_length=300, pad_mode="constant"),
    "rms_S_nfft1023": lambda y, sr: F.rms(S=np.abs(librosa.stft(y, n_fft=1023, hop_length=255)), frame_length=1023),
    "zcr_frame1024_hop256": lambda y, sr: F.zero_crossing_rate(y, frame_length=1024, hop_length=256),
    "zcr_nocenter": lambda y, sr: F.zero_crossing_rate(y, center=False),
    "zcr_ref_nonzeropos_pad": lambda y, sr: F.zero_crossing_rate(
        y, frame_length=512, hop_length=128, threshold=1.0, ref_magnitude=0.2, zero_pos=False, pad=True),
    "zcr_nothreshold": lambda y, sr: F.zero_crossing_rate(y, threshold=None),
}


def defaults(y, sr):
    S = np.abs(librosa.stft(y))
    rows = [
        F.spectral_centroid(y=y, sr=sr),
        F.spectral_bandwidth(y=y, sr=sr),
        F.spectral_rolloff(y=y, sr=sr),
        F.spectral_flatness(y=y),
        F.rms(y=y),
        F.rms(S=S),
        F.zero_crossing_rate(y),
    ]
    return np.concatenate([r.astype(np.float64) for r in rows])


def main():
    save = fixture_writer("spectral_extras")

    for file in SIGNALS:
        y, sr = read_like_tutorial(os.path.join(FIXTURES, file))
        save(file.split(".")[0], defaults(y, sr))

    chirp, sr = read_like_tutorial(os.path.join(FIXTURES, "chirp.wav"))
    for name, f in CASES.items():
        save(f"chirp_{name}", f(chirp, sr).astype(np.float64))

    m = librosa.feature.mfcc(y=chirp, sr=sr)
    save("mfcc_chirp", m)
    for width in (3, 5, 9):
        for order in (1, 2):
            save(f"delta_w{width}_o{order}", F.delta(m, width=width, order=order))
    save("delta_axis0", F.delta(m, axis=0))
    save("delta_w7_o3", F.delta(m, width=7, order=3))
    # Zeros, a negative zero and values inside the 1e-10 threshold, in frames of 4.
    tiny = np.array([0.5, -0.0, 0.5, 5e-11, -5e-11, -0.5, 0.0, -0.0, 0.25, -1e-10, 0.25, -0.75], dtype=np.float32)
    save("zcr_tiny_input", tiny)
    save("zcr_tiny", np.concatenate([
        F.zero_crossing_rate(tiny, frame_length=4, hop_length=2, **kw)
        for kw in ({}, {"threshold": None}, {"zero_pos": False}, {"pad": True, "threshold": None, "zero_pos": False})]))
    short = np.array([[1, 4, 9, 16, 25], [0.5, -1, 2, 0, 3], [-2, -2, -2, -2, -2]], dtype=np.float32)
    save("short_matrix", short)
    for order in (1, 2):
        save(f"short_delta_o{order}", F.delta(short, width=5, order=order))

    corpus = os.environ.get("RAVDESS_SONG_DIR")
    if corpus:
        y, sr = read_like_tutorial(os.path.join(corpus, CORPUS_FILE))
        save("corpus", defaults(y, sr)[:, ::10])
        save("corpus_delta_std", np.std(F.delta(F.mfcc(y=y, sr=sr, n_mfcc=40)), axis=1))
    else:
        print("RAVDESS_SONG_DIR not set: corpus.npy not written", file=sys.stderr)


if __name__ == "__main__":
    main()
