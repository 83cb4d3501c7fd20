"""Wan 2.2 generation: requests, model sources and downloads, pipeline loading, LoRAs, the run."""
