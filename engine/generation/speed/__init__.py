"""Speed levers for loaded Wan pipelines: Draft, attention backends, compile, fp8, step cache, parallelism."""
