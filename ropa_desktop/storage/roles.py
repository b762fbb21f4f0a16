"""The SQL an administrator runs on a team register: three roles, the audit log's revokes, row-level security."""

from __future__ import annotations

from .schema import ACTIVITY_CHILDREN, Base

READER, EDITOR, ADMINISTRATOR = "ropa_reader", "ropa_editor", "ropa_administrator"
ACCESS_TABLE = "ropa_access"  # (role, organisation) pairs when row-level security is on

# Tables holding an organisation's content, by the column that names the organisation (or its activity).
_BY_ORGANIZATION = ("organizations", "contacts", "recipients", "activities", "sources")
_BY_ACTIVITY = tuple(row.__tablename__ for row in ACTIVITY_CHILDREN.values())


def roles_sql(*, row_security: bool = False) -> str:
    """Idempotent SQL (run it again after an upgrade adds tables): roles, grants, and the audit log's revokes."""
    content = sorted(set(Base.metadata.tables) - {"audit_log"})
    lines = [
        "-- ROPA Desktop team register: roles. Run as the owner of the database, after",
        "-- `ropa-desktop init --db postgresql://owner@host/database`. Then give each person a login role",
        f"-- that is a member of one of them, e.g. CREATE ROLE alice LOGIN IN ROLE {EDITOR};",
        "BEGIN;",
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
        "-- editor: changes the register; the history only grows (the server stamps who)",
        f"GRANT INSERT, UPDATE, DELETE ON {', '.join(content)} TO {EDITOR};",
        f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {EDITOR};",
        f"GRANT INSERT ON audit_log TO {EDITOR};",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {EDITOR};",
        "-- nobody rewrites the audit log (the trigger refuses it as well, even for the owner)",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC, {READER}, {EDITOR}, {ADMINISTRATOR};",
    ]
    if row_security:
        lines += _row_security()
    lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


def _row_security() -> list[str]:
    """Members of ropa_administrator see everything; others only the organisations ropa_access gives them."""
    allowed = (f"(pg_has_role(session_user, '{ADMINISTRATOR}', 'MEMBER') OR organization_id IN "
               f"(SELECT organization_id FROM {ACCESS_TABLE} WHERE pg_has_role(session_user, role_name, 'MEMBER')))")
    lines = [
        "-- row-level security: a correspondent sees and edits only the organisations listed for a role,",
        f"-- e.g. INSERT INTO {ACCESS_TABLE} VALUES ('alice', '<organisation id>');",
        f"CREATE TABLE IF NOT EXISTS {ACCESS_TABLE} (role_name name NOT NULL, organization_id text NOT NULL "
        "REFERENCES organizations(id) ON DELETE CASCADE, PRIMARY KEY (role_name, organization_id));",
        f"GRANT SELECT ON {ACCESS_TABLE} TO {READER};",
    ]
    for table in _BY_ORGANIZATION:
        column = "id" if table == "organizations" else "organization_id"
        rule = allowed.replace("organization_id IN", f"{column} IN")
        lines += _policy(table, rule)
    for table in _BY_ACTIVITY:
        lines += _policy(table, "activity_id IN (SELECT id FROM activities)")  # activities' own policy applies
    return lines


def _policy(table: str, rule: str) -> list[str]:
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;",
        f"DROP POLICY IF EXISTS ropa_organization ON {table};",
        f"CREATE POLICY ropa_organization ON {table} USING ({rule}) WITH CHECK ({rule});",
    ]
