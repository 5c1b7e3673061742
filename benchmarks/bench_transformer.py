"""Speed of the pretrained transformer, natively and in Pyodide under Node.js.

    python3 benchmarks/bench_transformer.py [--quick] [--pyodide-dir DIR] [--no-pyodide]

Runs the cases in `transformer_cases.py` with this Python, then the same file
inside Pyodide (`pyodide_bench.mjs --module transformer_cases`), and prints one
table: seconds per case and units per second (words written, answers scored).
"""

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "pycode"), str(HERE)]

import bench_training  # noqa: E402  (needs the paths above)
import transformer_cases  # noqa: E402


def run_pyodide(pyodide_dir, quick, cases):
    """Run the transformer cases inside Pyodide, through bench_training's runner."""
    return bench_training.run_pyodide(pyodide_dir, quick, cases, module="transformer_cases", timeout=1800)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one round per case instead of three")
    parser.add_argument("--no-pyodide", action="store_true")
    parser.add_argument("--case", action="append", help="run only this case (repeatable)")
    parser.add_argument(
        "--pyodide-dir", default=os.environ.get("KNOBS_PYODIDE_DIR", str(HERE.parent / "node_modules" / "pyodide"))
    )
    options = parser.parse_args()
    print("load average:", ", ".join(f"{v:.2f}" for v in os.getloadavg()))
    native = transformer_cases.run_all(quick=options.quick, names=options.case)
    browser = {} if options.no_pyodide else run_pyodide(options.pyodide_dir, options.quick, options.case)
    theirs = {row["case"]: row for row in browser.get("rows", [])}
    print(f"{'case':<18} {'what':<38} {'native':>18} {'pyodide':>18} {'slower':>7}")
    for row in native["rows"]:
        other = theirs.get(row["case"])
        cell = f"{other['seconds']:.2f} s" if other else ""
        ratio = f"{other['seconds'] / row['seconds']:.1f}x" if other else ""
        print(f"{row['case']:<18} {row['label']:<38} {row['seconds']:>8.2f} s {'':>8} {cell:>10} {'':>7} {ratio:>7}")
        print(
            f"{'':<18} {row['unit'] + ' per second':<38} {row['per_second']:>10.1f} {'':>7} "
            f"{other['per_second'] if other else 0:>10.1f}"
        )
    print(f"native: CPython {native['python']} on {native['platform']}")
    if "error" in browser:
        print(f"pyodide: not run ({browser['error']})")
    elif browser:
        print(f"pyodide: {browser['pyodide']} (Python {browser['python']}) under Node {browser['node']}")


if __name__ == "__main__":
    main()
