"""Style presets: the format, the user's library, .reelstyle archives and copies embedded in projects."""
