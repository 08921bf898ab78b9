"""librosa 0.8.1's values for the recipe's extra feature groups (SongEmotion.FeatureExtra,
`notebook features --extra`), the oracle for FeatureExtraTests. Writes

  Tests/SongEmotionTests/Fixtures/recipe_extras.npy   float64 (len(SOURCES), 172)

one row per source below: the means over frames of rms, zero_crossing_rate,
spectral_centroid, spectral_bandwidth, spectral_rolloff, spectral_flatness (1 value each),
delta(mfcc) and delta(mfcc, order=2) (40 each, of mfcc(y, sr, n_mfcc=40)), then the
population standard deviations of the same, each librosa.feature function called with
y and sr and its defaults. The audio is read as the tutorial reads it (soundfile float32,
channels averaged). Sources: the Audio module's own test signals (written by
librosa_signals.py) and three corpus recordings, the stereo one included.

Run from the repository root with the librosa 0.8.1 venv and the corpus:
  RAVDESS_SONG_DIR=... /work/venvs/librosa/bin/python scripts/reference/librosa_recipe_extras.py
"""
import os
import sys
import warnings

import numpy as np
import librosa

sys.path.insert(0, os.path.dirname(__file__))
from librosa_signals import OUT as SIGNALS, read_like_tutorial  # noqa: E402

SIGNAL_FILES = ["chirp.wav", "chord.wav", "noise.wav", "stereo.wav", "silence.wav", "harmonics16k.flac"]
CORPUS_FILES = ["Actor_01/03-02-01-01-01-01-01.flac", "Actor_12/03-02-05-02-02-01-12.flac",
                "Actor_24/03-02-01-01-01-01-24.flac"]  # the last is the corpus's stereo recording
SOURCES = [("signal", name) for name in SIGNAL_FILES] + [("corpus", name) for name in CORPUS_FILES]


def extras(y, sr):
    mfcc = librosa.feature.mfcc(y=y, sr=sr, n_mfcc=40)
    groups = [
        librosa.feature.rms(y=y),
        librosa.feature.zero_crossing_rate(y),
        librosa.feature.spectral_centroid(y=y, sr=sr),
        librosa.feature.spectral_bandwidth(y=y, sr=sr),
        librosa.feature.spectral_rolloff(y=y, sr=sr),
        librosa.feature.spectral_flatness(y=y),
        librosa.feature.delta(mfcc),
        librosa.feature.delta(mfcc, order=2),
    ]
    means = [np.mean(g.T, axis=0) for g in groups]
    stds = [np.std(g.T, axis=0) for g in groups]
    return np.hstack(means + stds).astype(np.float64)


def main():
    assert librosa.__version__ == "0.8.1", librosa.__version__
    warnings.simplefilter("ignore")
    corpus = os.environ["RAVDESS_SONG_DIR"]
    rows = []
    for kind, name in SOURCES:
        path = os.path.join(SIGNALS if kind == "signal" else corpus, name)
        y, sr = read_like_tutorial(path)
        rows.append(extras(y, sr))
        print(f"{name}: sr={sr} n={len(y)}", file=sys.stderr)
    out = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "SongEmotionTests", "Fixtures", "recipe_extras.npy")
    np.save(out, np.vstack(rows))


if __name__ == "__main__":
    main()
