"""Reference values for the Audio module's own test signals, from librosa 0.8.1.

Writes small WAV/FLAC fixtures (chirp, chord, noise, silence, a stereo file, a clip
shorter than one frame; 16/24-bit integer, float WAV, FLAC; 16 to 48 kHz) into
Tests/AudioTests/Fixtures/ and, for each, what librosa 0.8.1 computes from it the way
the tutorial does (soundfile float32 read, mono mix-down by averaging channels):

  <name>.mel.npy        melspectrogram(y, sr)                  float32 (128, T)
  <name>.mfcc.npy       mfcc(y, sr, n_mfcc=40)                 float32 (40, T)
  <name>.chroma.npy     chroma_stft(S=|stft(y)|, sr)           float32 (12, T)
  <name>.contrast.npy   spectral_contrast(S=|stft(y)|, sr)     float64 (7, T)
  <name>.tuning.npy     estimate_tuning(S=|stft(y)|, sr, bins_per_octave=12)  (1,)
  <name>.features.npy   the tutorial's 386 values              float64 (386,)
                        (absent when librosa itself raises, e.g. cqt of a tiny clip)
and for the chirp only: chirp.stft_abs.npy (|stft|) and chirp.istft.npy
(istft(stft(y), length=len(y))).

Run with the librosa 0.8.1 venv:  /work/venvs/librosa/bin/python scripts/reference/librosa_signals.py
"""
import os
import sys
import warnings

import numpy as np
import soundfile
import librosa

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "AudioTests", "Fixtures")


def signals():
    rng = np.random.default_rng(20240603)
    sigs = []

    sr = 22050
    t = np.arange(int(1.0 * sr)) / sr
    f0, f1 = 110.0, 4000.0  # exponential chirp across most of the chroma/mel range
    k = np.log(f1 / f0)
    chirp = 0.6 * np.sin(2 * np.pi * f0 * (np.exp(k * t) - 1) / k)
    sigs.append(("chirp", chirp, sr, "PCM_16", "WAV"))

    sr = 44100
    t = np.arange(int(0.75 * sr)) / sr
    # A major triad slightly sharp (+20 cents) so tuning estimation has something to find.
    cents = 2 ** (20 / 1200)
    chord = sum(0.25 * np.sin(2 * np.pi * f * cents * t) for f in (220.0, 277.18, 329.63))
    chord *= np.minimum(1, t / 0.05)  # soft attack
    sigs.append(("chord", chord, sr, "PCM_24", "WAV"))

    sr = 48000
    noise = 0.3 * rng.standard_normal(int(0.5 * sr))
    sigs.append(("noise", np.clip(noise, -1, 1), sr, "FLOAT", "WAV"))

    sr = 48000
    t = np.arange(int(0.4 * sr)) / sr
    left = 0.4 * np.sin(2 * np.pi * 440 * t) + 0.1 * np.sin(2 * np.pi * 1320 * t)
    right = 0.3 * np.sin(2 * np.pi * 523.25 * t) + 0.05 * rng.standard_normal(len(t))
    sigs.append(("stereo", np.stack([left, right], axis=1), sr, "PCM_16", "WAV"))

    sr = 48000
    t = np.arange(1000) / sr  # shorter than one 2048-sample frame
    sigs.append(("short", 0.5 * np.sin(2 * np.pi * 660 * t), sr, "PCM_16", "WAV"))

    sr = 22050
    sigs.append(("silence", np.zeros(int(0.5 * sr)), sr, "PCM_16", "WAV"))

    sr = 16000
    t = np.arange(int(1.0 * sr)) / sr
    voice = sum(0.2 / h * np.sin(2 * np.pi * 196 * h * t) for h in range(1, 8))
    voice *= 1 + 0.3 * np.sin(2 * np.pi * 5 * t)  # vibrato-like amplitude wobble
    sigs.append(("harmonics16k", voice, sr, "PCM_16", "FLAC"))
    return sigs


def read_like_tutorial(path):
    with soundfile.SoundFile(path) as f:
        x = f.read(dtype="float32")
        sr = f.samplerate
    if x.ndim > 1:
        x = np.mean(x, axis=1)  # float32 mean of the channels
    return x, sr


def fixture_writer(folder):
    """For the scripts that write a folder of Fixtures/: checks that this is librosa 0.8.1,
    creates Fixtures/<folder>, silences librosa's warnings, and returns save(name, array),
    which writes <name>.npy there in C order."""
    assert librosa.__version__ == "0.8.1", librosa.__version__
    out = os.path.join(OUT, folder)
    os.makedirs(out, exist_ok=True)
    warnings.simplefilter("ignore")
    return lambda name, array: np.save(os.path.join(out, f"{name}.npy"), np.ascontiguousarray(array))


def features386(x, sr):
    stft = np.abs(librosa.stft(x))
    groups = [
        librosa.feature.mfcc(y=x, sr=sr, n_mfcc=40),
        librosa.feature.chroma_stft(S=stft, sr=sr),
        librosa.feature.melspectrogram(x, sr=sr),
        librosa.feature.spectral_contrast(S=stft, sr=sr),
        librosa.feature.tonnetz(y=librosa.effects.harmonic(x), sr=sr),
    ]
    means = [np.mean(g.T, axis=0) for g in groups]
    stds = [np.std(g.T, axis=0) for g in groups]
    return np.hstack([np.array([])] + means + stds)


def main():
    os.makedirs(OUT, exist_ok=True)
    warnings.simplefilter("ignore")
    for name, data, sr, subtype, fmt in signals():
        ext = "flac" if fmt == "FLAC" else "wav"
        path = os.path.join(OUT, f"{name}.{ext}")
        soundfile.write(path, data, sr, subtype=subtype, format=fmt)
        x, sr = read_like_tutorial(path)
        S = np.abs(librosa.stft(x))
        save = lambda kind, arr: np.save(os.path.join(OUT, f"{name}.{kind}.npy"), np.ascontiguousarray(arr))
        save("mel", librosa.feature.melspectrogram(x, sr=sr))
        save("mfcc", librosa.feature.mfcc(y=x, sr=sr, n_mfcc=40))
        save("chroma", librosa.feature.chroma_stft(S=S, sr=sr))
        save("contrast", librosa.feature.spectral_contrast(S=S, sr=sr))
        save("tuning", np.array([librosa.estimate_tuning(S=S, sr=sr, bins_per_octave=12)]))
        if name == "chirp":
            save("stft_abs", S)
            save("istft", librosa.istft(librosa.stft(x), length=len(x)))
        try:
            save("features", features386(x, sr))
            note = "386 ok"
        except Exception as e:  # librosa itself refuses (recorded, tests expect an error)
            stale = os.path.join(OUT, f"{name}.features.npy")
            if os.path.exists(stale):
                os.remove(stale)
            note = f"386 not computable by librosa: {type(e).__name__}: {e}"
        print(f"{name}: sr={sr} n={len(x)} frames={S.shape[1]} {note}", file=sys.stderr)


if __name__ == "__main__":
    main()
