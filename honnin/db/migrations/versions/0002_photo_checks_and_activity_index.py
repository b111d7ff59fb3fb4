"""Photo checks off the request path, and an index for the abandoned-application purge.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 07:40:00

documents.check_status / check_reasons: the applicant page's upload answers at once and the legibility
check (intake) runs afterwards; its answer (checking | ok | retake, with the ja/en reasons) lives on the
document row, where the page's status poll reads it.

ix_applications_status_updated: the retention purge looks for applications left waiting for the
applicant (awaiting_upload, action_needed) with no activity for N days; without it that is a full
scan of applications every night.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("check_status", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("check_reasons", sa.JSON(), nullable=True))
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.create_index("ix_applications_status_updated", ["status", "updated_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index("ix_applications_status_updated")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("check_reasons")
        batch_op.drop_column("check_status")
