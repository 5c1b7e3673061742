"""Pretrain the course's transformer and write the weights shipped with the site.

    python tools/pretrain_transformer.py            # full run: writes the weights and the log
    python tools/pretrain_transformer.py --steps 30 --dry-run

The model is `knobs.transformer.Transformer`; the text is `knobs.tasks.corpus()`.
Training runs on `NumpyTransformer`, a numpy mirror of the pure-Python model
(the same forward pass and hand-written backward pass, on whole batches): the
tests prove both give the same logits and gradients on small shapes. This is
the course's honest parallel of a real foundation model: a lab pretrains on
its machines, the reader downloads the weights.

Writes `pycode/knobs/tiny_transformer.json` (float16, base64) and
`tools/pretrain_transformer_log.json` (settings, the loss of the first steps,
the final scores), which the tests compare with a fresh run.
"""

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one thread: repeatable sums, and a shared machine
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "pycode"))

from knobs import prompting, tasks  # noqa: E402
from knobs.transformer import EPSILON, Transformer  # noqa: E402
from knobs.words import WordTokenizer  # noqa: E402

WEIGHTS = ROOT / "pycode" / "knobs" / prompting.WEIGHTS
LOG = ROOT / "tools" / "pretrain_transformer_log.json"

# Defaults, each a choice for a model small enough to run fast in the page.
MODEL = {"context": 32, "width": 48, "heads": 4, "layers": 2, "hidden": 192, "seed": 0}
TRAINING = {
    "documents": 20000,  # lines of corpus
    "steps": 3000,  # Adam steps
    "batch_size": 32,  # sequences per step, each `context` + 1 tokens from a document start
    "learning_rate": 0.01,  # peak, after a linear warm-up, then a cosine decay to a tenth
    "warmup": 100,
    "seed": 0,  # the batches drawn
}
LOGGED_STEPS = 30  # the first losses kept in the log, for the reproducibility test


class NumpyTransformer:
    """The numpy mirror of `Transformer`: same parameter names and shapes, batched (B, T)."""

    def __init__(self, model, dtype=np.float64):
        self.heads, self.blocks = model.heads, model._blocks()
        self.params = {name: np.array(value, dtype=dtype) for name, value in model.parameters().items()}

    def forward(self, ids):
        """ids (B, T) → logits (B, T, V) and the saved activations."""
        p, length = self.params, ids.shape[1]
        x = p["token_embedding"][ids] + p["position_embedding"][:length]  # (B, T, C)
        saved = []
        for block in self.blocks:
            a, norm1 = layer_norm(x, p[f"{block}.norm1.gain"], p[f"{block}.norm1.bias"])
            q, k, v = (self._split(a @ p[f"{block}.{name}"].T) for name in ("query", "key", "value"))  # (B, H, T, S)
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(q.shape[-1])  # (B, H, T, T)
            scores = np.where(np.tril(np.ones((length, length), bool)), scores, -np.inf)
            w = np.exp(scores - scores.max(-1, keepdims=True))
            w /= w.sum(-1, keepdims=True)
            mixed = (w @ v).transpose(0, 2, 1, 3).reshape(x.shape)  # (B, T, C)
            x1 = x + mixed @ p[f"{block}.projection"].T
            b, norm2 = layer_norm(x1, p[f"{block}.norm2.gain"], p[f"{block}.norm2.bias"])
            before = b @ p[f"{block}.mlp1.weights"].T + p[f"{block}.mlp1.bias"]  # (B, T, H)
            after = np.maximum(before, 0)
            x2 = x1 + after @ p[f"{block}.mlp2.weights"].T + p[f"{block}.mlp2.bias"]
            saved.append(
                dict(
                    x=x, a=a, norm1=norm1, q=q, k=k, v=v, w=w, mixed=mixed, b=b, norm2=norm2, before=before, after=after
                )
            )
            x = x2
        final, norm = layer_norm(x, p["norm.gain"], p["norm.bias"])
        return final @ p["token_embedding"].T, dict(blocks=saved, final=final, norm=norm)

    def _split(self, x):
        batch, length, width = x.shape
        return x.reshape(batch, length, self.heads, width // self.heads).transpose(0, 2, 1, 3)

    def loss_and_gradients(self, ids, targets):
        """Mean cross-entropy over every position and its gradient for every parameter."""
        p = self.params
        logits, saved = self.forward(ids)
        shifted = logits - logits.max(-1, keepdims=True)
        log_chances = shifted - np.log(np.exp(shifted).sum(-1, keepdims=True))
        count = targets.size
        loss = -np.take_along_axis(log_chances, targets[..., None], -1).sum() / count
        d_logits = np.exp(log_chances)
        np.put_along_axis(d_logits, targets[..., None], np.take_along_axis(d_logits, targets[..., None], -1) - 1, -1)
        d_logits /= count
        g = {"token_embedding": _flat(d_logits).T @ _flat(saved["final"])}
        d_x, g["norm.gain"], g["norm.bias"] = layer_norm_backward(
            d_logits @ p["token_embedding"], saved["norm"], p["norm.gain"]
        )
        for block, s in reversed(list(zip(self.blocks, saved["blocks"]))):
            g[f"{block}.mlp2.weights"] = _flat(d_x).T @ _flat(s["after"])
            g[f"{block}.mlp2.bias"] = _flat(d_x).sum(0)
            d_before = (d_x @ p[f"{block}.mlp2.weights"]) * (s["before"] > 0)
            g[f"{block}.mlp1.weights"] = _flat(d_before).T @ _flat(s["b"])
            g[f"{block}.mlp1.bias"] = _flat(d_before).sum(0)
            d_x1, g[f"{block}.norm2.gain"], g[f"{block}.norm2.bias"] = layer_norm_backward(
                d_before @ p[f"{block}.mlp1.weights"], s["norm2"], p[f"{block}.norm2.gain"]
            )
            d_x1 = d_x1 + d_x
            g[f"{block}.projection"] = _flat(d_x1).T @ _flat(s["mixed"])
            d_mixed = self._split(d_x1 @ p[f"{block}.projection"])  # (B, H, T, S)
            q, k, v, w = s["q"], s["k"], s["v"], s["w"]
            d_v = w.transpose(0, 1, 3, 2) @ d_mixed
            d_w = d_mixed @ v.transpose(0, 1, 3, 2)
            d_scores = w * (d_w - (w * d_w).sum(-1, keepdims=True)) / np.sqrt(q.shape[-1])
            d_q, d_k = d_scores @ k, d_scores.transpose(0, 1, 3, 2) @ q
            d_a = 0
            for name, d in (("query", d_q), ("key", d_k), ("value", d_v)):
                d = d.transpose(0, 2, 1, 3).reshape(s["a"].shape)  # (B, T, C)
                g[f"{block}.{name}"] = _flat(d).T @ _flat(s["a"])
                d_a = d_a + d @ p[f"{block}.{name}"]
            d_x, g[f"{block}.norm1.gain"], g[f"{block}.norm1.bias"] = layer_norm_backward(
                d_a, s["norm1"], p[f"{block}.norm1.gain"]
            )
            d_x = d_x + d_x1
        np.add.at(g["token_embedding"], ids, d_x)
        g["position_embedding"] = np.zeros_like(p["position_embedding"])
        g["position_embedding"][: ids.shape[1]] = d_x.sum(0)
        return loss, g


def layer_norm(x, gain, bias):
    centred = x - x.mean(-1, keepdims=True)
    scale = 1 / np.sqrt((centred**2).mean(-1, keepdims=True) + EPSILON)
    x_hat = centred * scale
    return x_hat * gain + bias, (x_hat, scale)


def layer_norm_backward(d_y, saved, gain):
    x_hat, scale = saved
    g = d_y * gain
    d_x = scale * (g - g.mean(-1, keepdims=True) - x_hat * (g * x_hat).mean(-1, keepdims=True))
    return d_x, _flat(d_y * x_hat).sum(0), _flat(d_y).sum(0)


def _flat(x):
    return x.reshape(-1, x.shape[-1])


def batches(ids, starts, length, batch_size, rng):
    """Forever: (inputs, targets), each (batch_size, length), from random document starts."""
    while True:
        chosen = starts[rng.integers(0, len(starts), batch_size)]
        rows = np.stack([ids[s : s + length + 1] for s in chosen])
        yield rows[:, :-1], rows[:, 1:]


def corpus_ids(documents):
    """The corpus as token ids, where its documents start, and its sha256."""
    text = tasks.corpus(documents)
    tokenizer = WordTokenizer(tasks.vocabulary())
    ids = np.array(tokenizer.encode(text), dtype=np.int64)
    starts = np.flatnonzero(ids == 0)
    return ids, starts[starts + MODEL["context"] + 1 <= len(ids)], hashlib.sha256(text.encode()).hexdigest()


def learning_rate(step, settings):
    peak, warmup, steps = settings["learning_rate"], settings["warmup"], settings["steps"]
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = (step - warmup) / max(1, steps - warmup)
    return peak * (0.1 + 0.9 * 0.5 * (1 + np.cos(np.pi * progress)))


def pretrain(settings=TRAINING, model_settings=MODEL, progress=None):
    """Train from the fixed seeds; returns (Transformer with the trained knobs, losses per step)."""
    model = Transformer(tasks.vocabulary(), **model_settings)
    mirror = NumpyTransformer(model, dtype=np.float32)
    ids, starts, digest = corpus_ids(settings["documents"])
    draw = batches(ids, starts, model.context, settings["batch_size"], np.random.default_rng(settings["seed"]))
    first, second = ({name: np.zeros_like(v) for name, v in mirror.params.items()} for _ in range(2))
    losses = []
    for step in range(settings["steps"]):
        loss, grads = mirror.loss_and_gradients(*next(draw))
        rate, b1, b2 = learning_rate(step, settings), 0.9, 0.99
        for name, grad in grads.items():  # Adam
            first[name] = b1 * first[name] + (1 - b1) * grad
            second[name] = b2 * second[name] + (1 - b2) * grad * grad
            corrected = first[name] / (1 - b1 ** (step + 1)), second[name] / (1 - b2 ** (step + 1))
            mirror.params[name] -= (rate * corrected[0] / (np.sqrt(corrected[1]) + 1e-8)).astype(np.float32)
        losses.append(float(loss))
        if progress and (step % 100 == 0 or step == settings["steps"] - 1):
            progress(step, loss)
    model.set_parameters({name: value.astype(np.float64).tolist() for name, value in mirror.params.items()})
    return model, losses, digest


def scores(model, training_words=True):
    """The figures the lessons quote, from the pure-Python model (and, for comparison, the
    strategies on the words the model saw with instructions and formats)."""
    result = {
        "strategies_held_out": prompting.compare_strategies(model, task=prompting.EVERY_TASK),
        "strategies_held_out_per_task": {
            task: prompting.compare_strategies(model, task=task) for task in prompting.TASKS
        },
        "retrieval": {
            "none": prompting.retrieval_accuracy(model, None),
            "top1": prompting.retrieval_accuracy(model, 1),
            "top3": prompting.retrieval_accuracy(model, 3),
        },
    }
    if training_words:
        result["strategies_training_words"] = prompting.compare_strategies(
            model, tasks.TRAINING_WORDS, task=prompting.EVERY_TASK
        )
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=TRAINING["steps"])
    parser.add_argument("--learning-rate", type=float, default=TRAINING["learning_rate"])
    parser.add_argument("--dry-run", action="store_true", help="train and score, write nothing")
    arguments = parser.parse_args()
    settings = {**TRAINING, "steps": arguments.steps, "learning_rate": arguments.learning_rate}
    started = time.perf_counter()
    model, losses, digest = pretrain(
        settings, progress=lambda step, loss: print(f"step {step:5d}  loss {loss:.4f}", flush=True)
    )
    seconds = time.perf_counter() - started
    compact = Transformer.from_compact(model.to_compact())  # the numbers as shipped (float16)
    result = scores(compact)
    print(json.dumps(result, indent=1))
    print(f"{seconds:.0f} s, {model.count_parameters()} parameters")
    if arguments.dry_run:
        return
    WEIGHTS.write_text(json.dumps(model.to_compact(), separators=(",", ":")), encoding="utf-8")
    LOG.write_text(
        json.dumps(
            {
                "model": MODEL,
                "training": settings,
                "corpus_sha256": digest,
                "parameters": model.count_parameters(),
                "first_losses": losses[:LOGGED_STEPS],
                "losses_every_100": losses[::100],
                "final_loss": losses[-1],
                "seconds": round(seconds),
                "weights_bytes": WEIGHTS.stat().st_size,
                "scores": result,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {WEIGHTS.relative_to(ROOT)} ({WEIGHTS.stat().st_size} bytes) and {LOG.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
