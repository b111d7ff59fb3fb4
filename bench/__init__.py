"""Benchmarks: speed and accuracy targets, run by hand (not part of the test suite)."""
