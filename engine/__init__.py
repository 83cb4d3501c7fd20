"""Everything that computes: models, generation, video files, stitching. No Qt."""
