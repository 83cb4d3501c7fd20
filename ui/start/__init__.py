"""The start page: what the window shows with no film, and the model choices of a first run."""
