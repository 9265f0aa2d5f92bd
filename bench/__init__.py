"""Benchmarks: scripts run from the project root; a package so one can reuse another's helpers."""
