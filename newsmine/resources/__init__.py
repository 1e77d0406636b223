"""Data files that ship with the package (the category model)."""
