"""Allows `python -m roadmap_app`, and is the entry script of the PyInstaller build (packaging/)."""

import sys

from roadmap_app.cli import main

if __name__ == "__main__":  # not when a worker process (spawn) imports this module again
    if getattr(sys, "frozen", False):
        # A frozen build starts its worker processes by running this executable again: freeze_support() makes
        # such a start run the worker and exit, instead of reading the worker's arguments as a command line.
        import multiprocessing

        multiprocessing.freeze_support()
    raise SystemExit(main())
