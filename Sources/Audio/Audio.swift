// Audio: decoding (libsndfile) and librosa 0.8.1-compatible features (FFTW).
// Files are named after the librosa concepts they implement.
