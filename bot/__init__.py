"""Quote and statement extraction bot for newsroom teams."""

__version__ = "0.1.0"
