"""The project model, its .reel file format and migrations, shot lists, imports and recovery."""
