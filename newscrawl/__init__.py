"""newscrawl: crawler and versioned archive for Chinese regional economic news."""

__version__ = "0.1.0"
