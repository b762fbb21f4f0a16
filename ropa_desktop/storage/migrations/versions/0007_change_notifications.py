"""Change notifications on a server: each committed write of an organisation, activity or recipient is announced.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 20:40:00

On PostgreSQL a trigger sends ``NOTIFY ropa_changes`` with ``{"entity", "id", "version", "role"}`` in the writing
transaction, so the other clients hear of it at commit and only then (a rolled-back write announces nothing).
A file register has one writer: nothing to announce there.
"""

from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_TABLES = {'organizations': 'organization', 'activities': 'activity', 'recipients': 'recipient'}

_FUNCTION = """
CREATE OR REPLACE FUNCTION ropa_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_data record;
BEGIN
    IF TG_OP = 'DELETE' THEN row_data := OLD; ELSE row_data := NEW; END IF;
    PERFORM pg_notify('ropa_changes', json_build_object(
        'entity', TG_ARGV[0], 'id', row_data.id,
        'version', CASE WHEN TG_OP = 'DELETE' THEN 0 ELSE row_data.version END,
        'role', session_user)::text);
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(_FUNCTION)
    for table, entity in _TABLES.items():
        op.execute(f'DROP TRIGGER IF EXISTS ropa_notify_change ON {table}')
        op.execute(f"CREATE TRIGGER ropa_notify_change AFTER INSERT OR UPDATE OR DELETE ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION ropa_notify_change('{entity}')")


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table in _TABLES:
        op.execute(f'DROP TRIGGER IF EXISTS ropa_notify_change ON {table}')
    op.execute('DROP FUNCTION IF EXISTS ropa_notify_change()')
