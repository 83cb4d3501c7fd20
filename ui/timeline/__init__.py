"""The timeline: shot cards on a time strip, the ruler, the transitions menu."""
