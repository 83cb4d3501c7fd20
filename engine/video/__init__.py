"""Video files with PyAV: lossless take masters, probing, random frame access."""
