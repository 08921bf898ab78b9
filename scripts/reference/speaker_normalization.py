"""NumPy's speaker normalisation of the committed features, the oracle for
SongEmotion.SpeakerNormalization. Writes Tests/SongEmotionTests/Fixtures/:

  speaker_normalized.npy    float64 (1012, 6): columns COLUMNS of data/features/x.npy
                            (one per feature group), each actor's rows minus that
                            actor's mean, divided by that actor's std (ddof 0; 1 where
                            the std is 0), the actor read from recordings.txt.
  speaker_normalized_subset.npy
                            float64 (1012, 6): the same with each actor's statistics
                            taken from their first 8 rows only, applied to all rows.

Run with any Python that has NumPy, from the repository root:
  /work/venvs/librosa/bin/python scripts/reference/speaker_normalization.py
"""
import numpy as np

COLUMNS = [0, 45, 100, 181, 190, 385]  # mfcc, chroma, mel, contrast, tonnetz (mean), tonnetz (std)
FIRST_ROWS = 8

x = np.load("data/features/x.npy")
names = [line.strip() for line in open("data/features/recordings.txt") if line.strip()]
actors = np.array([int(name.split("/")[0].split("_")[1]) for name in names])


def normalized(statistics_rows):
    out = np.empty_like(x)
    for actor in np.unique(actors):
        rows = actors == actor
        chosen = x[statistics_rows & rows]
        mean, std = chosen.mean(axis=0), chosen.std(axis=0)
        std[std == 0] = 1
        out[rows] = (x[rows] - mean) / std
    return out[:, COLUMNS]


everything = np.ones(len(x), dtype=bool)
first = np.zeros(len(x), dtype=bool)
for actor in np.unique(actors):
    first[np.flatnonzero(actors == actor)[:FIRST_ROWS]] = True

folder = "Tests/SongEmotionTests/Fixtures/"
np.save(folder + "speaker_normalized.npy", normalized(everything))
np.save(folder + "speaker_normalized_subset.npy", normalized(first))
