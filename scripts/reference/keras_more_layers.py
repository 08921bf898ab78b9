"""Keras references for the layers and options Learn offers beyond the tutorial's: more
activations (Activation, LeakyReLU, Dense with them), Conv1D's strides, padding, dilation,
activation and use_bias, the average, strided and global poolings, and two small whole
models built from them.

Run with the TensorFlow venv (tensorflow-cpu 2.21, keras 3.15):
    /work/venvs/tf/bin/python scripts/reference/keras_more_layers.py
Writes Tests/LearnTests/Fixtures/more/ (a few KB each). Its own random stream, so the
other scripts' fixtures do not move.

layer_<case>.npz: one layer on `x`, with fixed weights `w:<name>`: the output `y`, a fixed
cotangent `dy`, the gradients of sum(y * dy) (`dx`, `g:<name>`) and, for a layer with
weights, the weights after one default Adam step on those gradients (`adam:<name>`).

model_<name>.npz: a small model from Keras's initial weights (`init:<path>`) trained for
three epochs at batch 8 with Adam(0.01) without shuffling on `x`, `labels`: the history
(`loss`, `accuracy`), the weights after (`final:<path>`), and what model.summary() lists
(`summary`: UTF-8 lines, one "name (Type)|(None, ...)|params" per layer, then the totals).
"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
import numpy as np
import tensorflow as tf
import keras
from keras import layers

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "LearnTests", "Fixtures", "more")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(31)


def f32(a):
    return np.asarray(a, dtype=np.float32)


def layer_case(name, layer, x):
    x = tf.constant(f32(x))
    layer(x)  # build
    for v in layer.weights:
        v.assign(f32(rng.normal(0, 0.4, tuple(v.shape))))
    out = {f"w:{v.name}": f32(v.numpy()) for v in layer.weights}
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = layer(x)
        dy = tf.constant(f32(rng.normal(0, 1, y.shape)))
        loss = tf.reduce_sum(y * dy)
    grads = tape.gradient(loss, [x] + list(layer.trainable_weights))
    out.update(x=f32(x.numpy()), y=f32(y.numpy()), dy=f32(dy.numpy()), dx=f32(grads[0].numpy()))
    for v, g in zip(layer.trainable_weights, grads[1:]):
        out[f"g:{v.name}"] = f32(g.numpy())
    if layer.trainable_weights:
        keras.optimizers.Adam().apply_gradients(zip(grads[1:], layer.trainable_weights))
        out.update({f"adam:{v.name}": f32(v.numpy()) for v in layer.trainable_weights})
    np.savez_compressed(os.path.join(OUT, f"layer_{name}.npz"), **out)
    print("layer", name, "y", tuple(y.shape))


def activations():
    # Wide inputs: saturated sigmoids and tanh, both softplus cut-offs (±13.94), both
    # sides of elu and selu.
    x = np.concatenate([rng.normal(0, 3, 19), [-20.0, -14.5, 14.5, 20.0, 0.0, -1e-3, 1e-3]]).reshape(2, 13)
    for name in ["tanh", "sigmoid", "elu", "selu", "gelu", "softplus", "linear", "relu", "softmax"]:
        layer_case(f"activation_{name}", layers.Activation(name), x)
    layer_case("leaky_relu", layers.LeakyReLU(), x)
    layer_case("leaky_relu_0.1", layers.LeakyReLU(negative_slope=0.1), x)
    dense_x = rng.normal(0, 1.5, (3, 6))
    for name in ["tanh", "sigmoid", "elu", "selu", "gelu", "softplus"]:
        layer_case(f"dense_{name}", layers.Dense(4, activation=name), dense_x)


def convolutions():
    x = rng.normal(0, 1, (2, 9, 3))
    layer_case("conv1d_valid_k3", layers.Conv1D(4, 3), x)
    layer_case("conv1d_valid_k3_s2", layers.Conv1D(4, 3, strides=2), x)
    layer_case("conv1d_same_k4_s2", layers.Conv1D(4, 4, strides=2, padding="same"), x)
    layer_case("conv1d_same_k2_s3", layers.Conv1D(4, 2, strides=3, padding="same"), x)
    layer_case("conv1d_same_k5_s4", layers.Conv1D(2, 5, strides=4, padding="same"), x)
    layer_case("conv1d_same_k3_d2", layers.Conv1D(4, 3, padding="same", dilation_rate=2), x)
    layer_case("conv1d_valid_k2_d3", layers.Conv1D(4, 2, dilation_rate=3), x)
    layer_case("conv1d_causal_k3_d2", layers.Conv1D(4, 3, padding="causal", dilation_rate=2), x)
    layer_case("conv1d_causal_k4_s2", layers.Conv1D(3, 4, strides=2, padding="causal"), x)
    layer_case("conv1d_same_tanh_nobias", layers.Conv1D(4, 3, padding="same", activation="tanh", use_bias=False), x)
    layer_case("conv1d_valid_relu", layers.Conv1D(5, 2, activation="relu"), x)


def poolings():
    x = rng.normal(0, 1, (2, 9, 3))
    ties = np.round(rng.normal(0, 1, (2, 7, 3)))
    layer_case("maxpool_p3_s1", layers.MaxPooling1D(3, strides=1), x)
    layer_case("maxpool_p2_s3", layers.MaxPooling1D(2, strides=3), x)
    layer_case("maxpool_p4_same", layers.MaxPooling1D(4, padding="same"), x)
    layer_case("maxpool_p3_s2_same_ties", layers.MaxPooling1D(3, strides=2, padding="same"), ties)
    layer_case("avgpool_p2", layers.AveragePooling1D(2), x)
    layer_case("avgpool_p3_s1", layers.AveragePooling1D(3, strides=1), x)
    layer_case("avgpool_p4_same", layers.AveragePooling1D(4, padding="same"), x)
    layer_case("avgpool_p3_s2_same", layers.AveragePooling1D(3, strides=2, padding="same"), x)
    layer_case("global_avgpool", layers.GlobalAveragePooling1D(), x)
    layer_case("global_maxpool", layers.GlobalMaxPooling1D(), x)
    layer_case("global_maxpool_ties", layers.GlobalMaxPooling1D(), ties)


def summary_rows(model):
    rows = [f"{l.name} ({l.__class__.__name__})|(None, {', '.join(str(d) for d in l.output.shape[1:])})|"
            f"{l.count_params():,}" for l in model.layers]
    rows = [r.replace(", )", ")") for r in rows]
    total = model.count_params()
    trainable = sum(int(np.prod(v.shape)) for v in model.trainable_weights)
    return rows + [f"total|{total}", f"trainable|{trainable}", f"non-trainable|{total - trainable}"]


def train(name, build, shape, samples=40):
    keras.backend.clear_session()  # Keras's automatic names without a session's numbering
    keras.utils.set_random_seed(5)
    data = np.random.default_rng(5)
    model = build()
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.summary()
    out = {f"init:{v.path}": f32(v.numpy()) for v in model.weights}
    x = f32(data.normal(0, 1, (samples,) + shape))
    labels = data.integers(0, 3, samples).astype(np.int64)
    history = model.fit(x, labels, batch_size=8, epochs=3, shuffle=False, verbose=0).history
    out.update({f"final:{v.path}": f32(v.numpy()) for v in model.weights})
    out["loss"] = f32(history["loss"])
    out["accuracy"] = f32(history["accuracy"])
    out["summary"] = np.frombuffer("\n".join(summary_rows(model)).encode(), dtype=np.uint8)
    np.savez_compressed(os.path.join(OUT, f"model_{name}.npz"), x=x, labels=labels, **out)
    print("model", name, "loss", out["loss"], "accuracy", out["accuracy"])


def conv_model():
    return keras.Sequential([
        keras.Input((20, 3)),
        layers.Conv1D(6, 3, strides=2, padding="same", activation="tanh"),
        layers.LeakyReLU(),
        layers.Conv1D(5, 2, padding="causal", dilation_rate=2, use_bias=False),
        layers.Activation("gelu"),
        layers.AveragePooling1D(3, strides=2, padding="same"),
        layers.MaxPooling1D(2, strides=1),
        layers.Conv1D(4, 2, activation="selu"),
        layers.GlobalAveragePooling1D(),
        layers.Dense(8, activation="softplus"),
        layers.Dense(3, activation="softmax"),
    ])


def sigmoid_model():
    """Ends in a sigmoid: Keras's sparse cross-entropy takes its logits into a softmax."""
    return keras.Sequential([
        keras.Input((12, 2)),
        layers.Conv1D(4, 3, activation="sigmoid"),
        layers.MaxPooling1D(3, padding="same"),
        layers.GlobalMaxPooling1D(),
        layers.Dense(5, activation="elu"),
        layers.Dense(3, activation="sigmoid"),
    ])


if __name__ == "__main__":
    activations()
    convolutions()
    poolings()
    train("conv_more", conv_model, (20, 3))
    train("sigmoid_output", sigmoid_model, (12, 2))
