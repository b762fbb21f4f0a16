"""Changes made outside the application (straight in psql) still bump the row's version, are audited and announced.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28 00:00:00

On PostgreSQL, triggers on every register table act only for a session that is not the application's (the
application connects with ``ropa.app=on`` and writes its own audit lines and versions):
- a versioned row (organisation, activity, recipient, client, processing) changed gets ``version + 1``, so a
  client's save started from the old version is refused as stale;
- a sub-row (a purpose, a contact, a processing's transfer...) changed bumps its owner's version instead;
- each such change writes one audit line: the role, the time, the table, the owner's id, and the row before and
  after as JSON (``{"table": ..., "row": {...}}``).
Sub-rows deleted with their owner, and the owner's bump itself, are not audited again.
``ropa_row_hidden`` tells a row hidden by row-level security from a deleted one (access withdrawn).
Clients and processing for clients are announced on ``ropa_changes`` like the controller's records (0007), which
covers their sub-rows through the owner's bump. A file register has one writer, the application: nothing to do.
"""

from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# Versioned tables and the entity name their audit lines and notifications use.
_OWNERS = {'organizations': 'organization', 'activities': 'activity', 'recipients': 'recipient',
           'clients': 'client', 'processor_activities': 'processor_activity'}
# Sub-row tables and their owner (table, column), the first one whose column is set (a source belongs to its
# activity, else to its organisation). Spelled out: a migration must not change when the model does.
_ACTIVITY = ('activities', 'activity_id')
_PROCESSING = ('processor_activities', 'processor_activity_id')
_ORGANIZATION = ('organizations', 'organization_id')
_SUB_ROWS = {
    'contacts': (_ORGANIZATION,),
    'organization_security_measures': (_ORGANIZATION,),
    'sources': (_ACTIVITY, _ORGANIZATION),
    'purposes': (_ACTIVITY,), 'data_subjects': (_ACTIVITY,), 'data_categories': (_ACTIVITY,),
    'retention_rules': (_ACTIVITY,), 'activity_recipients': (_ACTIVITY,), 'transfers': (_ACTIVITY,),
    'security_measures': (_ACTIVITY,),
    'recipient_sub_processors': (('recipients', 'recipient_id'),),
    'recipient_transfers': (('recipients', 'recipient_id'),),
    'client_contacts': (('clients', 'client_id'),),
    'processor_activity_clients': (_PROCESSING,), 'processor_data_subjects': (_PROCESSING,),
    'processor_data_categories': (_PROCESSING,), 'processor_sub_processors': (_PROCESSING,),
    'processor_transfers': (_PROCESSING,), 'processor_security_measures': (_PROCESSING,),
}
_NOTIFIED = {'clients': 'client', 'processor_activities': 'processor_activity'}
# Not the application's session: the triggers' WHEN, evaluated without entering PL/pgSQL (cheap on bulk writes).
_OUTSIDE = "current_setting('ropa.app', true) IS DISTINCT FROM 'on'"

_FUNCTIONS = (
    # Whether a versioned row exists though row-level security hides it from this role: a save of a row that
    # vanished says "access withdrawn" rather than "deleted by someone else". Runs as the owner (who bypasses
    # row security) and tells only existence, of an id the role has read before.
    """CREATE OR REPLACE FUNCTION ropa_row_hidden(tbl text, row_id text) RETURNS boolean LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    found_row boolean;
BEGIN
    IF tbl NOT IN ('organizations', 'activities', 'recipients', 'clients', 'processor_activities') THEN
        RETURN false;
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT FROM %I WHERE id = $1)', tbl) INTO found_row USING row_id;
    RETURN found_row;
END $$""",
    """CREATE OR REPLACE FUNCTION ropa_audit_line(entity text, entity_id text, org text, tbl text, action text,
                                             old_row jsonb, new_row jsonb) RETURNS void LANGUAGE sql AS $$
    INSERT INTO audit_log (at, "user", action, entity, entity_id, before, after, organization_id)
    VALUES (to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'), session_user,
            action, entity, entity_id,
            CASE WHEN old_row IS NULL THEN NULL ELSE jsonb_build_object('table', tbl, 'row', old_row)::text END,
            CASE WHEN new_row IS NULL THEN NULL ELSE jsonb_build_object('table', tbl, 'row', new_row)::text END,
            org)
$$""",
    # BEFORE UPDATE of a versioned row: the version moves on, whatever the statement set it to.
    """CREATE OR REPLACE FUNCTION ropa_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF pg_trigger_depth() = 1 THEN
        NEW.version := OLD.version + 1;
    END IF;
    RETURN NEW;
END $$""",
    # AFTER a change of a versioned row: one audit line (args: entity name).
    """CREATE OR REPLACE FUNCTION ropa_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END;
    new_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END;
    any_row jsonb := coalesce(new_row, old_row);
BEGIN
    IF pg_trigger_depth() > 1 THEN  -- the bump a sub-row's change made: audited with the sub-row
        RETURN NULL;
    END IF;
    PERFORM ropa_audit_line(TG_ARGV[0], any_row->>'id', coalesce(any_row->>'organization_id', any_row->>'id'),
                            TG_TABLE_NAME,
                            CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'UPDATE' THEN 'update' ELSE 'delete' END,
                            old_row, new_row);
    RETURN NULL;
END $$""",
    # AFTER a change of a sub-row: its owner's version moves on and one audit line names the owner
    # (args: pairs of owner table and column, the first whose column is set).
    """CREATE OR REPLACE FUNCTION ropa_audit_sub_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END;
    new_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END;
    any_row jsonb := coalesce(new_row, old_row);
    owner_table text;
    owner_id text;
    org text;
    bumped bigint;
    i int := 0;
BEGIN
    WHILE i < TG_NARGS LOOP
        owner_id := any_row->>TG_ARGV[i + 1];
        IF owner_id IS NOT NULL THEN
            owner_table := TG_ARGV[i];
            EXIT;
        END IF;
        i := i + 2;
    END LOOP;
    IF owner_id IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format('UPDATE %I SET version = version + 1 WHERE id = $1 RETURNING %s', owner_table,
                   CASE WHEN owner_table = 'organizations' THEN 'id' ELSE 'organization_id' END)
        INTO org USING owner_id;
    GET DIAGNOSTICS bumped = ROW_COUNT;  -- (EXECUTE leaves FOUND alone)
    IF bumped = 0 THEN  -- its owner is gone (a cascade from its deletion): the owner's line says so
        RETURN NULL;
    END IF;
    PERFORM ropa_audit_line(CASE owner_table WHEN 'organizations' THEN 'organization' WHEN 'activities' THEN 'activity'
                                WHEN 'recipients' THEN 'recipient' WHEN 'clients' THEN 'client'
                                ELSE 'processor_activity' END,
                            owner_id, org, TG_TABLE_NAME, 'update', old_row, new_row);
    RETURN NULL;
END $$""",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for function in _FUNCTIONS:
        op.execute(function)
    for table, entity in _OWNERS.items():
        op.execute(f'DROP TRIGGER IF EXISTS ropa_bump_version ON {table}')
        op.execute(f'CREATE TRIGGER ropa_bump_version BEFORE UPDATE ON {table} '
                   f'FOR EACH ROW WHEN ({_OUTSIDE}) EXECUTE FUNCTION ropa_bump_version()')
        op.execute(f'DROP TRIGGER IF EXISTS ropa_audit_outside ON {table}')
        op.execute(f'CREATE TRIGGER ropa_audit_outside AFTER INSERT OR UPDATE OR DELETE ON {table} '
                   f"FOR EACH ROW WHEN ({_OUTSIDE}) EXECUTE FUNCTION ropa_audit_row('{entity}')")
    for table, owners in _SUB_ROWS.items():
        arguments = ', '.join(f"'{name}'" for owner in owners for name in owner)
        op.execute(f'DROP TRIGGER IF EXISTS ropa_audit_outside ON {table}')
        op.execute(f'CREATE TRIGGER ropa_audit_outside AFTER INSERT OR UPDATE OR DELETE ON {table} '
                   f'FOR EACH ROW WHEN ({_OUTSIDE}) EXECUTE FUNCTION ropa_audit_sub_row({arguments})')
    for table, entity in _NOTIFIED.items():  # the function is 0007's
        op.execute(f'DROP TRIGGER IF EXISTS ropa_notify_change ON {table}')
        op.execute(f"CREATE TRIGGER ropa_notify_change AFTER INSERT OR UPDATE OR DELETE ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION ropa_notify_change('{entity}')")


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table in _NOTIFIED:
        op.execute(f'DROP TRIGGER IF EXISTS ropa_notify_change ON {table}')
    for table in (*_OWNERS, *_SUB_ROWS):
        op.execute(f'DROP TRIGGER IF EXISTS ropa_audit_outside ON {table}')
        op.execute(f'DROP TRIGGER IF EXISTS ropa_bump_version ON {table}')
    for name in ('ropa_row_hidden(text, text)', 'ropa_audit_sub_row()', 'ropa_audit_row()', 'ropa_bump_version()',
                 'ropa_audit_line(text, text, text, text, text, jsonb, jsonb)'):
        op.execute(f'DROP FUNCTION IF EXISTS {name}')
