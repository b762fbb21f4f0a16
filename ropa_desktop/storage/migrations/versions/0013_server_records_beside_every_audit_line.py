"""Beside every audit line the server records, at commit, what the line's record and its sub-rows then are.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-28 08:30:00

0012 audits a change no line of its transaction covers. A session with the forged mark can still write the line
itself, with a before and an after of its choosing ("tools: harmless"), then change the activity: the guard
stamps the role and the time, the version moves, and the history showed the session's words. And a line the
server writes for uncovered sub-rows holds only the first changed row of its owner.

What holds now, on PostgreSQL: for every line a transaction adds to the audit log (the application's, a forger's,
the server's own), the server writes into ``audit_rows`` (line id, rows) what that line's record is at COMMIT,
read from the tables: the owner's row and each of its sub-rows (the spelled-out table list of 0012), as
``{"table": [row, ...]}`` (``json_agg`` of the rows); an owner gone is ``{"table": []}``. The application reads
it beside the line: the history's "after" is built from it through the storage mapping (rows, domain object), its
"before" from the previous record of the same owner, and a line whose own words differ from the record is shown
with the record and said to differ. Every sub-row changed in one transaction is in the record (0012's line held
only the first one).

How, and why it cannot be forged:
- a statement-level AFTER INSERT trigger on ``audit_log`` (whatever the session's mark: a line written without
  it is recorded as well) notes the statement's new lines in ``ropa_pending_lines`` and queues 0012's deferred
  check of the transaction, which now writes the records after its own lines, at COMMIT, after the client's last
  statement. Only the owner's SECURITY DEFINER functions write ``ropa_pending_lines`` and ``audit_rows``; no role
  is granted to write them, and a guard refuses to change or delete a record (the owner's session included).
  ``SET CONSTRAINTS ... IMMEDIATE`` only makes the check run sooner: the transaction's lines stay noted until it
  ends, so its next marked statement (0012's note, extended) or line queues another check, which records them
  again (only that check may rewrite a record, and only one of its own transaction).
- the record is set-based (one INSERT ... SELECT per kind of record over the transaction's lines, index probes on
  the sub-rows' owner columns): an import of 10,000 activities records 10,000 activities in one statement.
- readers see a record only when they see its line (row-level security through the audit log's own policy).
- ``migrate`` copying a file's history (0012's flag, the owner's session only) records nothing: those lines were
  written elsewhere, long ago.
- one kind of line is left unrecorded: in a transaction of more than 500 lines (an import), the creation of a
  record that had no line before, pictured compactly (its id, reference and name), as the import writes one per
  activity. Recording those doubled the
  server's CPU on a 10,000-activity import (the JSON of 150,000 sub-rows). Such a line claims nothing the
  history shows but a name (the first content is the next line's "before", or the rows now), and the record's
  next change is recorded. What stays open: the "before" of that next line, when a forging session writes it,
  is its own word for the content at creation.
Why this design, not the server writing each line's before/after itself: the application's lines are domain
pictures (field names, code lists, nested objects) that SQL cannot rebuild without a second mapping to keep in
step with the field table; raw rows recorded beside them are mapped by the code that loads the register.
Not caught: a transaction that writes a lie line for a record and changes nothing is recorded as what the record
is, and the history says the line differs. Two lines for one record in one transaction both get its state at
commit: the first is said to differ (the application writes one per record and transaction).
A file register has one writer, the application: nothing to do.
"""

import importlib.util
from pathlib import Path
from types import ModuleType

from alembic import op


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

# Spelled out (not imported): a migration must not change when the model does. 0012's tables, by owner: each
# sub-row table with the condition that ties a row ``s`` to its owner ``o``, and the order its rows are read in.
_RECORDS = {
    'activity': ('activities', (
        ('purposes', 's.activity_id = o.id', 's.position'), ('data_subjects', 's.activity_id = o.id', 's.position'),
        ('data_categories', 's.activity_id = o.id', 's.position'),
        ('retention_rules', 's.activity_id = o.id', 's.position'),
        ('activity_recipients', 's.activity_id = o.id', 's.position'),
        ('transfers', 's.activity_id = o.id', 's.position'),
        ('security_measures', 's.activity_id = o.id', 's.position'),
        ('sources', 's.activity_id = o.id', 's.position'))),
    'organization': ('organizations', (
        ('contacts', 's.organization_id = o.id', 's.kind'),
        ('organization_security_measures', 's.organization_id = o.id', 's.position'),
        ('sources', 's.organization_id = o.id AND s.activity_id IS NULL', 's.position'))),
    'recipient': ('recipients', (
        ('recipient_sub_processors', 's.recipient_id = o.id', 's.position'),
        ('recipient_transfers', 's.recipient_id = o.id', 's.position'))),
    'client': ('clients', (('client_contacts', 's.client_id = o.id', 's.kind'),)),
    'processor_activity': ('processor_activities', tuple(
        (table, 's.processor_activity_id = o.id', 's.position')
        for table in ('processor_activity_clients', 'processor_data_subjects', 'processor_data_categories',
                      'processor_sub_processors', 'processor_transfers', 'processor_security_measures'))),
}


# A creation of a new record pictured compactly (what names it), in a transaction of more than _BULK lines, as the
# application's import writes 10,000 of them: their records doubled the server's work on such an import (building
# the rows' JSON). A save (a person creating one activity) is recorded. Left unrecorded, it
# claims nothing the history shows (the first content comes from the next line or the record's rows now), and
# the next change of the record is recorded; a line of a record that had lines before, or with a fuller picture,
# is recorded. (The JSON is read only for creations of a new record, in that order. ``e.id + 0``: on an index of
# the ids the planner scanned half the log once per line, 9 s on an import; the entity's own lines are few.)
_BULK = 500  # lines in one transaction: an import's, not a save's
_CREATED_HERE = ("bulk AND n.action = 'create' AND NOT EXISTS (SELECT FROM audit_log e WHERE e.entity_id = n.entity_id "
                 "AND e.entity = n.entity AND e.id + 0 < n.line_id) AND coalesce((SELECT bool_and(k IN ('id', "
                 "'reference', 'name')) FROM audit_log l, json_object_keys(l.after::json) k WHERE l.id = n.line_id), "
                 "false)")


def _record_statement(entity: str) -> str:
    """The INSERT of the records of one kind of line this transaction noted.

    One statement per kind, run only for the kinds the transaction has lines of: the check runs at every commit,
    and planning one statement over the five kinds (some forty subqueries) cost more than running it, about 3 ms
    of a one-line save. ``bulk`` (more than ``_BULK`` lines) is counted once, not per line, and known when the
    statement is planned. ``json`` (text), not ``jsonb``: building the binary form cost twice as much, and nothing
    queries inside it.
    """
    table, subs = _RECORDS[entity]
    parts = [f"'{table}', (SELECT coalesce(json_agg(o), '[]') FROM {table} o WHERE o.id = n.entity_id)"]
    parts += [f"'{sub}', (SELECT coalesce(json_agg(s ORDER BY {order}), '[]') FROM {sub} s "
              f"WHERE {where.replace('o.id', 'n.entity_id')})" for sub, where, order in subs]
    return (f"INSERT INTO audit_rows (line_id, rows) SELECT n.line_id, json_build_object({', '.join(parts)}) "
            f"FROM ropa_pending_lines n WHERE n.xact = me AND n.entity = '{entity}' AND NOT ({_CREATED_HERE}) "
            "ON CONFLICT (line_id) DO UPDATE SET rows = EXCLUDED.rows")


def _recording() -> str:
    """The records of the transaction's lines: the kinds it has lines of, each by its own statement."""
    kinds = '\n'.join(f"        {'IF' if i == 0 else 'ELSIF'} kind = '{entity}' THEN\n"
                      f"            {_record_statement(entity)};" for i, entity in enumerate(_RECORDS))
    return (f"    bulk := (SELECT count(*) FROM ropa_pending_lines WHERE xact = me) > {_BULK};\n"
            "    FOR kind IN SELECT DISTINCT entity FROM ropa_pending_lines WHERE xact = me LOOP\n"
            f"{kinds}\n        END IF;\n    END LOOP;\n")


_TABLES = (
    # The lines of a transaction waiting for its commit (the owner's only, like 0012's notes).
    """CREATE UNLOGGED TABLE IF NOT EXISTS ropa_pending_lines (xact xid8 NOT NULL, line_id bigint NOT NULL,
        entity text NOT NULL, entity_id text NOT NULL, action text NOT NULL)""",
    'CREATE INDEX IF NOT EXISTS ropa_pending_lines_xact_ix ON ropa_pending_lines (xact)',
    'REVOKE ALL ON ropa_pending_lines FROM PUBLIC',
    # The server's record beside each line (by its id: a foreign key would make ``TRUNCATE audit_log`` fail on it
    # rather than on the log's own append-only refusal; only the server's function writes it, with its line).
    """CREATE TABLE IF NOT EXISTS audit_rows (line_id bigint PRIMARY KEY, rows json NOT NULL)""",
    'REVOKE ALL ON audit_rows FROM PUBLIC',
    'GRANT SELECT ON audit_rows TO PUBLIC',
    # Seen with its line only: the audit log's own row-level security (when the administrator turns it on)
    # applies inside the policy's subquery.
    'ALTER TABLE audit_rows ENABLE ROW LEVEL SECURITY',
    'DROP POLICY IF EXISTS ropa_with_its_line ON audit_rows',
    'CREATE POLICY ropa_with_its_line ON audit_rows FOR SELECT USING '
    '(EXISTS (SELECT FROM audit_log l WHERE l.id = line_id))',
)

_FUNCTIONS = (
    """CREATE OR REPLACE FUNCTION ropa_note_lines() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me xid8 := pg_current_xact_id();
    noted bigint;
BEGIN
    IF ropa_copying_history() THEN
        RETURN NULL;
    END IF;
    INSERT INTO ropa_pending_lines SELECT me, l.id, l.entity, l.entity_id, l.action FROM new_lines l;
    GET DIAGNOSTICS noted = ROW_COUNT;
    IF noted > 0 THEN  -- the check at commit records them
        INSERT INTO ropa_pending_xact VALUES (me) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$""",
    # Only the check at commit (a trigger: depth 2 for its statements) records again a line of its transaction.
    """CREATE OR REPLACE FUNCTION audit_rows_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 AND NEW.line_id = OLD.line_id THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log''s records are append-only' USING ERRCODE = '42501';
END $$""",
)


# The lines of transactions that ended (no snapshot can see them running), taken without waiting for another
# check deleting the same ones; by one transaction in 32 (each delete walks the index's dead entries since the
# last vacuum: at every save it doubled a save's latency under load).
_ENDED = ("DELETE FROM ropa_pending_lines WHERE ctid = ANY (ARRAY(SELECT ctid FROM ropa_pending_lines "
          "WHERE xact < pg_snapshot_xmin(pg_current_snapshot()) FOR UPDATE SKIP LOCKED))")
# 0012's note of a marked statement, first: a transaction whose lines were recorded by an early check (``SET
# CONSTRAINTS ... IMMEDIATE``) and that changes rows again queues another check, which records them again.
# Whether this transaction noted a change to check (0012's notes).
_NOTED = 'IF EXISTS (SELECT FROM ropa_pending WHERE xact = me) THEN'
_AGAIN = """    IF EXISTS (SELECT FROM ropa_pending_lines WHERE xact = pg_current_xact_id()) THEN
        INSERT INTO ropa_pending_xact VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
    END IF;
"""


def _with_records(check: str) -> str:
    """0012's check, recording the transaction's lines (its own included) before it clears its notes.

    The transaction's lines stay noted until it ends (a later check, after an early one, records them again);
    one check in 32 deletes those of transactions that ended. 0012's test of the changes nobody's line covers runs
    only when this transaction noted one: it ran at the few commits that had some, it now runs at every commit.
    """
    clear = '    DELETE FROM ropa_pending WHERE xact = me;'
    declare = '    entity_name text;\n'
    loop = '        FOR p IN '
    assert check.count(clear) == 1 and check.count(declare) == 1 and check.count(loop) == 1
    check = check.replace(declare, f'{declare}    kind text;\n    bulk boolean;\n')
    check = check.replace(loop, f'        {_NOTED}\n{loop}', 1)
    end_loop = '        END LOOP;\n'
    assert check.count(end_loop) == 1
    check = check.replace(end_loop, f'{end_loop}        END IF;\n')
    return check.replace(clear, f'{_recording()}    IF me::text::bigint % 32 = 0 THEN\n'
                                f'        {_ENDED};\n    END IF;\n{clear}')


def _noting_again(note: str) -> str:
    assert note.count('\nBEGIN\n') == 1
    return note.replace('\nBEGIN\n', f'\nBEGIN\n{_AGAIN}')


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for statement in (*_TABLES, *_FUNCTIONS):
        op.execute(statement)
    earlier = _earlier()
    op.execute(_with_records(earlier._check_function()))
    for table in (*earlier._OWNERS, *earlier._SUB_ROWS):
        op.execute(_noting_again(earlier._note_function(table)))
    op.execute('DROP TRIGGER IF EXISTS ropa_note_lines ON audit_log')
    op.execute('CREATE TRIGGER ropa_note_lines AFTER INSERT ON audit_log REFERENCING NEW TABLE AS new_lines '
               'FOR EACH STATEMENT EXECUTE FUNCTION ropa_note_lines()')
    op.execute('DROP TRIGGER IF EXISTS audit_rows_append_only ON audit_rows')
    op.execute('CREATE TRIGGER audit_rows_append_only BEFORE UPDATE OR DELETE ON audit_rows '
               'FOR EACH ROW EXECUTE FUNCTION audit_rows_guard()')
    op.execute('DROP TRIGGER IF EXISTS audit_rows_no_truncate ON audit_rows')
    op.execute('CREATE TRIGGER audit_rows_no_truncate BEFORE TRUNCATE ON audit_rows '
               'FOR EACH STATEMENT EXECUTE FUNCTION audit_rows_guard()')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute('DROP TRIGGER IF EXISTS ropa_note_lines ON audit_log')
    earlier = _earlier()
    op.execute(earlier._check_function())
    for table in (*earlier._OWNERS, *earlier._SUB_ROWS):
        op.execute(earlier._note_function(table))
    op.execute('DROP TABLE IF EXISTS audit_rows, ropa_pending_lines')
    op.execute('DROP FUNCTION IF EXISTS ropa_note_lines(), audit_rows_guard()')


def _earlier() -> ModuleType:
    """0012, whose functions this one extends (loaded as Alembic loads a migration: by its path)."""
    path = Path(__file__).with_name('0012_audit_whatever_the_session_says.py')
    spec = importlib.util.spec_from_file_location('ropa_migration_0012', path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
