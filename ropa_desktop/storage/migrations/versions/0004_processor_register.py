"""The processor's register (Art. 30(2)): clients, processing carried out for them, sub-processors, statements.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 17:45:00
"""

from typing import Any

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=False, server_default='')


def _date(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=True)  # ISO date or date-time


def _contact_columns() -> list[sa.Column[str]]:
    return [_text(n) for n in ('name', 'role', 'company', 'address', 'postal_code', 'city', 'country', 'phone',
                               'email', 'designation_number')]


def _sub_processor_columns() -> list[sa.Column[str]]:
    return [_text('name'), _text('country'), _text('service'), _text('authorisation'), _date('authorised_on'),
            _text('authorisation_reference'), _text('contract_reference')]


def _transfer_columns() -> list[sa.Column[str]]:
    return [_text('recipient'), _text('country'), _text('safeguard'), _text('documentation')]


def _item_table(name: str, owner: str, owner_table: str, *columns: sa.Column[Any]) -> None:
    """A sub-list's table (surrogate key, owner, position, the item's fields) and its index on the owner."""
    op.create_table(
        name,
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column(owner, sa.String(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        *columns,
        sa.ForeignKeyConstraint([owner], [f'{owner_table}.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(f'ix_{name}_{owner}', name, [owner], unique=False)


_PA = ('processor_activity_id', 'processor_activities')


def upgrade() -> None:
    # New tables and a plain ADD COLUMN: never a batch copy, which would cascade-delete a parent's children.
    op.add_column('recipients', _date('statement_date'))
    op.create_table(
        'clients',
        sa.Column('id', sa.String(), nullable=False),
        sa.Column('organization_id', sa.String(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        _text('name'), _text('address'), _text('postal_code'), _text('city'), _text('country'), _text('phone'),
        _text('email'), _text('contract_reference'), _date('contract_date'), _text('instructions'), _date('start'),
        _date('end'), _text('notes'),
        sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_clients_organization_id', 'clients', ['organization_id'], unique=False)
    op.create_table(
        'client_contacts',
        sa.Column('client_id', sa.String(), nullable=False),
        sa.Column('kind', sa.String(), nullable=False),
        *_contact_columns(),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('client_id', 'kind'),
    )
    op.create_table(
        'processor_activities',
        sa.Column('id', sa.String(), nullable=False),
        sa.Column('organization_id', sa.String(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        _text('reference'), _text('name'), _text('description'), _text('status'),
        sa.Column('security_shared', sa.Boolean(), nullable=False, server_default=sa.true()),
        _date('start'), _date('end'), _date('updated'), _text('notes'),
        sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_processor_activities_organization_id', 'processor_activities', ['organization_id'],
                    unique=False)
    op.create_index('ix_processor_activities_org_position', 'processor_activities', ['organization_id', 'position'],
                    unique=False)
    _item_table('organization_security_measures', 'organization_id', 'organizations', _text('type'),
                _text('details'))
    _item_table('processor_activity_clients', *_PA,
                sa.Column('client_id', sa.String(), sa.ForeignKey('clients.id', ondelete='RESTRICT'),
                          nullable=False),
                _text('details'))
    op.create_index('ix_processor_activity_clients_client_id', 'processor_activity_clients', ['client_id'],
                    unique=False)
    _item_table('processor_data_subjects', *_PA, _text('category'), _text('details'))
    _item_table('processor_data_categories', *_PA, _text('category'), _text('details'),
                sa.Column('sensitive', sa.Boolean(), nullable=False, server_default=sa.false()),
                _text('special_condition'), _text('special_condition_details'))
    _item_table('processor_sub_processors', *_PA, *_sub_processor_columns())
    _item_table('processor_transfers', *_PA, *_transfer_columns())
    _item_table('processor_security_measures', *_PA, _text('type'), _text('details'))
    _item_table('recipient_sub_processors', 'recipient_id', 'recipients', *_sub_processor_columns())
    _item_table('recipient_transfers', 'recipient_id', 'recipients', *_transfer_columns())


def downgrade() -> None:
    for table in ('recipient_transfers', 'recipient_sub_processors', 'processor_security_measures',
                  'processor_transfers', 'processor_sub_processors', 'processor_data_categories',
                  'processor_data_subjects', 'processor_activity_clients', 'organization_security_measures',
                  'processor_activities', 'client_contacts', 'clients'):
        op.drop_table(table)
    op.drop_column('recipients', 'statement_date')
