"""Developer tools: dev-set scoring by subset and the category model training."""
