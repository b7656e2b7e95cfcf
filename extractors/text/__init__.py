"""Normalised text and what it is made of: one spelling (normalise), numbers as written (numbers),
and the one segmentation every text extractor reads (segment)."""
