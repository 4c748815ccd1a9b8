#!/usr/bin/env python3
"""Executes every notebook here with nbclient (outputs are not written back: the committed
notebooks stay cleared). Exit 1 naming the notebook and cell that failed.

    GAPMAP_BIN=.build/debug/gapmap python3 notebooks/run_all.py
"""
import glob
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    failed = []
    for path in sorted(glob.glob(os.path.join(HERE, "*.ipynb"))):
        nb = nbformat.read(path, as_version=4)
        if any(c.get("outputs") or c.get("execution_count") for c in nb.cells if c.cell_type == "code"):
            failed.append(f"{os.path.basename(path)}: committed with outputs (clear them)")
            continue
        start = time.time()
        client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": HERE}})
        try:
            client.execute()
            print(f"ok   {os.path.basename(path)} ({time.time() - start:.1f} s)")
        except CellExecutionError as e:
            failed.append(f"{os.path.basename(path)}: {str(e)[:2000]}")
            print(f"FAIL {os.path.basename(path)}")
    if failed:
        print("\n\n".join(failed), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
