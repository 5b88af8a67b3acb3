"""Alembic migrations of the progress database, applied automatically on start."""
