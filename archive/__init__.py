"""The versioned article archive: SQLAlchemy models, Alembic migrations and the storage API."""
