"""Batch jobs: re-verification and maintenance runs, resumable, on a local pool or a Celery cluster."""
