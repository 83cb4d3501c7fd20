"""The product's state and wiring: project model, file format, CLI. No Qt widgets."""

__version__ = "0.1.0"
