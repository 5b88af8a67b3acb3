"""Side panels: skill details and search."""
