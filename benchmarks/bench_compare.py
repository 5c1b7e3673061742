"""Training-step cost of two trees of `knobs`, side by side: the labs' hot paths, before and after a change.

    git archive <revision> pycode | tar -x -C /tmp/before
    python3 benchmarks/bench_compare.py /tmp/before/pycode pycode [rounds]
    node benchmarks/pyodide_compare.mjs node_modules/pyodide /tmp/before/pycode pycode   # the same in Pyodide

Both trees are loaded into one process and timed in turn, round after round; each figure is the best round, so
other jobs on the machine disturb both sides alike. Natively it counts process time (`--wall` for wall time).
"""

import importlib
import sys
import time

CLOCK = time.perf_counter if "--wall" in sys.argv else time.process_time
ARGS = [arg for arg in sys.argv[1:] if arg != "--wall"]


def load(root):
    for name in [m for m in sys.modules if m == "knobs" or m.startswith("knobs.")]:
        del sys.modules[name]
    sys.path.insert(0, root)
    mods = {n: importlib.import_module("knobs." + n) for n in ("language", "nn", "optim", "train", "data", "models")}
    sys.path.pop(0)
    return mods


def cases(k):
    lm = k["language"].MLPLanguageModel(context=3, embedding=8, hidden=32, seed=0)
    bi = k["language"].Bigram()
    x, y = k["data"].moons(200, seed=0)
    tr = k["train"].Trainer(k["nn"].MLP([2, 8, 8, 1], seed=0), k["optim"].make("adam", 0.03), (x[:100], y[:100]))
    tr2 = k["train"].Trainer(
        k["nn"].MLP([2, 8, 8, 1], seed=0), k["optim"].make("adam", 0.03), (x[:100], y[:100]), l2=0.01
    )
    hx, hy = k["data"].house_prices(n=50, seed=0, units="thousands")
    line = k["train"].Trainer(k["models"].Line(), k["optim"].SGD(0.1), (hx, hy))
    return {
        "language lab: MLPLanguageModel.train(steps=2)": (
            lambda: lm.train(steps=2, batch_size=32, learning_rate=0.5, seed=0),
            2,
        ),
        "Bigram.train(steps=20)": (lambda: bi.train(steps=20, batch_size=32, learning_rate=5.0, seed=0), 20),
        "network lab: Trainer.step, MLP 2-8-8-1, Adam": (lambda: tr.step(5), 5),
        "network lab, L2 0.01": (lambda: tr2.step(5), 5),
        "dynamics/line lab: Trainer.step, Line": (lambda: line.step(50), 50),
    }


trees = {"before": load(ARGS[0]), "after": load(ARGS[1])}
runs = {name: cases(k) for name, k in trees.items()}
best = {}
for _ in range(int(ARGS[2]) if len(ARGS) > 2 else 7):
    for tree, cs in runs.items():
        for case, (f, steps) in cs.items():
            t = CLOCK()
            for _ in range(3):
                f()
            per = (CLOCK() - t) / (3 * steps)
            best[(case, tree)] = min(best.get((case, tree), 1e9), per)
for case in runs["before"]:
    b, a = best[(case, "before")], best[(case, "after")]
    print(f"{case:48s} before {b * 1000:7.2f} ms  after {a * 1000:7.2f} ms  ratio {a / b:5.2f}")
