"""Review workflow: an activity's last review, and who validated it when.

Revision ID: 0002
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


# Plain ADD COLUMN, never a batch copy: recreating a parent table would cascade-delete its children's rows.
_COLUMNS: tuple[sa.Column[object], ...] = (
    sa.Column('last_review', sa.String(), nullable=True),
    sa.Column('validated_by', sa.Text(), nullable=False, server_default=''),
    sa.Column('validated_on', sa.String(), nullable=True),
)


def upgrade() -> None:
    for column in _COLUMNS:
        op.add_column('activities', column)


def downgrade() -> None:
    for column in reversed(_COLUMNS):
        op.drop_column('activities', column.name)
