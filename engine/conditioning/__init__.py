"""What conditions a generation beyond its prompt, built as the pipelines take it (no model code)."""
