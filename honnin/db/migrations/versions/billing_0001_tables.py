"""Billing tables: customers, payment methods, contracts, orders, invoices, counters, charges, outbox, timeline.

Revision ID: billing_0001
Revises:
Create Date: 2026-11-22 04:25:00

A branch of its own (label "billing") so it never collides with the verification chain; it depends on
that chain's first revision because billing_customers.application_id references applications.id.
Upgrade with `alembic upgrade heads` (honnin.db.engine.upgrade(engine, "heads")).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "billing_0001"
down_revision = None
branch_labels = ("billing",)
depends_on = "0001"


def upgrade() -> None:
    op.create_table('billing_counters',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('billing_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dedupe_key', sa.String(length=200), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('contract_id', sa.Integer(), nullable=True),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('dedupe_key')
    )
    op.create_index(op.f('ix_billing_events_customer_id'), 'billing_events', ['customer_id'], unique=False)
    op.create_index(op.f('ix_billing_events_on_date'), 'billing_events', ['on_date'], unique=False)
    op.create_table('billing_mail_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dedupe_key', sa.String(length=200), nullable=False),
    sa.Column('template', sa.String(length=40), nullable=False),
    sa.Column('to_addrs', sa.String(length=600), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('queued_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=300), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('dedupe_key')
    )
    op.create_table('billing_customers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_romaji', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('sub_email', sa.String(length=254), nullable=True),
    sa.Column('notify_40_days', sa.Boolean(), nullable=False),
    sa.Column('consolidated', sa.Boolean(), nullable=False),
    sa.Column('application_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ref')
    )
    op.create_table('billing_invoices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('issuer_name', sa.String(length=200), nullable=False),
    sa.Column('issuer_registration', sa.String(length=14), nullable=False),
    sa.Column('recipient', sa.String(length=200), nullable=False),
    sa.Column('lines', sa.JSON(), nullable=False),
    sa.Column('per_rate', sa.JSON(), nullable=False),
    sa.Column('net', sa.Integer(), nullable=False),
    sa.Column('tax', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('finalised_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['corrects_id'], ['billing_invoices.id'], ),
    sa.ForeignKeyConstraint(['customer_id'], ['billing_customers.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    op.create_index(op.f('ix_billing_invoices_customer_id'), 'billing_invoices', ['customer_id'], unique=False)
    op.create_table('billing_payment_methods',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('token', sa.String(length=100), nullable=False),
    sa.Column('brand', sa.String(length=20), nullable=True),
    sa.Column('last4', sa.String(length=4), nullable=True),
    sa.Column('exp_month', sa.Integer(), nullable=True),
    sa.Column('exp_year', sa.Integer(), nullable=True),
    sa.Column('holder', sa.String(length=200), nullable=True),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['billing_customers.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_billing_payment_methods_customer_id'), 'billing_payment_methods', ['customer_id'], unique=False)
    op.create_table('billing_contracts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('plan_code', sa.String(length=40), nullable=False),
    sa.Column('billing_mode', sa.String(length=10), nullable=False),
    sa.Column('term_months', sa.Integer(), nullable=False),
    sa.Column('auto_renew', sa.Boolean(), nullable=False),
    sa.Column('trial', sa.Boolean(), nullable=False),
    sa.Column('anchor_date', sa.Date(), nullable=True),
    sa.Column('months_paid', sa.Integer(), nullable=False),
    sa.Column('month_end_anchor', sa.Boolean(), nullable=False),
    sa.Column('service_status', sa.String(length=24), nullable=False),
    sa.Column('usage', sa.JSON(), nullable=False),
    sa.Column('payment_method_id', sa.Integer(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['billing_customers.id'], ),
    sa.ForeignKeyConstraint(['payment_method_id'], ['billing_payment_methods.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ref')
    )
    op.create_index('ix_billing_contracts_customer', 'billing_contracts', ['customer_id'], unique=False)
    op.create_table('billing_orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=16), nullable=False),
    sa.Column('idempotency_key', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('payment_method_id', sa.Integer(), nullable=True),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('transfer_reported_on', sa.Date(), nullable=True),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('confirmed_on', sa.Date(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_retry_on', sa.Date(), nullable=True),
    sa.Column('dunning_stage', sa.String(length=16), nullable=True),
    sa.Column('invoice_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['billing_customers.id'], ),
    sa.ForeignKeyConstraint(['invoice_id'], ['billing_invoices.id'], ),
    sa.ForeignKeyConstraint(['payment_method_id'], ['billing_payment_methods.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('idempotency_key')
    )
    op.create_index(op.f('ix_billing_orders_customer_id'), 'billing_orders', ['customer_id'], unique=False)
    op.create_index('ix_billing_orders_status_due', 'billing_orders', ['status', 'due_date'], unique=False)
    op.create_table('billing_charges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idempotency_key', sa.String(length=200), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('payment_method_id', sa.Integer(), nullable=True),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('ok', sa.Boolean(), nullable=False),
    sa.Column('failure', sa.String(length=20), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['billing_orders.id'], ),
    sa.ForeignKeyConstraint(['payment_method_id'], ['billing_payment_methods.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('idempotency_key')
    )
    op.create_index(op.f('ix_billing_charges_order_id'), 'billing_charges', ['order_id'], unique=False)
    op.create_table('billing_reverifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dedupe_key', sa.String(length=200), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Uuid(), nullable=True),
    sa.Column('reason', sa.String(length=40), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['contract_id'], ['billing_contracts.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('dedupe_key')
    )
    op.create_index(op.f('ix_billing_reverifications_contract_id'), 'billing_reverifications', ['contract_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_billing_reverifications_contract_id'), table_name='billing_reverifications')
    op.drop_table('billing_reverifications')
    op.drop_index(op.f('ix_billing_charges_order_id'), table_name='billing_charges')
    op.drop_table('billing_charges')
    op.drop_index('ix_billing_orders_status_due', table_name='billing_orders')
    op.drop_index(op.f('ix_billing_orders_customer_id'), table_name='billing_orders')
    op.drop_table('billing_orders')
    op.drop_index('ix_billing_contracts_customer', table_name='billing_contracts')
    op.drop_table('billing_contracts')
    op.drop_index(op.f('ix_billing_payment_methods_customer_id'), table_name='billing_payment_methods')
    op.drop_table('billing_payment_methods')
    op.drop_index(op.f('ix_billing_invoices_customer_id'), table_name='billing_invoices')
    op.drop_table('billing_invoices')
    op.drop_table('billing_customers')
    op.drop_table('billing_mail_outbox')
    op.drop_index(op.f('ix_billing_events_on_date'), table_name='billing_events')
    op.drop_index(op.f('ix_billing_events_customer_id'), table_name='billing_events')
    op.drop_table('billing_events')
    op.drop_table('billing_counters')
