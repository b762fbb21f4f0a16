"""On a server, a record's id never changes: an UPDATE that would change one is refused.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-28 10:00:00

The application never updates an id: a record keeps the one it was made with (a save updates its row by that id,
or deletes and inserts it with the same one). An editor in psql could change one
(``UPDATE activities SET id = ...``): every open window then kept a row that no longer existed, and the record's
history split in two under two ids. The server refuses it for the five kinds of record that carry a version (and
are named in notifications and audit lines by id). A file register has one writer, the application: nothing to do.
"""

from alembic import op


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

# Spelled out (not imported): a migration must not change when the model does.
_TABLES = ('organizations', 'activities', 'recipients', 'clients', 'processor_activities')

_FUNCTION = """
CREATE OR REPLACE FUNCTION ropa_id_never_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a record''s id never changes (%: % -> %)', TG_TABLE_NAME, OLD.id, NEW.id
        USING ERRCODE = 'integrity_constraint_violation',
              HINT = 'make a new record and delete the old one instead';
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(_FUNCTION)
    for table in _TABLES:
        op.execute(f'DROP TRIGGER IF EXISTS ropa_id_never_changes ON {table}')
        op.execute(f'CREATE TRIGGER ropa_id_never_changes BEFORE UPDATE OF id ON {table} FOR EACH ROW '
                   'WHEN (NEW.id IS DISTINCT FROM OLD.id) EXECUTE FUNCTION ropa_id_never_changes()')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table in _TABLES:
        op.execute(f'DROP TRIGGER IF EXISTS ropa_id_never_changes ON {table}')
    op.execute('DROP FUNCTION IF EXISTS ropa_id_never_changes()')
