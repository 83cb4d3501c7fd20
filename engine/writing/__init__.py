"""Language models for scripts and prompts: one JSON-answering chat interface, local or hosted."""
