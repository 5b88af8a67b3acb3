"""Allows `python -m roadmap_app`."""

from roadmap_app.cli import main

if __name__ == "__main__":  # not when a worker process (spawn) imports this module again
    raise SystemExit(main())
