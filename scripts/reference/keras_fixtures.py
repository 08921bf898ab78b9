"""Reference tensors from Keras 3 for the Learn library's tests.

Run with the TensorFlow venv (tensorflow-cpu 2.21, keras 3.15):
    /work/venvs/tf/bin/python scripts/reference/keras_fixtures.py
Writes small .npz files into Tests/LearnTests/Fixtures. Each layer case holds the input
`x`, the layer's weights `w:<name>` (Keras order), the output `y`, a fixed cotangent `dy`
and the gradients of sum(y * dy): `dx` and `g:<name>`. Model cases use weights given by a
formula (`formula_weight` below, re-implemented in the Swift tests) so the fixture stays
small; they hold inputs, labels, predictions, the loss and selected gradients.
"""
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
import numpy as np
import tensorflow as tf
import keras
from keras import layers

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "LearnTests", "Fixtures")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(1234)


def f32(a):
    return np.asarray(a, dtype=np.float32)


def layer_case(name, layer, x, training=False, extra=None):
    """Runs `layer` on x under a tape; saves x, weights, y, dy, dx and weight gradients."""
    x = tf.constant(f32(x))
    layer(x)  # build
    for v in layer.weights:  # fixed, non-trivial weights
        shape = tuple(v.shape)
        if v.name == "moving_variance":
            v.assign(f32(rng.uniform(0.5, 1.5, shape)))
        elif v.name == "gamma":
            v.assign(f32(rng.uniform(0.5, 1.5, shape)))
        else:
            v.assign(f32(rng.normal(0, 0.3, shape)))
    before = {f"w:{v.name}": f32(v.numpy()) for v in layer.weights}
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = layer(x, training=training)
        dy = tf.constant(f32(rng.normal(0, 1, y.shape)))
        loss = tf.reduce_sum(y * dy)
    grads = tape.gradient(loss, [x] + list(layer.trainable_weights))
    out = dict(before)
    out.update(x=f32(x.numpy()), y=f32(y.numpy()), dy=f32(dy.numpy()), dx=f32(grads[0].numpy()))
    for v, g in zip(layer.trainable_weights, grads[1:]):
        out[f"g:{v.name}"] = f32(g.numpy())
    out["paths"] = np.array([v.path for v in layer.weights])
    if extra:
        out.update(extra(layer))
    np.savez(os.path.join(OUT, f"layer_{name}.npz"), **out)
    print("layer", name, [f"{k}{np.shape(v)}" for k, v in out.items()])


def after_weights(layer):
    return {f"after:{v.name}": f32(v.numpy()) for v in layer.weights}


def formula_weight(index, name, shape):
    """Deterministic weights shared with the Swift tests (LearnTests/FormulaWeights.swift)."""
    n = int(np.prod(shape))
    # A multiplicative hash of (index, position) mapped to [-1, 1): exact in integers on
    # both sides, and uncorrelated enough that no layer saturates.
    h = (np.arange(n, dtype=np.int64) * 2654435761 + (index + 1) * 97531) % 4294967296
    base = h.astype(np.float64) / 4294967296.0 * 2.0 - 1.0
    if name == "gamma":
        v = 1.0 + 0.1 * base
    elif name == "moving_variance":
        v = 0.75 + 0.25 * base
    elif name in ("beta", "moving_mean") or len(shape) == 1:
        v = 0.1 * base
    else:
        fan_in = n // shape[-1]
        v = 1.5 / np.sqrt(fan_in) * base
    return f32(v.reshape(shape))


def sd_fc(inputs=386, classes=6):
    return keras.Sequential([
        keras.Input((inputs,)),
        layers.BatchNormalization(),
        layers.Dense(256, activation="relu"),
        layers.Dense(256, activation="relu"),
        layers.Dense(256, activation="relu"),
        layers.Dropout(0.4),
        layers.Dense(classes, activation="softmax"),
    ])


def lstm(inputs=386, classes=6):
    return keras.Sequential([
        keras.Input((1, inputs)),
        layers.BatchNormalization(),
        layers.LSTM(256, return_sequences=True),
        layers.LSTM(256, return_sequences=True),
        layers.LSTM(256, return_sequences=True),
        layers.Flatten(),
        layers.Dropout(0.4),
        layers.Dense(classes, activation="softmax"),
    ])


def si_cnn(inputs=386, classes=6):
    return keras.Sequential([
        keras.Input((inputs, 1)),
        layers.BatchNormalization(),
        layers.Conv1D(256, 128, strides=1, padding="same"),
        layers.ReLU(),
        layers.MaxPooling1D(2),
        layers.Flatten(),
        layers.Dropout(0.4),
        layers.Dense(classes, activation="softmax"),
    ])


def model_case(name, model, x, labels):
    for i, v in enumerate(model.weights):
        v.assign(formula_weight(i, v.name, tuple(v.shape)))
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    xt = tf.constant(x)
    with tf.GradientTape() as tape:
        probs = model(xt, training=False)
        loss = loss_fn(tf.constant(labels), probs)
    grads = tape.gradient(loss, model.trainable_weights)
    out = dict(x=x, labels=labels, probs=f32(probs.numpy()), loss=f32(loss.numpy()),
               paths=np.array([v.path for v in model.weights]),
               shapes=np.array([str(tuple(v.shape)) for v in model.weights]))
    for v, g in zip(model.trainable_weights, grads):
        g = f32(g.numpy()).ravel()
        out[f"gnorm:{v.path}"] = f32(np.sqrt(np.sum(g.astype(np.float64) ** 2)))
        out[f"ghead:{v.path}"] = g[:512]
    # Batch statistics: a training-mode forward pass without dropout is not reachable in
    # Keras with Dropout present, so the inference-mode pass above is the model oracle.
    np.savez_compressed(os.path.join(OUT, f"model_{name}.npz"), **out)
    print("model", name, model.count_params(), len(model.weights))


def main():
    keras.utils.set_random_seed(7)
    # Layers -----------------------------------------------------------------
    layer_case("batchnorm_train", layers.BatchNormalization(), rng.normal(1, 2, (5, 7)), training=True,
               extra=after_weights)
    layer_case("batchnorm_infer", layers.BatchNormalization(), rng.normal(1, 2, (5, 7)), training=False)
    layer_case("batchnorm_train_3d", layers.BatchNormalization(), rng.normal(1, 2, (4, 6, 1)), training=True,
               extra=after_weights)
    layer_case("dense_relu", layers.Dense(5, activation="relu"), rng.normal(0, 1, (4, 7)))
    layer_case("dense_linear", layers.Dense(5), rng.normal(0, 1, (4, 7)))
    layer_case("dense_softmax", layers.Dense(5, activation="softmax"), rng.normal(0, 1, (4, 7)))
    layer_case("lstm_seq", layers.LSTM(4, return_sequences=True), rng.normal(0, 1, (3, 5, 6)))
    layer_case("lstm_last", layers.LSTM(4), rng.normal(0, 1, (3, 5, 6)))
    layer_case("conv1d_k128", layers.Conv1D(3, 128, padding="same"), rng.normal(0, 1, (2, 150, 2)))
    layer_case("conv1d_k4", layers.Conv1D(3, 4, padding="same"), rng.normal(0, 1, (2, 9, 2)))
    layer_case("conv1d_k5", layers.Conv1D(3, 5, padding="same"), rng.normal(0, 1, (2, 9, 2)))
    layer_case("maxpool", layers.MaxPooling1D(2), rng.normal(0, 1, (2, 7, 3)))
    layer_case("flatten", layers.Flatten(), rng.normal(0, 1, (2, 3, 4)))
    layer_case("relu", layers.ReLU(), rng.normal(0, 1, (3, 8)))
    layer_case("softmax", layers.Softmax(), rng.normal(0, 2, (3, 6)))

    # Loss: sparse categorical cross-entropy on a softmax output (Keras takes the
    # logits the softmax cached, so no clipping applies) and on plain probabilities.
    logits = f32(rng.normal(0, 3, (5, 6)))
    logits[0, 2] = 30.0  # a saturated row
    labels = np.array([0, 3, 5, 1, 2], dtype=np.int64)
    z = tf.constant(logits)
    with tf.GradientTape() as tape:
        tape.watch(z)
        p = keras.activations.softmax(z)
        loss = keras.losses.SparseCategoricalCrossentropy()(labels, p)
    dz = tape.gradient(loss, z)
    probs = f32(tf.nn.softmax(z).numpy())
    plain = tf.constant(probs)
    with tf.GradientTape() as tape:
        tape.watch(plain)
        loss_plain = keras.losses.SparseCategoricalCrossentropy()(labels, plain)
    dp = tape.gradient(loss_plain, plain)
    np.savez(os.path.join(OUT, "loss_scce.npz"), logits=logits, labels=labels, loss=f32(loss.numpy()),
             dlogits=f32(dz.numpy()), probs=probs, loss_probs=f32(loss_plain.numpy()), dprobs=f32(dp.numpy()))

    # Adam: three steps on two variables with fixed gradients.
    opt = keras.optimizers.Adam()
    v1 = keras.Variable(f32(rng.normal(0, 1, (3, 4))))
    v2 = keras.Variable(f32(rng.normal(0, 1, (5,))))
    grads = [[f32(rng.normal(0, 1, (3, 4))), f32(rng.normal(0, 1, (5,)))] for _ in range(3)]
    adam = dict(v1_0=f32(v1.numpy()), v2_0=f32(v2.numpy()))
    for step, (g1, g2) in enumerate(grads, start=1):
        opt.apply_gradients([(tf.constant(g1), v1), (tf.constant(g2), v2)])
        adam[f"g1_{step}"], adam[f"g2_{step}"] = g1, g2
        adam[f"v1_{step}"], adam[f"v2_{step}"] = f32(v1.numpy()), f32(v2.numpy())
    np.savez(os.path.join(OUT, "adam.npz"), **adam)

    # Whole models with formula weights, inference mode.
    x8 = f32(rng.normal(0, 1.5, (8, 386)))
    y8 = np.array([0, 1, 2, 3, 4, 5, 0, 3], dtype=np.int64)
    model_case("sd_fc", sd_fc(), x8, y8)
    model_case("lstm", lstm(), x8.reshape(8, 1, 386), y8)
    model_case("si_cnn", si_cnn(), x8.reshape(8, 386, 1), y8)

    # A Keras-initialised sd_fc, exported as model.weights paths with np.savez (stored
    # entries), to check that Keras weights load and give Keras's predictions.
    keras.utils.set_random_seed(42)
    m = sd_fc()
    np.savez(os.path.join(OUT, "sd_fc_keras_weights.npz"), **{v.path: f32(v.numpy()) for v in m.weights})
    xs = f32(rng.normal(0, 1.5, (4, 386)))
    np.savez(os.path.join(OUT, "sd_fc_keras_predictions.npz"), x=xs, probs=f32(m.predict(xs, verbose=0)),
             paths=np.array([v.path for v in m.weights]))
    for name, mm in (("sd_fc", m), ("lstm", lstm()), ("si_cnn", si_cnn())):
        print(name, "params", mm.count_params(), [v.path for v in mm.weights])


if __name__ == "__main__":
    main()
