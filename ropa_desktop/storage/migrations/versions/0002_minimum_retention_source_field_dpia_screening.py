"""Minimum retention, the field a source supports, the DPIA screening questionnaire, Art. 37(1) answers.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 15:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('organizations') as batch:
        batch.add_column(sa.Column('public_body', sa.Boolean(), nullable=True))
        batch.add_column(sa.Column('large_scale_monitoring', sa.Boolean(), nullable=True))
        batch.add_column(sa.Column('large_scale_sensitive', sa.Boolean(), nullable=True))
    with op.batch_alter_table('activities') as batch:
        batch.add_column(sa.Column('dpia_screened', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column('dpia_criteria', sa.JSON(), nullable=False, server_default='[]'))
        batch.add_column(sa.Column('dpia_cnil_list', sa.JSON(), nullable=False, server_default='[]'))
        batch.add_column(sa.Column('dpia_justification', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('retention_rules') as batch:
        batch.add_column(sa.Column('minimum', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('sources') as batch:
        batch.add_column(sa.Column('field', sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('sources') as batch:
        batch.drop_column('field')
    with op.batch_alter_table('retention_rules') as batch:
        batch.drop_column('minimum')
    with op.batch_alter_table('activities') as batch:
        for name in ('dpia_justification', 'dpia_cnil_list', 'dpia_criteria', 'dpia_screened'):
            batch.drop_column(name)
    with op.batch_alter_table('organizations') as batch:
        for name in ('large_scale_sensitive', 'large_scale_monitoring', 'public_body'):
            batch.drop_column(name)
