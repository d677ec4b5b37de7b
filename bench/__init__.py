"""Benchmarks. Each script prints its results with the command that produced them (docs/benchmarks.md)."""
