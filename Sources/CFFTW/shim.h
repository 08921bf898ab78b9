// Deliberately no <complex.h>: with it, fftwf_complex becomes a C99 complex type
// that Swift cannot import, and every plan signature using it disappears.
#include <fftw3.h>
