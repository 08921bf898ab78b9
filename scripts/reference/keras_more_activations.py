"""Keras references for the activations added after keras_more_layers.py's: relu6, silu
(Keras also names it swish), mish, hard_sigmoid, hard_silu (hard_swish), softsign and
gelu with approximate=True.

Run with the TensorFlow venv (tensorflow-cpu 2.21, keras 3.15):
    /work/venvs/tf/bin/python scripts/reference/keras_more_activations.py
Writes into Tests/LearnTests/Fixtures/more (a few KB each), in keras_more_layers.py's
layer_<case>.npz format (its `layer_case`, with its random stream: the cases here come
after none of its own). Kept apart from it so that its fixtures do not move.

layer_activation_<name>.npz: Activation(<name>) on inputs at every kink (0 and 6 for
relu6, ±3 for hard_sigmoid and hard_silu) and 1e-3 either side, where TensorFlow's tanh
clamps to ±1 and tanhf does not yet (±8.5), past the softplus cut-offs (±14.5) and far
out (±20, ±100). gelu_approximate is keras.activations.gelu(x, approximate=True), which
has no name of its own.

layer_dense_<name>.npz: Dense(4, <name>) on inputs wide enough that relu6 and
hard_sigmoid saturate on both sides. layer_conv1d_same_hard_silu.npz: Conv1D(4, 3,
"same", hard_silu).
"""
import functools
import inspect
import os
import sys

import numpy as np
import keras
from keras import layers

sys.path.insert(0, os.path.dirname(__file__))
from keras_more_layers import layer_case, rng  # noqa: E402

NAMES = ["relu6", "silu", "mish", "hard_sigmoid", "hard_silu", "softsign"]


def approximate_gelu():
    # keras.activations.gelu defaults to the exact form (what "gelu" means to Learn),
    # while keras.ops.gelu defaults to the approximation: name the choice.
    assert inspect.signature(keras.activations.gelu).parameters["approximate"].default is False
    return functools.partial(keras.activations.gelu, approximate=True)


def activations():
    # The aliases are the same functions, so they need no fixtures of their own.
    assert keras.activations.get("swish") is keras.activations.get("silu")
    assert keras.activations.get("hard_swish") is keras.activations.get("hard_silu")
    edges = [-6.0, -3.0, 0.0, 3.0, 6.0,
             -3.001, -2.999, -1e-3, 1e-3, 2.999, 3.001, 5.999, 6.001,
             -8.5, 8.5, -14.5, 14.5, -20.0, 20.0, -100.0, 100.0]
    x = np.concatenate([edges, rng.normal(0, 3, 11)]).reshape(2, 16)
    for name in NAMES:
        layer_case(f"activation_{name}", layers.Activation(name), x)
    layer_case("activation_gelu_approximate", layers.Activation(approximate_gelu()), x)
    dense_x = rng.normal(0, 4, (3, 6))
    for name in NAMES:
        layer_case(f"dense_{name}", layers.Dense(4, activation=name), dense_x)
    layer_case("dense_gelu_approximate", layers.Dense(4, activation=approximate_gelu()), dense_x)
    conv_x = rng.normal(0, 2, (2, 9, 3))
    layer_case("conv1d_same_hard_silu", layers.Conv1D(4, 3, padding="same", activation="hard_silu"), conv_x)


if __name__ == "__main__":
    activations()
