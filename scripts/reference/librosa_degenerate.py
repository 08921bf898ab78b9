"""librosa 0.8.1 (scipy, resampy 0.2.2) on degenerate inputs: what it returns or raises for
no frames, one sample, silence and NaN or infinity, for Tests/AudioTests/DegenerateInputTests.

Prints each case as `name: value` (or `name: raises Error: message`); the tests hard-code
the few values they compare with, so nothing is written. Run with the librosa 0.8.1 venv:
  /work/venvs/librosa/bin/python scripts/reference/librosa_degenerate.py
"""
import warnings

import numpy as np
import librosa
import scipy.ndimage

SR = 22050


def show(name, call):
    try:
        value = call()
    except Exception as error:  # noqa: BLE001 - what librosa raises is the answer here
        print(f"{name}: raises {type(error).__name__}: {error}")
        return
    if isinstance(value, tuple):
        value = value[0]
    if isinstance(value, np.ndarray):
        print(f"{name}: {value.dtype} {value.shape} {value.ravel()[:12].tolist()}")
    else:
        print(f"{name}: {value!r}")


def pattern(multiplier, step, frames=4):
    """The spectrogram the Swift test builds: bins b, frames t,
    ((b * (multiplier + step * t)) % 101) / 100 + 0.01, all in float32."""
    b = np.arange(1025)[:, None]
    t = np.arange(frames)[None, :]
    k = (b * (multiplier + step * t)) % 101
    return (k.astype(np.float32) / np.float32(100) + np.float32(0.01)).astype(np.float32)


def main():
    warnings.simplefilter("ignore")
    none = np.zeros((1025, 0), np.float32)

    # No frames: empty results, except where a maximum over the matrix is taken.
    show("melspectrogram(S=1025x0)", lambda: librosa.feature.melspectrogram(S=none, sr=SR))
    show("mfcc(S=128x0)", lambda: librosa.feature.mfcc(S=np.zeros((128, 0), np.float32)))
    show("chroma_stft(S=1025x0)", lambda: librosa.feature.chroma_stft(S=none, sr=SR))
    show("estimate_tuning(S=1025x0)", lambda: librosa.estimate_tuning(S=none, sr=SR))
    show("piptrack(S=1025x0)", lambda: librosa.piptrack(S=none, sr=SR))
    show("spectral_centroid(S=1025x0)", lambda: librosa.feature.spectral_centroid(S=none, sr=SR))
    show("spectral_flatness(S=1025x0)", lambda: librosa.feature.spectral_flatness(S=none))
    show("rms(S=1025x0)", lambda: librosa.feature.rms(S=none))
    show("chroma_cqt(C=252x0)", lambda: librosa.feature.chroma_cqt(C=np.zeros((252, 0), np.float32),
                                                                    bins_per_octave=36))
    show("tonnetz(chroma=12x0)", lambda: librosa.feature.tonnetz(chroma=np.zeros((12, 0), np.float32)))
    show("delta(20x0)", lambda: librosa.feature.delta(np.zeros((20, 0), np.float32)))
    show("delta(0x20)", lambda: librosa.feature.delta(np.zeros((0, 20), np.float32)))
    show("hpss(1025x0)", lambda: librosa.decompose.hpss(np.zeros((1025, 0), np.complex64)))
    show("istft(1025x0)", lambda: librosa.istft(np.zeros((1025, 0), np.complex64)))
    show("power_to_db(128x0)", lambda: librosa.power_to_db(np.zeros((128, 0), np.float32)))
    show("power_to_db(128x0, top_db=None)", lambda: librosa.power_to_db(np.zeros((128, 0), np.float32), top_db=None))
    show("spectral_contrast(S=1025x0)", lambda: librosa.feature.spectral_contrast(S=none, sr=SR))

    # Fewer frames than delta's width; width 3 on 3 frames is one whole window.
    show("delta(2x5)", lambda: librosa.feature.delta(np.ones((2, 5), np.float32)))
    ramp = np.array([[0, 1, 4], [5, 3, 1]], np.float32)
    show("delta(ramp, width=3)", lambda: librosa.feature.delta(ramp, width=3))
    show("delta(ramp, width=3, order=2)", lambda: librosa.feature.delta(ramp, width=3, order=2))

    # One sample: librosa pads it to a whole frame.
    one = np.ones(1, np.float32)
    show("spectral_centroid(y=[1])", lambda: librosa.feature.spectral_centroid(y=one, sr=SR)[0, 0])
    show("spectral_bandwidth(y=[1])", lambda: librosa.feature.spectral_bandwidth(y=one, sr=SR)[0, 0])
    show("spectral_rolloff(y=[1])", lambda: librosa.feature.spectral_rolloff(y=one, sr=SR)[0, 0])
    show("spectral_flatness(y=[1])", lambda: librosa.feature.spectral_flatness(y=one)[0, 0])
    show("spectral_contrast(y=[1])", lambda: librosa.feature.spectral_contrast(y=one, sr=SR)[:, 0])
    show("rms(y=[1])", lambda: librosa.feature.rms(y=one))
    show("zero_crossing_rate(y=[1])", lambda: librosa.feature.zero_crossing_rate(one))
    show("mfcc(y=[1])[:4]", lambda: librosa.feature.mfcc(y=one, sr=SR)[:4, 0])
    show("chroma_stft(y=[1])", lambda: librosa.feature.chroma_stft(y=one, sr=SR)[:, 0])
    show("effects.harmonic([1])", lambda: librosa.effects.harmonic(one))
    show("cqt(y=[1])", lambda: librosa.cqt(one, sr=SR))
    show("rms(y=[1], center=False)", lambda: librosa.feature.rms(y=one, center=False))

    # Silence.
    silence = np.zeros(100, np.float32)
    show("spectral_flatness(y=zeros)", lambda: librosa.feature.spectral_flatness(y=silence)[0, 0])
    show("spectral_contrast(S=zeros)", lambda: librosa.feature.spectral_contrast(S=np.zeros((1025, 2), np.float32), sr=SR))
    show("tonnetz(chroma=zeros)", lambda: librosa.feature.tonnetz(chroma=np.zeros((12, 2), np.float32)))
    show("chroma_cqt(C=zeros)", lambda: librosa.feature.chroma_cqt(C=np.zeros((252, 2), np.float32), bins_per_octave=36))

    # Resampling a few samples (librosa.resample, fix=True).
    for n, source, target in [(0, 22050, 11025), (1, 22050, 11025), (1, 22050, 16000), (1, 11025, 22050),
                              (2, 22050, 16000), (2, 22050, 11025), (3, 22050, 11025)]:
        for res_type in ("kaiser_best", "kaiser_fast"):
            show(f"resample(ones({n}), {source}, {target}, {res_type})",
                 lambda: librosa.resample(np.ones(n, np.float32), source, target, res_type=res_type))
    show("resample(empty, 22050, 22050)", lambda: librosa.resample(np.zeros(0, np.float32), 22050, 22050))

    # scipy's median filter on lines shorter than the window (where its reflection holds)
    # and with infinities.
    show("median_filter([[4, 1, 3, 2]], (1, 7))",
         lambda: scipy.ndimage.median_filter(np.array([[4, 1, 3, 2]], np.float32), size=(1, 7), mode="reflect"))
    show("median_filter([[3], [1], [2]], (5, 1))",
         lambda: scipy.ndimage.median_filter(np.array([[3], [1], [2]], np.float32), size=(5, 1), mode="reflect"))
    show("median_filter([[5, -2, 7]], (1, 11))",
         lambda: scipy.ndimage.median_filter(np.array([[5, -2, 7]], np.float32), size=(1, 11), mode="reflect"))
    infinite = np.array([[3, np.inf, 1, 2, np.inf], [0, 5, 4, np.inf, 1]], np.float32)
    show("median_filter(infinite, (1, 3))", lambda: scipy.ndimage.median_filter(infinite, size=(1, 3), mode="reflect"))
    show("median_filter(infinite, (3, 1))", lambda: scipy.ndimage.median_filter(infinite, size=(3, 1), mode="reflect"))
    show("median_filter([[-inf, 2, -1, inf]], (1, 3))",
         lambda: scipy.ndimage.median_filter(np.array([[-np.inf, 2, -1, np.inf]], np.float32), size=(1, 3),
                                             mode="reflect"))

    # NaN or infinity in a signal: librosa's util.valid_audio refuses it before any work.
    bad = np.full(4096, 0.5, np.float32)
    bad[1] = np.nan
    show("stft(y with nan)", lambda: librosa.stft(bad))
    show("melspectrogram(y with nan)", lambda: librosa.feature.melspectrogram(y=bad, sr=SR))
    show("estimate_tuning(y with nan)", lambda: librosa.estimate_tuning(y=bad, sr=SR))
    show("effects.harmonic(y with nan)", lambda: librosa.effects.harmonic(bad))
    show("cqt(y with inf)", lambda: librosa.cqt(np.where(np.isnan(bad), np.inf, bad), sr=SR))
    show("resample(y with nan)", lambda: librosa.resample(bad, SR, 16000))

    # NaN and infinity in a matrix.
    p = np.array([[1, np.nan], [0.01, 100]], np.float32)
    show("power_to_db([[1, nan], [0.01, 100]])", lambda: librosa.power_to_db(p))
    show("power_to_db([[1, nan], [0.01, 100]], top_db=None)", lambda: librosa.power_to_db(p, top_db=None))
    show("power_to_db([[1, inf], [0.01, 100]])", lambda: librosa.power_to_db(np.where(np.isnan(p), np.inf, p)))
    S = pattern(37, 10)
    with_nan = S.copy()
    with_nan[500, 1] = np.nan
    with_inf = S.copy()
    with_inf[500, 2] = np.inf
    show("estimate_tuning(S=pattern)", lambda: librosa.estimate_tuning(S=S, sr=SR))
    show("estimate_tuning(S=pattern, S[500, 1] = nan)", lambda: librosa.estimate_tuning(S=with_nan, sr=SR))
    show("estimate_tuning(S=pattern, S[500, 2] = inf)", lambda: librosa.estimate_tuning(S=with_inf, sr=SR))
    show("piptrack(S=pattern, S[500, 1] = nan) candidates per frame",
         lambda: (librosa.piptrack(S=with_nan, sr=SR)[0] > 0).sum(axis=0))
    show("spectral_contrast(S=pattern, S[500, 1] = nan)", lambda: librosa.feature.spectral_contrast(S=with_nan, sr=SR))
    show("chroma_stft(S=pattern, S[500, 1] = nan)", lambda: librosa.feature.chroma_stft(S=with_nan, sr=SR))
    show("rms(S=pattern, S[500, 1] = nan)", lambda: librosa.feature.rms(S=with_nan))
    small = S[:12].copy()
    small[1, 1] = np.nan
    show("chroma_cqt(C=12x4 with nan)", lambda: librosa.feature.chroma_cqt(C=small, bins_per_octave=12))
    show("tonnetz(chroma=12x4 with nan)", lambda: librosa.feature.tonnetz(chroma=small))
    show("delta(12x4 with nan, width=3)", lambda: librosa.feature.delta(small, width=3))
    show("softmask(12x4 with nan, S[:12])", lambda: librosa.util.softmask(small, S[:12]))
    show("median_filter(12x4 with nan, (1, 3))", lambda: scipy.ndimage.median_filter(small, size=(1, 3), mode="reflect"))

if __name__ == "__main__":
    main()
