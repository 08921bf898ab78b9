// Learn: a small deep-learning library with Keras semantics, on BLAS.
