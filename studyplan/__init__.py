"""studyplan: a terminal study companion for the ML / DL / GPT learning map."""

__version__ = "0.1.0"
