"""Training steps per second, natively and in Pyodide under Node.js.

    python3 benchmarks/bench_training.py [--quick] [--pyodide-dir DIR] [--no-pyodide] [--json]

Runs the cases in `training_cases.py` with this Python, then the same file
inside Pyodide (`pyodide_bench.mjs`, needs `node` and the npm package
`pyodide`; DIR defaults to $KNOBS_PYODIDE_DIR, else <repo>/node_modules/pyodide),
and prints one table. Numpy is native only.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO / "pycode"), str(HERE)]

import training_cases  # noqa: E402  (needs the paths above)


def run_pyodide(pyodide_dir, quick, cases, module="training_cases", timeout=900):
    """Run the cases of `module` inside Pyodide; returns its result dict (or {"error": ...})."""
    command = ["node", str(HERE / "pyodide_bench.mjs"), "--pyodide-dir", str(pyodide_dir), "--module", module]
    command += ["--quick"] if quick else []
    for case in cases or ():
        command += ["--case", case]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as error:
        return {"error": str(error)}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(native, browser):
    """The results side by side as lines of text."""
    by_case = {row["case"]: row for row in browser.get("rows", [])}
    lines = [f"{'case':<14} {'what':<52} {'native steps/s':>15} {'pyodide steps/s':>16} {'slower':>7}"]
    for row in native["rows"]:
        other = by_case.get(row["case"], {})
        mine = row.get("steps_per_second")
        theirs = other.get("steps_per_second")
        ratio = f"{mine / theirs:.1f}x" if mine and theirs else ""
        lines.append(f"{row['case']:<14} {row['label']:<52} {_rate(row):>15} {_rate(other):>16} {ratio:>7}")
    lines.append("")
    lines.append(f"native: CPython {native['python']} on {native['platform']}")
    if "error" in browser:
        lines.append(f"pyodide: not run ({browser['error']})")
    elif browser:
        lines.append(
            f"pyodide: {browser['pyodide']} (Python {browser['python']}) under Node {browser['node']}, "
            f"loaded in {browser['load_seconds']:.1f} s"
        )
    return "\n".join(lines)


def _rate(row):
    if "steps_per_second" in row:
        return f"{row['steps_per_second']:,.1f}"
    return "n/a" if row else ""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="about 0.5 s per case instead of 3 s")
    parser.add_argument(
        "--pyodide-dir",
        default=os.environ.get("KNOBS_PYODIDE_DIR", REPO / "node_modules" / "pyodide"),
        help="folder of the npm package pyodide (default: <repo>/node_modules/pyodide)",
    )
    parser.add_argument("--no-pyodide", action="store_true", help="only measure this Python")
    parser.add_argument("--case", action="append", choices=sorted(training_cases.CASES), help="run only this case")
    parser.add_argument("--json", action="store_true", help="print the raw results as JSON")
    options = parser.parse_args(argv)

    native = training_cases.run_all(quick=options.quick, names=options.case)
    browser = {} if options.no_pyodide else run_pyodide(options.pyodide_dir, options.quick, options.case)
    if options.json:
        print(json.dumps({"native": native, "pyodide": browser}, indent=1))
    else:
        print(table(native, browser))
        skipped = [row for row in native["rows"] + browser.get("rows", []) if "error" in row]
        for row in skipped:
            print(f"  {row['case']}: {row['error']}")


if __name__ == "__main__":
    main()
