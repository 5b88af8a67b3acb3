"""Roadmap model, progress values, graph queries, layout, planning and search: pure Python, no Qt."""
