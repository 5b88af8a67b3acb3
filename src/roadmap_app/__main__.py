"""Allows `python -m roadmap_app`, and is the entry script of the PyInstaller build (packaging/)."""

import os
import sys
from collections.abc import MutableMapping

from roadmap_app.cli import main


def give_back_the_library_path(environment: MutableMapping[str, str]) -> None:
    """A frozen build's bootloader points LD_LIBRARY_PATH at the bundle (keeping the person's in ..._ORIG). The
    loader has read it already; programs the app starts (xdg-open, a browser, the desktop's cache tools) must get
    the person's own value back, or they would load the bundle's copies of glib and libstdc++."""
    original = environment.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is None:
        environment.pop("LD_LIBRARY_PATH", None)
    else:
        environment["LD_LIBRARY_PATH"] = original


if __name__ == "__main__":  # not when a worker process (spawn) imports this module again
    if getattr(sys, "frozen", False):
        give_back_the_library_path(os.environ)
        # A frozen build starts its worker processes by running this executable again: freeze_support() makes
        # such a start run the worker and exit, instead of reading the worker's arguments as a command line.
        import multiprocessing

        multiprocessing.freeze_support()
    raise SystemExit(main())
