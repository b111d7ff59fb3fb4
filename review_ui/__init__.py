"""review_ui: the web app for applicants (upload) and reviewers (queue)."""
