"""Keras references for the activations added after keras_more_activations.py's: celu
(alpha 1), glu (axis -1), hard_tanh, log_sigmoid and squareplus (b 4). The script asserts
those defaults, and that Keras's Dense still states its unhalved units as its output shape
under glu (Learn states the halved shape).

Run with the TensorFlow venv (tensorflow-cpu 2.21, keras 3.15):
    /work/venvs/tf/bin/python scripts/reference/keras_remaining_activations.py
Writes into Tests/LearnTests/Fixtures/more (a few KB each), in keras_more_layers.py's
layer_<case>.npz format (its `layer_case`, with its random stream from the start, as
keras_more_activations.py takes it). Kept apart from both so that their fixtures do not
move.

layer_activation_<name>.npz: Activation(<name>) on 32 inputs: 0 and ±1e-3 (celu's
join), ±1 and ±1e-3 either side (hard_tanh's kinks), both sides of the softplus cut-offs
that log_sigmoid goes through (±13.5, ±14.5), ±20, ±100 and normal draws. For glu the
same values as (2, 2, 8): each row of 8 is split into a = its first 4 and b = its last 4.

layer_activation_extreme_<name>.npz: the same layer on inputs out to ±1e19 (±3e38 except
for squareplus, whose x² overflows past 1.8e19 and gives +inf on both sides in Keras),
where exp(-x) leaves the normal floats (±87, ±88.8), and as near 0 as ±1e-6 (where celu's
expm1 keeps digits that exp(x) - 1 loses). The tests compare these value by value,
purely relatively: in the array-wide measure of the other fixtures ±1e19 would excuse
any error. At least 16 inputs each, as in every fixture here but the Dense ones:
TensorFlow's SqrtGrad multiplies by 1/s on tensors that long and divides by s on shorter
ones, an ulp apart, which squareplus's cancelling gradient at x << 0 magnifies.

layer_dense_<name>.npz: Dense(4, <name>) on inputs wide enough that hard_tanh saturates.
layer_conv1d_same_glu.npz: Conv1D(4, 3, "same", glu), output (2, 9, 2).
"""
import inspect
import os
import sys

import numpy as np
import keras
from keras import layers

sys.path.insert(0, os.path.dirname(__file__))
from keras_more_layers import layer_case, rng  # noqa: E402

NAMES = ["celu", "glu", "hard_tanh", "log_sigmoid", "squareplus"]
ELEMENTWISE = [name for name in NAMES if name != "glu"]


def check_keras_defaults():
    # Learn has no parameters for these: hold Keras's defaults to what Learn fixes.
    defaults = {"celu": ("alpha", 1.0), "glu": ("axis", -1), "squareplus": ("b", 4)}
    for name, (parameter, value) in defaults.items():
        assert inspect.signature(keras.activations.get(name)).parameters[parameter].default == value, name
    # Keras's Dense does not know that glu halves its units: it states (None, 4) while its
    # call gives (None, 2), so a layer after it is built for the wrong width. Learn states
    # the halved shape; this notes the difference, and fails if Keras changes it.
    assert layers.Dense(4, activation="glu").compute_output_shape((None, 6)) == (None, 4)


def activations():
    check_keras_defaults()
    edges = [0.0, -1e-3, 1e-3, -1.0, 1.0, -1.001, -0.999, 0.999, 1.001,
             -13.5, 13.5, -14.5, 14.5, -20.0, 20.0, -100.0, 100.0]
    x = np.concatenate([edges, rng.normal(0, 3, 32 - len(edges))])
    for name in ELEMENTWISE:
        layer_case(f"activation_{name}", layers.Activation(name), x.reshape(2, 16))
    layer_case("activation_glu", layers.Activation("glu"), x.reshape(2, 2, 8))

    extremes = [-1e19, -1e10, -1e5, -1e4, -1e3, -300.0, -88.8, -87.0, -1e-6,
                1e-6, 87.0, 88.8, 300.0, 1e3, 1e4, 1e5, 1e10, 1e19]
    for name in ELEMENTWISE:
        ends = [] if name == "squareplus" else [-3e38, 3e38]
        layer_case(f"activation_extreme_{name}", layers.Activation(name), np.array([extremes + ends]))

    dense_x = rng.normal(0, 4, (3, 6))
    for name in NAMES:
        layer_case(f"dense_{name}", layers.Dense(4, activation=name), dense_x)
    conv_x = rng.normal(0, 2, (2, 9, 3))
    layer_case("conv1d_same_glu", layers.Conv1D(4, 3, padding="same", activation="glu"), conv_x)


if __name__ == "__main__":
    activations()
