"""Spiders: one base class per CMS family, one spider per registry source, and ``site``."""
