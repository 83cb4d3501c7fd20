"""Takes that review themselves: scorers, the safety check and the one frame read they share."""
