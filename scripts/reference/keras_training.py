"""A Keras training run for the Learn library's tests: three epochs of a small si_cnn.

Run with the TensorFlow venv (tensorflow-cpu 2.21, keras 3.15):
    /work/venvs/tf/bin/python scripts/reference/keras_training.py
Writes Tests/LearnTests/Fixtures/train_si_cnn_small.npz: si_cnn's layers with 16 filters
instead of 256 (BatchNormalization, Conv1D(16, 128, same), ReLU, MaxPooling1D(2),
Flatten, Dense(6, softmax); no Dropout, so nothing random happens in training) trained
with Adam at batch 16 on the first 160 rows of the seed x_train.npy, without shuffling.
It holds the initial weights (`init:<path>`), the loss and accuracy of each epoch and
the final weights (`final:<path>`): a test starts from the same weights and must follow
the same path, step by step through 30 Adam updates.
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
OUT = os.path.join(HERE, "..", "..", "Tests", "LearnTests", "Fixtures", "train_si_cnn_small.npz")
ROWS, EPOCHS = 160, 3


def main():
    keras.utils.set_random_seed(3)
    x = np.load(os.path.join(SEED, "x_train.npy"))[:ROWS].astype(np.float32).reshape(ROWS, 386, 1)
    y = np.load(os.path.join(SEED, "y_train.npy"))[:ROWS]
    model = keras.Sequential([
        keras.Input((386, 1)),
        layers.BatchNormalization(),
        layers.Conv1D(16, 128, padding="same"),
        layers.ReLU(),
        layers.MaxPooling1D(2),
        layers.Flatten(),
        layers.Dense(6, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    out = {f"init:{v.path}": v.numpy() for v in model.weights}
    history = model.fit(x, y, batch_size=16, epochs=EPOCHS, shuffle=False, verbose=0)
    out.update({f"final:{v.path}": v.numpy() for v in model.weights})
    out["loss"] = np.array(history.history["loss"], dtype=np.float32)
    out["accuracy"] = np.array(history.history["accuracy"], dtype=np.float32)
    out["rows"] = np.array(ROWS, dtype=np.int64)
    np.savez_compressed(OUT, **out)
    print("loss", out["loss"], "accuracy", out["accuracy"], "->", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
