"""Benchmarks: measured on demand, never asserted in tests (see README.md here)."""
