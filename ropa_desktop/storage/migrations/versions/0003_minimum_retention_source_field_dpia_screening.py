"""Minimum retention, the field a source supports, the DPIA screening questionnaire, Art. 37(1) answers.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 15:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


# Plain ADD COLUMN, never a batch copy: recreating a parent table would cascade-delete its children's rows.
_COLUMNS: tuple[tuple[str, sa.Column[object]], ...] = (
    ('organizations', sa.Column('public_body', sa.Boolean(), nullable=True)),
    ('organizations', sa.Column('large_scale_monitoring', sa.Boolean(), nullable=True)),
    ('organizations', sa.Column('large_scale_sensitive', sa.Boolean(), nullable=True)),
    ('activities', sa.Column('dpia_screened', sa.Boolean(), nullable=False, server_default=sa.false())),
    ('activities', sa.Column('dpia_criteria', sa.JSON(), nullable=False, server_default='[]')),
    ('activities', sa.Column('dpia_cnil_list', sa.JSON(), nullable=False, server_default='[]')),
    ('activities', sa.Column('dpia_justification', sa.Text(), nullable=False, server_default='')),
    ('retention_rules', sa.Column('minimum', sa.Boolean(), nullable=False, server_default=sa.false())),
    ('sources', sa.Column('field', sa.Text(), nullable=False, server_default='')),
)


def upgrade() -> None:
    for table, column in _COLUMNS:
        op.add_column(table, column)


def downgrade() -> None:
    for table, column in reversed(_COLUMNS):
        op.drop_column(table, column.name)
