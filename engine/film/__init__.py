"""A film from clips: conform, transitions, the exporter and its writers, the music track."""
