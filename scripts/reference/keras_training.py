"""Keras training runs for the Learn library's tests: three epochs of a small si_cnn and
of a small si_lstm.

Run with the TensorFlow venv (tensorflow-cpu 2.21, keras 3.15):
    /work/venvs/tf/bin/python scripts/reference/keras_training.py
Writes Tests/LearnTests/Fixtures/train_si_cnn_small.npz: si_cnn's layers with 16 filters
instead of 256 (BatchNormalization, Conv1D(16, 128, same), ReLU, MaxPooling1D(2),
Flatten, Dense(6, softmax); no Dropout, so nothing random happens in training) trained
with Adam at batch 16 on the first 160 rows of the seed x_train.npy, without shuffling.
It holds the initial weights (`init:<path>`), the loss and accuracy of each epoch and
the final weights (`final:<path>`): a test starts from the same weights and must follow
the same path, step by step through 30 Adam updates.
Also writes train_si_lstm_small.npz the same way: si_lstm's layers with 32 units instead
of 256 (BatchNormalization, LSTM(32, return_sequences) x3, Flatten, Dense(6, softmax); no
Dropout) on input (1, 386).
"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
import numpy as np
import keras
from keras import layers

HERE = os.path.dirname(__file__)
SEED = os.environ.get("SEED_FEATURES_DIR",
                      os.path.join(HERE, "..", "..", "..", "shared", "reference", "seed-features-librosa-0.8.1"))
FIXTURES = os.path.join(HERE, "..", "..", "Tests", "LearnTests", "Fixtures")
ROWS, EPOCHS = 160, 3


def cnn():
    return keras.Sequential([
        keras.Input((386, 1)),
        layers.BatchNormalization(),
        layers.Conv1D(16, 128, padding="same"),
        layers.ReLU(),
        layers.MaxPooling1D(2),
        layers.Flatten(),
        layers.Dense(6, activation="softmax"),
    ])


def lstm():
    return keras.Sequential([
        keras.Input((1, 386)),
        layers.BatchNormalization(),
        layers.LSTM(32, return_sequences=True),
        layers.LSTM(32, return_sequences=True),
        layers.LSTM(32, return_sequences=True),
        layers.Flatten(),
        layers.Dense(6, activation="softmax"),
    ])


def record(name, build, shape):
    keras.utils.set_random_seed(3)
    x = np.load(os.path.join(SEED, "x_train.npy"))[:ROWS].astype(np.float32).reshape((ROWS,) + shape)
    y = np.load(os.path.join(SEED, "y_train.npy"))[:ROWS]
    model = build()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    out = {f"init:{v.path}": v.numpy() for v in model.weights}
    history = model.fit(x, y, batch_size=16, epochs=EPOCHS, shuffle=False, verbose=0)
    out.update({f"final:{v.path}": v.numpy() for v in model.weights})
    out["loss"] = np.array(history.history["loss"], dtype=np.float32)
    out["accuracy"] = np.array(history.history["accuracy"], dtype=np.float32)
    out["rows"] = np.array(ROWS, dtype=np.int64)
    path = os.path.join(FIXTURES, name)
    np.savez_compressed(path, **out)
    print(name, "loss", out["loss"], "accuracy", out["accuracy"], "->", os.path.normpath(path))


def main():
    record("train_si_cnn_small.npz", cnn, (386, 1))
    record("train_si_lstm_small.npz", lstm, (1, 386))


if __name__ == "__main__":
    main()
