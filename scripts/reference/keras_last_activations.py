"""Keras references for the last of keras.activations: tanh_shrink, soft_shrink and
hard_shrink (threshold 0.5), sparse_plus, sparse_sigmoid, exponential, log_softmax and
sparsemax (axis -1). The script asserts those defaults, and that `threshold` has none:
Activation("threshold") cannot be called, so Learn has no case for it.

sparsemax: Keras 3.15.1's threshold is (Σ over the support of the cumulative sums - 1) / k
on every backend, not (cumulative sum at k - 1) / k, so its rows do not sum to 1 once the
support holds two or more values (keras-team/keras#23425, fixed upstream by #23469). The
fixtures take Keras 3.15.1's TensorFlow sparsemax with that one-line fix applied to its
own source (sum the sorted logits over the support), and the script asserts that the
installed Keras still has the bug, so that whoever upgrades it knows to drop the patch.

Run with the TensorFlow venv (tensorflow-cpu 2.21, keras 3.15):
    /work/venvs/tf/bin/python scripts/reference/keras_last_activations.py
Writes into Tests/LearnTests/Fixtures/more (a few KB each), in keras_more_layers.py's
layer_<case>.npz format (its `layer_case`, with its random stream from the start), kept
apart from the earlier scripts so that their fixtures do not move.

layer_activation_<name>.npz, element-wise ones: 32 inputs: 0 and ±1e-3, the shrinks'
kinks ±0.5 and 1e-3 either side, sparse_plus's and sparse_sigmoid's ±1 and 1e-3 either
side, ±5, ±20 and normal draws.
layer_activation_extreme_<name>.npz, element-wise ones: inputs out to ±3e38, where exp
overflows (88.8 and beyond: +inf, and an infinite gradient) and leaves the normal floats
(-87, -88.8), and ±1e-6 (where tanh_shrink cancels to 0). Compared value by value.
layer_activation_log_softmax / sparsemax: rows of 8: normal draws, a row of ties, ties
at the top, one value far above the rest, spreads of 1e4, and (sparsemax) a value
exactly at the threshold (a kink: maximum(x - tau, 0) passes the gradient at 0) and
ties filling the support.
layer_activation_extreme_log_softmax: rows out to ±3e38 (x - max reaches -inf: a value
of -inf, gradient dy), compared value by value.
layer_dense_<name>.npz: Dense(4, <name>) on inputs wide enough to reach every branch.
"""
import inspect
import os
import sys

import numpy as np
import keras
import tensorflow as tf
from keras import layers
from keras.src import backend

sys.path.insert(0, os.path.dirname(__file__))
from keras_more_layers import layer_case, rng  # noqa: E402

ELEMENTWISE = ["tanh_shrink", "soft_shrink", "hard_shrink", "sparse_plus", "sparse_sigmoid", "exponential"]
ROWWISE = ["log_softmax", "sparsemax"]

BUGGY_TAU = "logits_cumsum_safe = tf.where(support, logits_cumsum, 0.0)"
FIXED_TAU = "logits_cumsum_safe = tf.where(support, logits_sorted, 0.0)"


def check_keras_defaults():
    # Learn has no parameters for these: hold Keras's defaults to what Learn fixes.
    defaults = {"soft_shrink": ("threshold", 0.5), "hard_shrink": ("threshold", 0.5),
                "log_softmax": ("axis", -1), "sparsemax": ("axis", -1)}
    for name, (parameter, value) in defaults.items():
        assert inspect.signature(keras.activations.get(name)).parameters[parameter].default == value, name
    # threshold(x, threshold, default_value): no defaults, so no activation by name alone.
    parameters = inspect.signature(keras.activations.threshold).parameters
    assert all(parameters[p].default is inspect.Parameter.empty for p in ["threshold", "default_value"])


def fix_sparsemax():
    """Replaces the TensorFlow backend's sparsemax with its own source, one line fixed."""
    source = inspect.getsource(backend.nn.sparsemax)
    assert source.count(BUGGY_TAU) == 1, "Keras's sparsemax changed: check whether #23469 is in"
    # The installed Keras still gets [1, 0.5, 0] wrong: 0.25, 0, 0 where sparsemax is 0.75, 0.25, 0.
    assert abs(float(tf.reduce_sum(keras.activations.sparsemax(tf.constant([[1.0, 0.5, 0.0]])))) - 0.25) < 1e-6
    namespace = dict(vars(backend.nn))
    exec(source.replace(BUGGY_TAU, FIXED_TAU), namespace)
    backend.nn.sparsemax = namespace["sparsemax"]
    y = keras.activations.sparsemax(tf.constant([[1.0, 0.5, 0.0]])).numpy()
    assert np.allclose(y, [[0.75, 0.25, 0.0]]), y


def elementwise():
    edges = [0.0, -1e-3, 1e-3, -0.5, 0.5, -0.501, -0.499, 0.499, 0.501,
             -1.0, 1.0, -1.001, -0.999, 0.999, 1.001, -5.0, 5.0, -20.0, 20.0]
    x = np.concatenate([edges, rng.normal(0, 3, 32 - len(edges))])
    for name in ELEMENTWISE:
        layer_case(f"activation_{name}", layers.Activation(name), x.reshape(2, 16))
    extremes = [-3e38, -1e19, -1e10, -1e5, -1e3, -300.0, -88.8, -87.0, -20.0, -1e-6,
                1e-6, 20.0, 87.0, 88.8, 300.0, 1e3, 1e5, 1e10, 1e19, 3e38]
    for name in ELEMENTWISE:
        layer_case(f"activation_extreme_{name}", layers.Activation(name), np.array([extremes]))


def rowwise():
    rows = [
        rng.normal(0, 1, 8),
        [0.3] * 8,                                        # all tied: 1/8 each
        [2.0, 2.0, 1.0, -1.0, 0.5, 0.0, -3.0, 1.5],       # tied at the top
        [9.0, 0.0, 1.0, -1.0, 0.5, 2.0, -3.0, 1.5],       # support of one
        [1.0, 0.5, 0.25, 0.0, -1.0, -2.0, 0.1, -0.5],     # 0.25 is exactly tau: a kink
        [0.6, 0.6, 0.6, 0.6, 0.6, -2.0, -2.0, -2.0],      # ties filling the support
        [1e4, 1e4 - 0.5, 1e4 - 1.0, 0.0, -1e4, 5e3, 1e4 - 0.25, -5e3],
        rng.normal(0, 0.1, 8),                            # close together: wide support
    ]
    x = np.array(rows).reshape(2, 4, 8)
    for name in ROWWISE:
        layer_case(f"activation_{name}", layers.Activation(name), x)
    extremes = np.array([[3e38, -3e38, 1e19, -1e19, 88.8, -88.8, 0.0, 1e-6],
                         [-3e38, -1e19, -1e10, -1e5, -1e3, -300.0, -87.0, -88.8]])
    layer_case("activation_extreme_log_softmax", layers.Activation("log_softmax"), extremes)


def dense():
    dense_x = rng.normal(0, 2, (3, 6))
    for name in ELEMENTWISE + ROWWISE:
        layer_case(f"dense_{name}", layers.Dense(4, activation=name), dense_x)


if __name__ == "__main__":
    check_keras_defaults()
    fix_sparsemax()
    elementwise()
    rowwise()
    dense()
