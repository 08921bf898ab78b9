"""Keras references for Learn's layers in configurations the tutorial does not use.

Run with the TensorFlow venv (tensorflow-cpu 2.21, keras 3.15):
    /work/venvs/tf/bin/python scripts/reference/keras_nondefault_fixtures.py
Writes small .npz files into Tests/LearnTests/Fixtures (a few KB each). Kept apart from
keras_fixtures.py, whose single random stream would change every existing fixture if
cases were added to it.

train_conv_kernel_past_input.npz: BatchNormalization, Conv1D(2, 16, same), Flatten,
Dense(2, softmax) on sequences of 3 steps, so 11 of the 16 taps read only padding.
Keras's initial weights (`init:<path>`), six samples `x` with `labels`, and the weights
after three epochs of Adam at batch 2 without shuffling (`final:<path>`).
"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
import numpy as np
import keras
from keras import layers

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "LearnTests", "Fixtures")


def f32(a):
    return np.asarray(a, dtype=np.float32)


def conv_kernel_past_input():
    keras.utils.set_random_seed(11)
    rng = np.random.default_rng(11)
    model = keras.Sequential([
        keras.Input((3, 1)),
        layers.BatchNormalization(),
        layers.Conv1D(2, 16, padding="same"),
        layers.Flatten(),
        layers.Dense(2, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    out = {f"init:{v.path}": f32(v.numpy()) for v in model.weights}
    x = f32(rng.normal(0.5, 1.5, (6, 3, 1)))
    labels = np.array([0, 1, 1, 0, 1, 0], dtype=np.int64)
    model.fit(x, labels, batch_size=2, epochs=3, shuffle=False, verbose=0)
    out.update({f"final:{v.path}": f32(v.numpy()) for v in model.weights})
    np.savez(os.path.join(OUT, "train_conv_kernel_past_input.npz"), x=x, labels=labels, **out)


if __name__ == "__main__":
    conv_kernel_past_input()
