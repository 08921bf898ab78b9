// Notebook: the literate runner. It knows nothing about audio or learning.
