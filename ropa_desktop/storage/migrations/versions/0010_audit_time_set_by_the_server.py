"""The server sets an audit line's time, as it already sets its role: a client cannot back-date its history.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28 03:00:00

On PostgreSQL the audit log's BEFORE INSERT trigger (``audit_log_guard``, schema 1) already replaces the role a
client gives with ``session_user``; it now replaces the time as well, with the transaction's start (``now()``,
so the lines of one save keep one time), in the form the application writes (ISO 8601, UTC). As before, only the
table's owner keeps what it gives: ``migrate`` copies a file's history with its times. A file register has one
writer, the application: nothing to do.
"""

from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

# Spelled out (not imported from the schema): a migration must not change when the code does.
_GUARD = """CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
            NEW."user" := session_user;
            {at}
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = '42501';
END $$"""
_SERVER_TIME = """NEW.at := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"');"""


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(_GUARD.replace('{at}', _SERVER_TIME))


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(_GUARD.replace('{at}', '-- (the time as the client gave it)'))
