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


def upgrade() -> None:
    with op.batch_alter_table('activities') as batch:
        batch.add_column(sa.Column('last_review', sa.String(), nullable=True))
        batch.add_column(sa.Column('validated_by', sa.Text(), nullable=False, server_default=''))
        batch.add_column(sa.Column('validated_on', sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('activities') as batch:
        batch.drop_column('validated_on')
        batch.drop_column('validated_by')
        batch.drop_column('last_review')
