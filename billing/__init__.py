"""billing: contracts, renewals, invoices and dunning beside verification."""
