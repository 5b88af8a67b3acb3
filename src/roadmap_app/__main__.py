"""Allows `python -m roadmap_app`."""

from roadmap_app.cli import main

raise SystemExit(main())
