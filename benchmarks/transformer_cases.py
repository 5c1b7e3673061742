"""Speed of the course's pretrained transformer in pure Python. The same file
runs natively (`bench_transformer.py`) and inside Pyodide under Node.js
(`pyodide_bench.mjs --module transformer_cases`), so both measure the same code.

Cases (each timed as the best of a few rounds; other programs only slow a round down):
- load: read and decode the shipped float16 weights (`prompting.pretrained()`, its cache cleared);
- generate: 100 words after a 5-shot prompt, with the KV cache (words per second);
- generate_no_cache: the same words recomputing the whole text for each (the cache's gain);
- strategies: score the six prompt strategies on the 20 held-out words × 3 tasks (360 answers);
- retrieval: score the person questions bare, with the top fact and with the top 3 (90 answers);
- gradients: loss and gradients of 4 sequences of 32 tokens (what fine-tuning in the page needs).
"""

import platform
import sys
import time


def _model():
    from knobs import prompting

    return prompting.pretrained()


def load():
    from knobs import prompting

    def read():
        prompting.pretrained.cache_clear()  # time reading the weights, not the cache that keeps them
        return prompting.pretrained()

    return read, 1


def generate():
    from knobs import prompting

    model, text = _model(), prompting.prompt("5-shot", "dog")
    return lambda: model.generate(text, length=100, seed=0, stop=None), 100


def generate_no_cache():
    import random

    from knobs import prompting
    from knobs.language import pick, sampling_probabilities

    model, ids = _model(), _model().encode("\n" + prompting.prompt("5-shot", "dog"))

    def run():
        rng, seen = random.Random(0), list(ids)
        for _ in range(100):
            seen.append(pick(sampling_probabilities(model.logits(seen[-model.context :])[-1]), rng))

    return run, 100


def strategies():
    from knobs import prompting, tasks

    model = _model()
    questions = len(prompting.STRATEGIES) * len(prompting.TASKS) * len(tasks.HELD_OUT_WORDS)
    return lambda: prompting.compare_strategies(model, task=prompting.EVERY_TASK), questions


def retrieval():
    from knobs import prompting

    model = _model()
    return lambda: [prompting.retrieval_accuracy(model, k) for k in (None, 1, 3)], 90


def gradients():
    from knobs import tasks

    model = _model()
    ids = model.encode(tasks.corpus(200))[: 4 * 33]
    x = [ids[i * 33 : i * 33 + 32] for i in range(4)]
    y = [ids[i * 33 + 1 : i * 33 + 33] for i in range(4)]
    return lambda: model.loss_and_gradients(x, y), 1


CASES = {  # name → (what it measures, unit, setup)
    "load": ("read the shipped weights", "loads", load),
    "generate": ("100 words, KV cache", "words", generate),
    "generate_no_cache": ("100 words, full recompute each word", "words", generate_no_cache),
    "strategies": ("6 strategies × 20 held-out words", "answers", strategies),
    "retrieval": ("30 questions × (bare, top 1, top 3)", "answers", retrieval),
    "gradients": ("loss + gradients, 4 × 32 tokens", "batches", gradients),
}


def run_all(quick=False, names=None):
    """Run every case (or those in `names`); returns plain data with seconds and units per second."""
    rounds = 1 if quick else 3
    rows = []
    for name, (label, unit, setup) in CASES.items():
        if names is not None and name not in names:
            continue
        work, count = setup()
        best = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            work()
            best = min(best, time.perf_counter() - start)
        rows.append({"case": name, "label": label, "unit": unit, "seconds": best, "per_second": count / best})
    return {"python": sys.version.split()[0], "platform": f"{sys.platform} {platform.machine()}", "rows": rows}
