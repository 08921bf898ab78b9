"""librosa 0.8.1 values for parameters other than the tutorial's, where the Swift port
once disagreed (found by comparing the Audio library with librosa over a grid of
n_fft, hop, band, ref and tuning settings). Writes Tests/AudioTests/Fixtures/nondefault/:

  estimate_tuning_nfft1023.npy  float64 (3, 2): estimate_tuning(y, sr, n_fft=1023,
                                bins_per_octave=b) for chirp.wav, chord.wav and
                                harmonics16k.flac (rows) and b = 12, 36 (columns).
                                An odd n_fft: librosa converts peak bins to Hz with
                                sr / 1023, not sr / 1022 (what 512 bins suggest).
  power_to_db_input.npy         float32 (1, 5): values whose log10 numpy's float32 log10
                                and C's log10f agree on, so only the reference term can differ.
  power_to_db_refs.npy          float32 (5,): the refs used, one a row below.
  power_to_db.npy               float32 (5, 5): power_to_db(S, ref=r, top_db=None) per ref;
                                librosa takes 10 log10(ref) in float64 and rounds it once.
  resample_best_16k.npy         float32 (1600,): resample(chirp.wav's first 2205 samples,
                                22050, 16000) with librosa's default res_type, kaiser_best.
  resample_best_44k_scaled.npy  float32 (4410,): the same to 44100 with scale=True.

The signals are the committed fixtures (read as the tutorial reads audio), so nothing
here needs the corpus. Run with the librosa 0.8.1 venv:
  /work/venvs/librosa/bin/python scripts/reference/librosa_nondefault.py
"""
import os
import sys

import numpy as np
import librosa

sys.path.insert(0, os.path.dirname(__file__))
from librosa_signals import fixture_writer, read_like_tutorial  # noqa: E402

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "AudioTests", "Fixtures")


def main():
    save = fixture_writer("nondefault")

    tunings = []
    for file in ("chirp.wav", "chord.wav", "harmonics16k.flac"):
        x, sr = read_like_tutorial(os.path.join(FIXTURES, file))
        tunings.append([librosa.estimate_tuning(y=x, sr=sr, n_fft=1023, bins_per_octave=b) for b in (12, 36)])
    save("estimate_tuning_nfft1023", np.array(tunings, dtype=np.float64))

    S = np.array([[1.0, 2.0, 0.5, 4.0, 1e4]], dtype=np.float32)
    refs = np.array([2.0, 0.5, 5.0, 20.0, 0.25], dtype=np.float32)
    save("power_to_db_input", S)
    save("power_to_db_refs", refs)
    save("power_to_db", np.concatenate([librosa.power_to_db(S, ref=float(r), top_db=None) for r in refs]))

    chirp, sr = read_like_tutorial(os.path.join(FIXTURES, "chirp.wav"))
    assert sr == 22050, sr
    head = chirp[:2205]
    save("resample_best_16k", librosa.resample(head, sr, 16000))
    save("resample_best_44k_scaled", librosa.resample(head, sr, 44100, scale=True))


if __name__ == "__main__":
    main()
