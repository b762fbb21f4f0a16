"""The register file: SQLite through SQLAlchemy, schema migrations, durability and locking."""
