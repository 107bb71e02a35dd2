"""Scrapy commands of the project (setting ``COMMANDS_MODULE``): Scrapy's own, made to end a
user's mistake with one line instead of a traceback."""
