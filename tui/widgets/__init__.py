"""The app's widgets, one per module: each a role noun that posts past-tense messages up."""
