"""Audit log: the display name the person set in preferences, and the organisation a line is about.

The organisation lets row-level security on a team register show a correspondent only its own organisation's
history. Lines written before this revision keep it empty (the log is append-only: never rewritten), so only an
administrator sees them under row-level security.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 20:30:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy): the append-only triggers stay as they are.
    op.add_column('audit_log', sa.Column('display_name', sa.Text(), nullable=True))
    op.add_column('audit_log', sa.Column('organization_id', sa.String(), nullable=True))
    op.create_index('ix_audit_log_entity_id', 'audit_log', ['entity_id'])
    op.create_index('ix_audit_log_organization_id', 'audit_log', ['organization_id'])


def downgrade() -> None:
    op.drop_index('ix_audit_log_organization_id', 'audit_log')
    op.drop_index('ix_audit_log_entity_id', 'audit_log')
    op.drop_column('audit_log', 'organization_id')
    op.drop_column('audit_log', 'display_name')
