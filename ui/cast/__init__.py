"""The Cast dock: the film's characters, products, places and styles, and their wiring."""
