"""Keras/TensorFlow seconds per epoch for the tutorial's models, to take the speed ratio
with `notebook bench train` in the same run (same rows, batch 16, same machine load).

    /work/venvs/tf/bin/python scripts/reference/keras_bench.py [--epochs 3] [--models sd_fc,sd_lstm,si_cnn]
"""
import argparse
import os
import resource
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import keras

sys.path.insert(0, os.path.dirname(__file__))
from keras_fixtures import lstm, sd_fc, si_cnn  # noqa: E402

DEFAULT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "reference", "seed-features-librosa-0.8.1")


class EpochTimer(keras.callbacks.Callback):
    """Wall and process CPU seconds per epoch (CPU time is steadier on a shared machine)."""

    def on_train_begin(self, logs=None):
        self.seconds, self.cpu = [], []

    def on_epoch_begin(self, epoch, logs=None):
        self.start, self.cpu_start = time.perf_counter(), time.process_time()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self.start)
        self.cpu.append(time.process_time() - self.cpu_start)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference", default=os.environ.get("SEED_FEATURES_DIR", DEFAULT))
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--models", default="sd_fc,sd_lstm,si_cnn")
    args = parser.parse_args()
    print("keras bench: load average", open("/proc/loadavg").read().split()[:3])
    for name in args.models.split(","):
        si = name.startswith("si")
        x = np.load(os.path.join(args.reference, "x_train.npy" if si else "x.npy")).astype(np.float32)
        y = np.load(os.path.join(args.reference, "y_train.npy" if si else "y.npy"))
        rows = len(x) if si else len(x) - int(np.ceil(len(x) * 0.1))
        x, y = x[:rows], y[:rows]
        if name == "sd_fc":
            model = sd_fc()
        elif name == "si_cnn":
            model, x = si_cnn(), x.reshape(rows, -1, 1)
        else:
            model, x = lstm(), x.reshape(rows, 1, -1)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        timer = EpochTimer()
        model.fit(x, y, batch_size=16, epochs=args.epochs, verbose=0, callbacks=[timer])
        # The first epoch includes tracing; the median over the rest is the steady state.
        steady = sorted(timer.seconds[1:] or timer.seconds)
        cpu = sorted(timer.cpu[1:] or timer.cpu)
        print(f"{name:8s} {rows:5d}  median {steady[len(steady) // 2]:.3f} s/epoch, {cpu[len(cpu) // 2]:.3f} CPU-s/epoch"
              f"  (first {timer.seconds[0]:.3f} s)")
    print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB")


if __name__ == "__main__":
    main()
