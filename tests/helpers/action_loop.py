"""Records progress actions in a loop, printing 'committed N' after each call returns.

Usage: python action_loop.py DATA_DIR TAG COUNT [NODE]
Used by the kill and two-process tests.
"""

import sys
from pathlib import Path

from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services import progress_ops as ops


def main() -> None:
    data_dir, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    node = sys.argv[4] if len(sys.argv) > 4 else "node-a"
    store = ProgressStore(data_dir)
    print("ready", flush=True)
    for i in range(count):
        ops.log_study(store, "loop", node, 1, note=f"{tag}-{i}")
        ops.set_status(store, "loop", node, "learning" if i % 2 == 0 else "done")
        ops.set_notes(store, "loop", "shared", f"{tag}-{i}")
        print(f"committed {i}", flush=True)


if __name__ == "__main__":
    main()
