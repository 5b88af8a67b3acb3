"""Roadmap: draw a field's skills as a dependency graph, track progress, plan study weeks."""

__version__ = "0.1.0"
