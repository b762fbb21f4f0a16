"""A row changed without its version moving gets ``version + 1`` in any session, ``ropa.app`` set or not.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28 04:30:00

0009 bumped a versioned row's version only for a session without ``ropa.app=on``, the application's mark. Any
session may set it (``SET ropa.app = 'on'`` in psql): an edit typed there then kept its version, and an import of
an export made before it overwrote it silently. The application's saves always move the version themselves (the
guarded ``SET version = expected + 1``); what it changes without moving it is a row's place in its list (a reorder,
an insert before it) and, in ``migrate``, a version set to the value it has. So, on PostgreSQL, the BEFORE UPDATE
trigger now also acts, whatever the session says, when the version did not move and more than the place changed.
A session without the mark keeps 0009's rule (every change moves the version). Not covered: a sub-row (a purpose,
a contact...) changed in a session with the forged mark leaves its owner's version, and such changes are not
audited. A file register has one writer, the application: nothing to do.
"""

from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# Spelled out (not imported): a migration must not change when the code does.
_VERSIONED = ('organizations', 'activities', 'recipients', 'clients', 'processor_activities')
_OUTSIDE = "current_setting('ropa.app', true) IS DISTINCT FROM 'on'"
# In this order, so an application's save (its version moved) stops at the cheap test. Then the row as it was
# against the row as it is with its old place put back, as text (a row's own comparison has no equality for its
# json columns): a 10,000-row reorder as the application does it costs about a fifth more than under 0009, where a
# JSON comparison doubled it.
_UNMOVED = ("NEW.version IS NOT DISTINCT FROM OLD.version "
            "AND json_populate_record(NEW, json_build_object('position', OLD.position))::text "
            "IS DISTINCT FROM OLD::text")


def _bump_when(condition: str) -> None:
    # The function is 0009's: the version moves on (at the first trigger depth, not for a sub-row's own bump).
    for table in _VERSIONED:
        op.execute(f'DROP TRIGGER IF EXISTS ropa_bump_version ON {table}')
        op.execute(f'CREATE TRIGGER ropa_bump_version BEFORE UPDATE ON {table} '
                   f'FOR EACH ROW WHEN ({condition}) EXECUTE FUNCTION ropa_bump_version()')


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    _bump_when(f'{_OUTSIDE} OR ({_UNMOVED})')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    _bump_when(_OUTSIDE)
