"""A change no application audit line covers is audited at commit, whatever mark the session set.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28 06:00:00

0009 tells the application's sessions apart by ``ropa.app=on``, which any session may set: a sub-row (a purpose,
a contact...) changed under that forged mark left its owner's version as it was, and no change made under it was
audited. On PostgreSQL, in a session with the mark, the server now checks every change against the audit lines of
its own transaction. A change is covered when this transaction wrote a line for the row's owner (the record
itself, or the activity, organisation... a sub-row belongs to) and, for a sub-row, wrote the owner's row too: that
is what each save of the application does. Otherwise, at COMMIT, the owner's version moves on and one line (the
table, the row before and after, as 0009's) names ``session_user``: one per owner and transaction.

How, and why it cannot be forged:
- "this transaction" is a row's ``xmin`` against ``pg_current_xact_id()``, which no client sets. A line written
  in a savepoint carries another xid and counts as not written (the safe side); the application uses none.
- statement-level AFTER triggers (set-based over the transition tables: an import's COPY of 100,000 sub-rows is
  one call per table) drop the owners already covered and note the others in ``ropa_pending``, a table only its
  owner may touch (SECURITY DEFINER functions write it); the first note of a transaction inserts it in
  ``ropa_pending_xact``, whose DEFERRABLE INITIALLY DEFERRED constraint trigger checks the notes again at
  COMMIT, after the client's last statement (``SET CONSTRAINTS ... IMMEDIATE`` only makes it check sooner, and
  each check clears the transaction's notes so a later statement queues another). The application writes a
  record's line before its sub-rows, so its saves and imports leave no note, and nothing to check at commit.
- a row-level deferred trigger, checking each changed row at commit, was the first design: it multiplied the
  server's work on a 10,000-activity import by six.
Not caught: a session that writes the line and moves its owner's version itself, as the application does, is
taken for it, and is named all the same (the guard stamps every line with its role and time).

With it:
- a version set back is replaced by the old one plus one (it could otherwise return to a value a stale client
  or an older export holds, and their write would pass as current). One set ahead is left: that only makes them
  refused, and the application itself sets a version ahead of a row it has just written again;
- when the server moves a version (the above, 0011's rule, or 0009's psql rules), an activity's or processing's
  "last update" (``updated``) moves to the server's time too, so a file exported before (without versions) sees
  the record changed since;
- the audit log's guard stamps the time and the role on every line, the table owner's included, unless the
  owner's session set ``ropa.copy_history=on`` for the transaction: ``migrate`` copies a file's history (its
  times and names) and its rows' versions that way. Another role setting it changes nothing.
A file register has one writer, the application: nothing to do.
"""

import importlib.util
from pathlib import Path
from types import ModuleType

from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

# Spelled out (not imported): a migration must not change when the model does. Same tables as 0009.
_OWNERS = {'organizations': 'organization', 'activities': 'activity', 'recipients': 'recipient',
           'clients': 'client', 'processor_activities': 'processor_activity'}
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
_OUTSIDE = "current_setting('ropa.app', true) IS DISTINCT FROM 'on'"
_MARKED = "current_setting('ropa.app', true) = 'on'"
# 0011's: the version did not move and more than the row's place changed.
_UNMOVED = ("NEW.version IS NOT DISTINCT FROM OLD.version "
            "AND json_populate_record(NEW, json_build_object('position', OLD.position))::text "
            "IS DISTINCT FROM OLD::text")
# A version set back (an integer comparison). Set back, it could return to a value a stale client or an older
# export holds, whose save or import would then pass as current. Set ahead, it only makes those refused, and the
# application itself sets a version ahead of the row it has just written again (a record deleted and inserted
# anew keeps its place in the versions' sequence): a jump ahead is left as it is.
_SET_BACK = "NEW.version < OLD.version"
_STAMP = """to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')"""

_FUNCTIONS = (
    # The owner's session copying history (``migrate``): only a member of the audit log's owner may (the
    # administrator, who could drop the triggers anyway); anyone else setting the flag changes nothing.
    """CREATE OR REPLACE FUNCTION ropa_copying_history() RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF current_setting('ropa.copy_history', true) IS DISTINCT FROM 'on' THEN
        RETURN false;
    END IF;
    RETURN pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'audit_log'::regclass), 'MEMBER');
END $$""",
    # 0010's guard: every line gets the server's time and the session's role, except the history ``migrate``
    # copies (the owner's session, flag set).
    f"""CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT ropa_copying_history() THEN
            NEW."user" := session_user;
            NEW.at := {_STAMP};
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = '42501';
END $$""",
    # BEFORE UPDATE of a versioned row (0009's, at the first trigger depth): the version moves by one, and the
    # record's "last update" with it (a save of the application sets both itself and does not come here).
    f"""CREATE OR REPLACE FUNCTION ropa_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF pg_trigger_depth() = 1 AND NOT ropa_copying_history() THEN
        NEW.version := OLD.version + 1;
        IF TG_TABLE_NAME IN ('activities', 'processor_activities') THEN
            NEW.updated := {_STAMP};
        END IF;
    END IF;
    RETURN NEW;
END $$""",
    # 0009's AFTER trigger of a sub-row changed outside the application: the owner's "last update" moves too.
    f"""CREATE OR REPLACE FUNCTION ropa_audit_sub_row() RETURNS trigger LANGUAGE plpgsql AS $$
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
    EXECUTE format('UPDATE %I SET version = version + 1%s WHERE id = $1 RETURNING %s', owner_table,
                   CASE WHEN owner_table IN ('activities', 'processor_activities')
                        THEN ', updated = {_STAMP.replace("'", "''")}' ELSE '' END,
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


def _bump_when(condition: str) -> None:
    for table in _OWNERS:
        op.execute(f'DROP TRIGGER IF EXISTS ropa_bump_version ON {table}')
        op.execute(f'CREATE TRIGGER ropa_bump_version BEFORE UPDATE ON {table} '
                   f'FOR EACH ROW WHEN ({condition}) EXECUTE FUNCTION ropa_bump_version()')


def _entity(table: str) -> str:
    return _OWNERS[table]


def _note_function(table: str) -> str:
    """The statement-level AFTER trigger of one table: the owners this statement changed that are not yet covered.

    Set-based over the statement's transition tables (a COPY of 100,000 rows is one call). An owner already
    covered (a line of this transaction, and for a sub-row its owner's row written by it, as the application
    writes a record's line before its sub-rows) is dropped at once; each other owner is noted once per statement
    with the first changed row's pictures, computed for those rows only, and checked again at the commit.
    """
    if table in _OWNERS:
        pairs: tuple[tuple[str, str], ...] = ((table, 'id'),)
        key = 'r.id'
    else:
        pairs = _SUB_ROWS[table]
        key = 'r.kind' if table in ('contacts', 'client_contacts') else 'r.id'
    owner_table = 'CASE ' + ' '.join(f"WHEN r.{column} IS NOT NULL THEN '{name}'" for name, column in pairs) + ' END'
    owner_id = f"coalesce({', '.join(f'r.{column}' for _, column in pairs)})"
    entity = 'CASE u.o ' + ' '.join(f"WHEN '{name}' THEN '{_OWNERS[name]}'" for name, _ in pairs) + ' END'
    written = ' OR '.join(f"(u.o = '{name}' AND EXISTS (SELECT FROM {name} w WHERE w.id = u.i AND w.xmin = me::xid))"
                          for name, _ in pairs)
    lined = f'EXISTS (SELECT FROM audit_log l WHERE l.entity_id = u.i AND l.entity = {entity} AND l.xmin = me::xid)'
    # A sub-row whose owner is gone went with it (a cascade): the owner's own deletion is noted, or covered.
    gone = ' OR '.join(f"(u.o = '{name}' AND NOT EXISTS (SELECT FROM {name} w WHERE w.id = u.i))" for name, _ in pairs)
    covered = lined if table in _OWNERS else f'({lined} AND ({written})) OR {gone}'

    def owners(rows: str) -> str:
        """The owners of ``rows`` not covered yet (each once)."""
        return (f'SELECT u.o, u.i FROM (SELECT DISTINCT {owner_table} AS o, {owner_id} AS i FROM {rows} r) u '
                f'WHERE u.i IS NOT NULL AND NOT ({covered})')

    def picked(rows: str) -> str:
        """One row of each uncovered owner of ``rows`` (the first by its key), whole."""
        return (f'SELECT DISTINCT ON (o, i) r, {owner_table} AS o, {owner_id} AS i FROM {rows} r '
                f'JOIN ({owners(rows)}) x ON x.o = {owner_table} AND x.i = {owner_id} ORDER BY o, i, {key}')

    insert = 'INSERT INTO ropa_pending (xact, owner_table, owner_id, tbl, action, old_row, new_row) '
    record = table in _OWNERS
    on_insert = (insert + f"SELECT me, s.o, s.i, '{table}', '{'create' if record else 'update'}', NULL, "
                 f"to_jsonb(s.r) FROM ({picked('new_rows')}) s")
    on_delete = (insert + f"SELECT me, s.o, s.i, '{table}', '{'delete' if record else 'update'}', "
                 f"to_jsonb(s.r), NULL FROM ({picked('old_rows')}) s")
    if record:  # a row whose place alone changed is a reorder: the application writes no line for it
        on_update = (insert + f"SELECT me, '{table}', n.id, '{table}', 'update', to_jsonb(b), to_jsonb(n) "
                     f"FROM new_rows n JOIN old_rows b ON b.id = n.id JOIN ({owners('new_rows')}) x ON x.i = n.id "
                     "WHERE to_jsonb(n) - 'position' IS DISTINCT FROM to_jsonb(b) - 'position'")
    else:  # the first row of each owner, before and after (the same row unless its key changed); a row moved
        # to another owner is noted for both
        on_update = (insert + f"SELECT me, coalesce(s.o, n.o), coalesce(s.i, n.i), '{table}', 'update', "
                     f"to_jsonb(s.r), to_jsonb(n.r) "
                     f"FROM ({picked('old_rows')}) s FULL JOIN ({picked('new_rows')}) n ON n.o = s.o AND n.i = s.i")
    return f"""CREATE OR REPLACE FUNCTION ropa_note_{table}() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me xid8 := pg_current_xact_id();
    noted bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        {on_insert};
    ELSIF TG_OP = 'DELETE' THEN
        {on_delete};
    ELSE
        {on_update};
    END IF;
    GET DIAGNOSTICS noted = ROW_COUNT;
    IF noted > 0 THEN  -- the first note of this transaction queues the check at its commit
        INSERT INTO ropa_pending_xact VALUES (me) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$"""


def _check_function() -> str:
    """The check at COMMIT (a deferred constraint trigger on ``ropa_pending_xact``, one event per transaction).

    Covered: an owner gone (its own deletion, or its organisation's, says it), a record with a line of this
    transaction, a sub-row whose owner has a line of this transaction and was written by it. The test is one
    query over every owner noted (index probes, no PL/pgSQL per row): an application's import pays little.
    What is not covered moves its owner's version (and "last update") and gets one line naming ``session_user``.
    """
    uncovered = ' UNION ALL '.join(
        f"SELECT w.owner_table, w.owner_id, w.tbl, w.action, w.old_row, w.new_row, "
        f"{'o.id' if table == 'organizations' else 'o.organization_id'} AS org "
        f"FROM (SELECT DISTINCT ON (owner_id) * FROM ropa_pending WHERE xact = me AND owner_table = '{table}' "
        f"ORDER BY owner_id, tbl <> '{table}') w LEFT JOIN {table} o ON o.id = w.owner_id "
        f"WHERE (o.id IS NOT NULL OR w.tbl = '{table}') AND (NOT EXISTS (SELECT FROM audit_log l "
        f"WHERE l.entity_id = w.owner_id AND l.entity = '{entity}' AND l.xmin = me::xid) "
        f"OR (w.tbl <> '{table}' AND o.xmin <> me::xid))"
        for table, entity in _OWNERS.items())
    return f"""CREATE OR REPLACE FUNCTION ropa_check_pending() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me xid8 := pg_current_xact_id();
    p record;
    org text;
    entity_name text;
BEGIN
    IF NOT ropa_copying_history() THEN
        FOR p IN {uncovered} LOOP
            entity_name := CASE p.owner_table WHEN 'organizations' THEN 'organization' WHEN 'activities' THEN
                'activity' WHEN 'recipients' THEN 'recipient' WHEN 'clients' THEN 'client' ELSE 'processor_activity' END;
            org := p.org;
            IF p.tbl <> p.owner_table THEN  -- a sub-row: its owner moves on
                EXECUTE format('UPDATE %I SET version = version + 1%s WHERE id = $1', p.owner_table,
                               CASE WHEN p.owner_table IN ('activities', 'processor_activities')
                                    THEN ', updated = {_STAMP.replace("'", "''")}' ELSE '' END) USING p.owner_id;
            ELSIF p.action = 'delete' THEN
                org := coalesce(p.old_row->>'organization_id', p.owner_id);
                IF p.owner_table <> 'organizations' AND NOT ropa_row_hidden('organizations', org) THEN
                    CONTINUE;  -- gone with its organisation: that deletion's line (or check) covers it
                END IF;
            ELSIF p.action = 'update' AND p.owner_table IN ('activities', 'processor_activities') THEN
                EXECUTE format('UPDATE %I SET updated = {_STAMP.replace("'", "''")} WHERE id = $1', p.owner_table)
                    USING p.owner_id;  -- (its version moved: the BEFORE trigger)
            END IF;
            PERFORM ropa_audit_line(entity_name, p.owner_id, org, p.tbl,
                                    CASE WHEN p.tbl = p.owner_table THEN p.action ELSE 'update' END, p.old_row,
                                    p.new_row);
        END LOOP;
    END IF;
    DELETE FROM ropa_pending WHERE xact = me;
    DELETE FROM ropa_pending_xact WHERE xact = me;
    RETURN NULL;
END $$"""


# What a marked session changed, until its commit: the owner's role only (no grant), written and read by the
# SECURITY DEFINER functions above. Unlogged: a crash loses only transactions that never committed.
_TABLES = (
    """CREATE UNLOGGED TABLE IF NOT EXISTS ropa_pending (xact xid8 NOT NULL, owner_table text NOT NULL,
        owner_id text NOT NULL, tbl text NOT NULL, action text NOT NULL, old_row jsonb, new_row jsonb)""",
    'CREATE INDEX IF NOT EXISTS ropa_pending_xact_ix ON ropa_pending (xact)',
    'CREATE UNLOGGED TABLE IF NOT EXISTS ropa_pending_xact (xact xid8 PRIMARY KEY)',
    'REVOKE ALL ON ropa_pending, ropa_pending_xact FROM PUBLIC',
)


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for statement in _TABLES:
        op.execute(statement)
    for function in _FUNCTIONS:
        op.execute(function)
    op.execute(_check_function())
    _bump_when(f'{_OUTSIDE} OR ({_SET_BACK}) OR ({_UNMOVED})')
    op.execute('CREATE CONSTRAINT TRIGGER ropa_check_at_commit AFTER INSERT ON ropa_pending_xact '
               'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ropa_check_pending()')
    for table in (*_OWNERS, *_SUB_ROWS):
        op.execute(_note_function(table))
        for event, transition in (('INSERT', 'NEW TABLE AS new_rows'), ('DELETE', 'OLD TABLE AS old_rows'),
                                  ('UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows')):
            op.execute(f'CREATE TRIGGER ropa_note_{event.lower()} AFTER {event} ON {table} '
                       f'REFERENCING {transition} FOR EACH STATEMENT WHEN ({_MARKED}) '
                       f'EXECUTE FUNCTION ropa_note_{table}()')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table in (*_OWNERS, *_SUB_ROWS):
        for event in ('insert', 'delete', 'update'):
            op.execute(f'DROP TRIGGER IF EXISTS ropa_note_{event} ON {table}')
        op.execute(f'DROP FUNCTION IF EXISTS ropa_note_{table}()')
    op.execute('DROP TABLE IF EXISTS ropa_pending_xact, ropa_pending')
    op.execute('DROP FUNCTION IF EXISTS ropa_check_pending()')
    # The functions this one replaced, and 0011's rule, as they were: those migrations' bodies are idempotent
    # (CREATE OR REPLACE, DROP TRIGGER IF EXISTS), so running them again restores them word for word.
    for name in ('0009_changes_outside_the_application', '0010_audit_time_set_by_the_server',
                 '0011_versions_move_whoever_changes_a_row'):
        _earlier(name).upgrade()
    op.execute('DROP FUNCTION IF EXISTS ropa_copying_history()')


def _earlier(name: str) -> ModuleType:
    """An earlier migration of this folder, loaded as Alembic loads it (by its path: its name is no identifier)."""
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f'{name}.py'))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
