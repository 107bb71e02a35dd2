# scrapyd-deploy builds the egg by running setup.py and writes a legacy one when none exists;
# this shim keeps pyproject.toml the single source of the package metadata.
from setuptools import setup

setup()
