"""Every speed figure of BENCHMARKS.md, one benchmark after the other (`make bench`).

    .venv/bin/python benchmarks/run.py [--quick]

1. bench_training.py — training steps per second, natively and inside Pyodide under Node.js;
2. bench_boot.py     — Python start to the first cell result in headless Chromium, beside bare Pyodide;
3. bench_labs.py     — slider → redrawn chart, and the network lab's steps and frames per second;
4. bench_engines.py — Python's start in Chromium, Firefox and WebKit, beside bare loadPyodide in each;
5. bench_cells.py    — how long each lesson's code cells take natively (the slowest listed).

The site is built once and shared by the three browser benchmarks. Run it on a quiet machine: the figures are
CPU-bound and move with the load (the load average is printed first so a reader of the output can judge).
"""

import argparse
import os
import platform
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from conftest import SiteServer, build_site  # noqa: E402


def run(script, *args):
    print(f"\n$ {Path(sys.executable).name} benchmarks/{script} {' '.join(args)}", flush=True)
    done = subprocess.run([sys.executable, str(HERE / script), *args])
    if done.returncode:
        sys.exit(f"{script} failed with exit status {done.returncode}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter rounds and 3 boot runs instead of 5")
    options = parser.parse_args()
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"{date.today()}  {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {load}"
    )
    run("bench_training.py", *(["--quick"] if options.quick else []))
    with tempfile.TemporaryDirectory(prefix="knobs-bench-") as folder:
        address = SiteServer(folder)  # only to pick an address to build for; each benchmark serves the site itself
        done = build_site(folder, site_url=address.url())
        address.httpd.server_close()
        if done.returncode:
            sys.exit(f"build failed:\n{done.stdout}\n{done.stderr}")
        run("bench_boot.py", "--site", folder, "--runs", "3" if options.quick else "5")
        run("bench_labs.py", "--site", folder)
        run("bench_engines.py", "--site", folder, "--runs", "1" if options.quick else "3")
    run("bench_cells.py")


if __name__ == "__main__":
    main()
