"""Managing Hugging Face Inference Endpoints: push the packaged handler, create, start, pause, delete."""
