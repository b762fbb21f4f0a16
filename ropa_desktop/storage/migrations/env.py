"""Alembic environment: runs on the connection (and inside the transaction) the storage layer hands it."""

from alembic import context

from ropa_desktop.storage.schema import Base

connection = context.config.attributes["connection"]
# Batch mode: SQLite cannot ALTER most things, so Alembic rebuilds tables inside the same transaction.
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
