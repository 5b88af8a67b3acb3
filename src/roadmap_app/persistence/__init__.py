"""The local SQLite progress store: models, migrations, backups, export and import."""
