"""Row versions for concurrent editing: organisations, activities, recipients, clients and processor activities.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 17:45:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# Plain ADD COLUMN, never a batch copy: recreating a parent table would cascade-delete its children's rows.
_TABLES = ('organizations', 'activities', 'recipients', 'clients', 'processor_activities')


def upgrade() -> None:
    for table in _TABLES:
        op.add_column(table, sa.Column('version', sa.Integer(), nullable=False, server_default='1'))


def downgrade() -> None:
    for table in reversed(_TABLES):
        op.drop_column(table, 'version')
