"""Safe writes to disk: temporary file, fsync, replace."""
