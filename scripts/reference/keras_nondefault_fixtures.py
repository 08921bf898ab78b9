"""Keras references for Learn's layers in configurations the tutorial does not use.

Run with the TensorFlow venv (tensorflow-cpu 2.21, keras 3.15):
    /work/venvs/tf/bin/python scripts/reference/keras_nondefault_fixtures.py
Writes small .npz files into Tests/LearnTests/Fixtures (a few KB each). Kept apart from
keras_fixtures.py, whose single random stream would change every existing fixture if
cases were added to it.

layer_<case>.npz: single layers in other settings (kernel sizes, pools, units, momentum
and epsilon, 3-D inputs), in the format of keras_fixtures.py's layer cases (its
`layer_case`, with its random stream: the cases here come after none of its own).

adam_other.npz: three Adam steps as keras_fixtures.py's adam.npz, with learning rate 0.01,
beta_1 0.5, beta_2 0.9 and epsilon 1e-3, and a variable whose gradient is zero (`v3`).

train_partial_batches.npz: Dense(5, relu), BatchNormalization(momentum=0.8),
Dense(3, softmax) from Keras's initial weights (`init:<path>`) on 23 samples `x`, `labels`:
three epochs at batch 5 with validation_split 0.2 (18 train in batches of 5, 5, 5, 3;
the last 5 validate), Adam(0.01, beta_1=0.8), no shuffling. Holds the history
(`loss`, `accuracy`, `val_loss`, `val_accuracy`), the weights after (`final:<path>`),
`evaluate` at batch 7 (`evaluate`: loss, accuracy) and `predict` at batch 4 (`predict`).
Then, from the same initial weights, up to fifteen epochs at learning rate 0.05 with
EarlyStopping(val_loss, patience=1, restore_best_weights=True): `stopped:loss` (the
history, as long as the run) and `stopped:<path>` (the weights restored).

train_conv_kernel_past_input.npz: BatchNormalization, Conv1D(2, 16, same), Flatten,
Dense(2, softmax) on sequences of 3 steps, so 11 of the 16 taps read only padding.
Keras's initial weights (`init:<path>`), six samples `x` with `labels`, and the weights
after three epochs of Adam at batch 2 without shuffling (`final:<path>`).
"""
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
import numpy as np
import keras
from keras import layers

sys.path.insert(0, os.path.dirname(__file__))
from keras_fixtures import after_weights, layer_case  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "LearnTests", "Fixtures")


def f32(a):
    return np.asarray(a, dtype=np.float32)


def layer_cases():
    rng = np.random.default_rng(21)
    layer_case("conv1d_k1_c3", layers.Conv1D(2, 1, padding="same"), rng.normal(0, 1, (2, 6, 3)))
    layer_case("conv1d_k2", layers.Conv1D(4, 2, padding="same"), rng.normal(0, 1, (2, 7, 2)))
    layer_case("conv1d_k7_steps4", layers.Conv1D(3, 7, padding="same"), rng.normal(0, 1, (2, 4, 2)))
    layer_case("conv1d_k3_steps1", layers.Conv1D(3, 3, padding="same"), rng.normal(0, 1, (2, 1, 3)))
    layer_case("maxpool_p3_odd", layers.MaxPooling1D(3), rng.normal(0, 1, (2, 8, 11)))
    layer_case("maxpool_p4_ties", layers.MaxPooling1D(4), np.round(rng.normal(0, 1.2, (2, 9, 3))))
    layer_case("maxpool_p5_whole", layers.MaxPooling1D(5), rng.normal(0, 1, (2, 5, 2)))
    layer_case("lstm_u1_seq", layers.LSTM(1, return_sequences=True), rng.normal(0, 1, (2, 3, 2)))
    layer_case("lstm_u9_seq", layers.LSTM(9, return_sequences=True), rng.normal(0, 1, (2, 3, 4)))
    layer_case("lstm_u5_last_f1", layers.LSTM(5), rng.normal(0, 1, (2, 6, 1)))
    layer_case("batchnorm_m05_e1e-5", layers.BatchNormalization(momentum=0.5, epsilon=1e-5), rng.normal(1, 2, (6, 4)),
               training=True, extra=after_weights)
    layer_case("batchnorm_m09_3d", layers.BatchNormalization(momentum=0.9), rng.normal(-1, 3, (3, 4, 3)),
               training=True, extra=after_weights)
    layer_case("batchnorm_e10_3d_infer", layers.BatchNormalization(epsilon=10.0), rng.normal(0, 1, (2, 5, 3)))
    layer_case("dense_relu_3d", layers.Dense(5, activation="relu"), rng.normal(0, 1, (3, 4, 6)))
    layer_case("dense_softmax_units1", layers.Dense(1, activation="softmax"), rng.normal(0, 1, (4, 7)))
    layer_case("softmax_3d", layers.Softmax(), rng.normal(0, 3, (2, 3, 5)))


def adam_other():
    rng = np.random.default_rng(22)
    opt = keras.optimizers.Adam(learning_rate=0.01, beta_1=0.5, beta_2=0.9, epsilon=1e-3)
    shapes = {"v1": (3, 4), "v2": (5,), "v3": (2,)}
    variables = {k: keras.Variable(f32(rng.normal(0, 1, s))) for k, s in shapes.items()}
    out = {f"{k}_0": f32(v.numpy()) for k, v in variables.items()}
    for step in range(1, 4):
        grads = {k: f32(rng.normal(0, 1, s)) if k != "v3" else np.zeros(s, np.float32) for k, s in shapes.items()}
        opt.apply_gradients([(grads[k], variables[k]) for k in shapes])
        for k in shapes:
            out[f"g{k[1]}_{step}"] = grads[k]
            out[f"{k}_{step}"] = f32(variables[k].numpy())
    np.savez(os.path.join(OUT, "adam_other.npz"), **out)


def partial_batches():
    keras.backend.clear_session()
    keras.utils.set_random_seed(12)
    rng = np.random.default_rng(12)

    def build(learning_rate):
        model = keras.Sequential([
            keras.Input((6,)),
            layers.Dense(5, activation="relu"),
            layers.BatchNormalization(momentum=0.8),
            layers.Dense(3, activation="softmax"),
        ])
        model.compile(optimizer=keras.optimizers.Adam(learning_rate, beta_1=0.8),
                      loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        return model

    model = build(0.01)
    initial = [f32(v.numpy()) for v in model.weights]
    out = {f"init:{v.path}": w for v, w in zip(model.weights, initial)}
    x = f32(rng.normal(0.5, 1.5, (23, 6)))
    labels = rng.integers(0, 3, 23).astype(np.int64)
    history = model.fit(x, labels, batch_size=5, epochs=3, validation_split=0.2, shuffle=False, verbose=0).history
    out.update({key: f32(values) for key, values in history.items()})
    out.update({f"final:{v.path}": f32(v.numpy()) for v in model.weights})
    out["evaluate"] = f32(model.evaluate(x, labels, batch_size=7, verbose=0))
    out["predict"] = f32(model.predict(x, batch_size=4, verbose=0))
    stopping = build(0.05)
    for v, w in zip(stopping.weights, initial):
        v.assign(w)
    early = keras.callbacks.EarlyStopping(monitor="val_loss", patience=1, restore_best_weights=True)
    history = stopping.fit(x, labels, batch_size=5, epochs=15, validation_split=0.2, shuffle=False, verbose=0,
                           callbacks=[early]).history
    out["stopped:loss"] = f32(history["loss"])
    out.update({f"stopped:{v.path}": f32(s.numpy()) for v, s in zip(model.weights, stopping.weights)})
    np.savez(os.path.join(OUT, "train_partial_batches.npz"), x=x, labels=labels, **out)
    print("partial batches: early stopping ran", len(history["loss"]), "epochs, best", early.best_epoch)


def conv_kernel_past_input():
    keras.backend.clear_session()  # Keras's names (sequential, conv1d) without a session's numbering
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
    layer_cases()
    adam_other()
    partial_batches()
    conv_kernel_past_input()
