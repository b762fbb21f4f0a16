"""The SQL an administrator runs on a team register: three roles, the audit log's revokes, row-level security."""

from __future__ import annotations

from sqlalchemy import Table

from .schema import Base

READER, EDITOR, ADMINISTRATOR = "ropa_reader", "ropa_editor", "ropa_administrator"
ACCESS_TABLE = "ropa_access"  # (role, organisation) pairs when row-level security is on



def roles_sql(*, row_security: bool = False) -> str:
    """Idempotent SQL (run it again after an upgrade adds tables): roles, grants, and the audit log's revokes."""
    content = sorted(set(Base.metadata.tables) - {"audit_log"})
    lines = [
        "-- ROPA Desktop team register: roles. Run as the owner of the database, after",
        "-- `ropa-desktop init --db postgresql://owner@host/database`. Then give each person a login role",
        f"-- that is a member of one of them, e.g. CREATE ROLE alice LOGIN IN ROLE {EDITOR};",
        "BEGIN;",
        *(_locks() if row_security else []),
        "DO $$ BEGIN",
        *(f"    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} NOLOGIN; "
          "END IF;" for role in (READER, EDITOR, ADMINISTRATOR)),
        "END $$;",
        f"GRANT {READER} TO {EDITOR};",
        f"GRANT {EDITOR} TO {ADMINISTRATOR};",
        "DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO " + READER + "', current_database()); END $$;",
        f"GRANT USAGE ON SCHEMA public TO {READER};",
        "-- reader: reads the register and its history",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {READER};",
        "-- ... but not the changes waiting for their commit's audit check: only the owner's functions see them",
        f"REVOKE ALL ON ropa_pending, ropa_pending_xact, ropa_pending_lines FROM PUBLIC, {READER};",
        "-- editor: changes the register; the history only grows (the server stamps who)",
        f"GRANT INSERT, UPDATE, DELETE ON {', '.join(content)} TO {EDITOR};",
        f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {EDITOR};",
        f"GRANT INSERT ON audit_log TO {EDITOR};",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {EDITOR};",
        "-- nobody rewrites the audit log (the trigger refuses it as well, even for the owner)",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC, {READER}, {EDITOR}, {ADMINISTRATOR};",
        "-- nobody but the owner creates tables or functions, temporary ones included: a login's own trigger",
        "-- would run its changes nested in a trigger, where the audit triggers leave them to the one that caused them",
        "DO $$ BEGIN EXECUTE format('REVOKE CREATE, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());"
        " END $$;",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC;",
    ]
    if row_security:
        lines += _row_security()
    lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


def _locks() -> list[str]:
    """Every table row security alters, locked before any grant: a wait for autovacuum comes first, never in a cycle.

    A GRANT rewrites the table's pg_class row, ALTER TABLE then waits for the table's lock. Autovacuum holds that
    lock and, at its end, updates the same pg_class row in place, which waits for this transaction: a deadlock
    (SQLSTATE 40P01, seen once in the tests). Locked first, before any row is rewritten, the server cancels the
    autovacuum in the way instead, and the script goes on. (A client's open transaction reading these tables in
    another order can still meet the script in a cycle, as it could the ALTERs before: the script then rolls back
    whole and is run again.)
    """
    return ["-- every table first, before any grant: a vacuum in the way is then cancelled, never deadlocked",
            f"LOCK TABLE {', '.join(Base.metadata.tables)} IN ACCESS EXCLUSIVE MODE;"]


def _row_security() -> list[str]:
    """Members of ropa_administrator see everything; others only the organisations ropa_access gives them.

    Every table of the schema is covered, the audit log and the processor's tables included: a table naming an
    organisation by its own rule, a sub-list through its owner's (whose policy applies inside the subquery).
    The audit log's lines written before schema 6 name no organisation: only administrators see them.
    """
    allowed = (f"(pg_has_role(session_user, '{ADMINISTRATOR}', 'MEMBER') OR {{column}} IN "
               f"(SELECT organization_id FROM {ACCESS_TABLE} WHERE pg_has_role(session_user, role_name, 'MEMBER')))")
    lines = [
        "-- row-level security: a correspondent sees and edits only the organisations listed for a role,",
        "-- their content, their processor's register and their history (the audit log);",
        f"-- e.g. INSERT INTO {ACCESS_TABLE} VALUES ('alice', '<organisation id>');",
        f"CREATE TABLE IF NOT EXISTS {ACCESS_TABLE} (role_name name NOT NULL, organization_id text NOT NULL "
        "REFERENCES organizations(id) ON DELETE CASCADE, PRIMARY KEY (role_name, organization_id));",
        f"GRANT SELECT ON {ACCESS_TABLE} TO {READER};",
    ]
    for name, table in Base.metadata.tables.items():
        lines += _policy(name, _rule(name, table, allowed))
    return lines


def _rule(name: str, table: Table, allowed: str) -> str:
    """Who may see a row of ``table``: by its organisation, or by its owner row's visibility."""
    if name == "organizations":
        return allowed.format(column="id")
    if "organization_id" in table.c:
        return allowed.format(column="organization_id")
    column = next(c for c in table.c for _ in c.foreign_keys)  # the owner comes first in every sub-list's table
    owner = next(iter(column.foreign_keys)).column.table.name
    return f"{column.name} IN (SELECT id FROM {owner})"  # the owner's own policy applies inside


def _policy(table: str, rule: str) -> list[str]:
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;",
        f"DROP POLICY IF EXISTS ropa_organization ON {table};",
        f"CREATE POLICY ropa_organization ON {table} USING ({rule}) WITH CHECK ({rule});",
    ]
