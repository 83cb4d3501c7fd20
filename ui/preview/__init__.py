"""The preview player and its playback clock."""
