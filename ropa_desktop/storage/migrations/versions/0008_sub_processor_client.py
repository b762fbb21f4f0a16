"""Each sub-processor row names the client whose authorisation it records (Art. 28(2): each controller's own).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 22:20:00

Rows written before name no client (""): for a processing with one client, that client's authorisation.
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

_TABLES = ('processor_sub_processors', 'recipient_sub_processors')


def upgrade() -> None:
    for table in _TABLES:
        op.add_column(table, sa.Column('client_id', sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column('client_id')
