"""What the tests share: fixtures (registered as pytest plugins by tests/conftest.py) and
helpers (imported from here). A test module never imports another test module."""
