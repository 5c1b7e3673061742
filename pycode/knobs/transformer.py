"""Transformer: a tiny decoder-only language model that reads words.

For a list of token ids (at most `context` of them) the model computes, at
every position t, scores for the next token that depend on tokens 0 … t only:

  x = token_embedding[token] + position_embedding[t]             # (T, C)
  for each block:                                                 # `layers` blocks
      x = x + attention(layer_norm(x))     several heads look back at earlier tokens
      x = x + mlp(layer_norm(x))           relu(x·W₁ + b₁)·W₂ + b₂, token by token
  logits = layer_norm(x) · token_embeddingᵀ                        # (T, V): the output layer is tied

Each building block below is written as a forward function with its backward
function right beside it (the derivative in a comment), on plain lists:
backprop by hand, the way `knobs.language.MLPLanguageModel` does it.

Generation (`generate`) reuses the keys and values of earlier tokens (the KV
cache): each new token costs one pass of one row, not of the whole text.
`attention_weights(text)` returns what every head looked at; `average_heads`
averages one block's heads into one picture.

Left out on purpose: dropout, biases in the attention layers, batches of
padded sequences (a batch is a list of sequences, each run on its own), and
any training loop: the shipped weights are pretrained by
`tools/pretrain_transformer.py` (a numpy mirror of this file, checked against
it by the tests), and `knobs.finetune` changes them in the page.
"""

import base64
import math
import random
import struct

from knobs import arguments
from knobs.language import pick, sampling_probabilities
from knobs.losses import categorical_cross_entropy, categorical_cross_entropy_gradient, softmax
from knobs.models import Model
from knobs.nested import dot
from knobs.words import NEWLINE, WordTokenizer, checked_ids

EPSILON = 1e-5  # added to the variance in layer norm so a flat row never divides by 0


# --- building blocks: forward, then backward ----------------------------------


def linear(x, weights, bias=None):
    """y = W·x + b for every row x of x: (T, In) → (T, Out); weights is (Out, In)."""
    if bias is None:
        return [[dot(row, xt) for row in weights] for xt in x]
    return [[dot(row, xt) + b for row, b in zip(weights, bias)] for xt in x]


def linear_backward(d_y, x, weights):
    """y = W·x + b  ⇒  dL/dx = Wᵀ·dL/dy,  dL/dW = Σₜ dL/dyₜ·xₜᵀ,  dL/db = Σₜ dL/dyₜ."""
    columns = list(zip(*weights))  # (In, Out)
    d_x = [[dot(column, dy) for column in columns] for dy in d_y]  # (T, In)
    x_columns = list(zip(*x))  # (In, T)
    d_weights = [[dot(d_column, x_column) for x_column in x_columns] for d_column in zip(*d_y)]  # (Out, In)
    d_bias = [sum(d_column) for d_column in zip(*d_y)]  # (Out,)
    return d_x, d_weights, d_bias


def layer_norm(x, gain, bias):
    """Each row to mean 0 and variance 1, then × gain + bias: x̂ = (x − mean) / √(variance + ε).
    Returns the output (T, C) and what the backward step needs: x̂ and 1/√(variance + ε)."""
    out, normed, inverse = [], [], []
    for row in x:
        mean = sum(row) / len(row)
        centred = [v - mean for v in row]
        scale = 1 / math.sqrt(dot(centred, centred) / len(row) + EPSILON)
        x_hat = [c * scale for c in centred]
        out.append([g * v + b for g, v, b in zip(gain, x_hat, bias)])
        normed.append(x_hat)
        inverse.append(scale)
    return out, (normed, inverse)


def layer_norm_backward(d_y, saved, gain):
    """With g = dL/dy × gain:  dL/dx = (g − mean(g) − x̂·mean(g·x̂)) / √(variance + ε),
    dL/dgain = Σₜ dL/dy·x̂,  dL/dbias = Σₜ dL/dy."""
    normed, inverse = saved
    d_x = []
    for dy, x_hat, scale in zip(d_y, normed, inverse):
        g = [d * k for d, k in zip(dy, gain)]
        mean_g, mean_gx = sum(g) / len(g), dot(g, x_hat) / len(g)
        d_x.append([scale * (gi - mean_g - xi * mean_gx) for gi, xi in zip(g, x_hat)])
    d_gain = [dot(d_column, x_column) for d_column, x_column in zip(zip(*d_y), zip(*normed))]
    d_bias = [sum(d_column) for d_column in zip(*d_y)]
    return d_x, d_gain, d_bias


def relu(x):
    """max(0, v) for every number of a table."""
    return [[v if v > 0 else 0.0 for v in row] for row in x]


def relu_backward(d_y, x):
    """d relu(v) / dv = 1 where v > 0, else 0."""
    return [[d if v > 0 else 0.0 for d, v in zip(dy, row)] for dy, row in zip(d_y, x)]


def attend(queries, keys, values, heads, offset=0):
    """Causal self-attention of several heads.

    The C numbers of each row are split into `heads` groups of C / heads. For
    head h, query row t (the token at position offset + t) scores every key
    s ≤ offset + t — never a later one — with qₜ·kₛ / √(C / heads); the
    softmax of those scores are its attention weights, and its output is
    Σₛ weight·vₛ. queries (T, C); keys and values (offset + T, C).
    Returns the output (T, C) and the weights: weights[h][t] lists offset + t + 1 numbers.
    """
    width = len(queries[0])
    size = width // heads  # numbers per head
    scale = 1 / math.sqrt(size)
    out = [[0.0] * width for _ in queries]  # (T, C)
    weights = []  # (heads, T, ≤ offset + T)
    for h in range(heads):
        part = slice(h * size, (h + 1) * size)
        head_keys = [row[part] for row in keys]
        head_values = [row[part] for row in values]
        head_weights = []
        for t, query in enumerate(queries):
            seen = offset + t + 1  # the causal mask: positions 0 … offset + t only
            q = query[part]
            w = softmax([dot(q, k) * scale for k in head_keys[:seen]])
            head_weights.append(w)
            out[t][part] = [dot(w, column) for column in zip(*head_values[:seen])]
        weights.append(head_weights)
    return out, weights


def attend_backward(d_out, queries, keys, values, weights, heads):
    """Backward of `attend` with offset 0. For each head and query t:
    out = Σₛ wₛ·vₛ  ⇒  dL/dvₛ += wₛ·dL/d(out),  dL/dwₛ = dL/d(out)·vₛ;
    softmax  ⇒  dL/dscoreₛ = wₛ·(dL/dwₛ − Σᵣ wᵣ·dL/dwᵣ);
    score = q·kₛ / √size  ⇒  dL/dq += dL/dscoreₛ·kₛ / √size,  dL/dkₛ += dL/dscoreₛ·q / √size."""
    width = len(queries[0])
    size = width // heads
    scale = 1 / math.sqrt(size)
    d_queries = [[0.0] * width for _ in queries]
    d_keys = [[0.0] * width for _ in keys]
    d_values = [[0.0] * width for _ in values]
    for h in range(heads):
        part = slice(h * size, (h + 1) * size)
        lo = h * size
        head_keys = [row[part] for row in keys]
        head_values = [row[part] for row in values]
        for t, (query, d_row) in enumerate(zip(queries, d_out)):
            w, d_o, q = weights[h][t], d_row[part], query[part]
            d_w = [dot(d_o, v) for v in head_values[: t + 1]]
            total = dot(w, d_w)
            d_scores = [ws * (dws - total) * scale for ws, dws in zip(w, d_w)]
            d_q = d_queries[t]
            for s, (ws, ds) in enumerate(zip(w, d_scores)):
                d_v, d_k, k = d_values[s], d_keys[s], head_keys[s]
                for j in range(size):
                    d_v[lo + j] += ws * d_o[j]
                    d_k[lo + j] += ds * q[j]
                    d_q[lo + j] += ds * k[j]
    return d_queries, d_keys, d_values


def add(a, b):
    """Elementwise sum of two tables (the residual connection: its gradient goes to both)."""
    return [[u + v for u, v in zip(ra, rb)] for ra, rb in zip(a, b)]


# --- the model -----------------------------------------------------------------


class Transformer(Model):
    """A decoder-only transformer over a word vocabulary.

    Hyper-parameters: `vocabulary` (list of words, the newline first), `context`
    (most tokens it reads), `width` (C, numbers per token), `heads`, `layers`,
    `hidden` (MLP units per block) and `seed` (the first knobs, random).

    x for `loss`/`gradients` is a list of token-id sequences; y the list of the
    next-token sequences (y[i][t] follows x[i][t]); the loss is the average
    cross-entropy over every position of every sequence.
    """

    def __init__(self, vocabulary, context=32, width=48, heads=4, layers=2, hidden=192, seed=0):
        self.tokenizer = WordTokenizer(vocabulary)
        self.context = arguments.integer(context, "context", minimum=1)  # most tokens read at once
        self.width = arguments.integer(width, "width", minimum=1)  # C: numbers per token
        self.heads = arguments.integer(heads, "heads", minimum=1)  # attention heads per block
        if self.width % self.heads:
            raise ValueError(f"heads: must divide width ({self.width}), got {self.heads}")
        self.layers = arguments.integer(layers, "layers", minimum=1)  # blocks
        self.hidden = arguments.integer(hidden, "hidden", minimum=1)  # MLP units per block
        self.seed = arguments.integer(seed, "seed")
        rng = random.Random(self.seed)

        def table(rows, columns, scale):
            return [[rng.gauss(0.0, scale) for _ in range(columns)] for _ in range(rows)]

        c, v = self.width, self.tokenizer.size
        self._parameters = {
            "token_embedding": table(v, c, 0.1),  # (V, C); also the output layer
            "position_embedding": table(self.context, c, 0.1),
        }  # (context, C)
        for block in self._blocks():
            self._parameters.update(
                {
                    f"{block}.norm1.gain": [1.0] * c,
                    f"{block}.norm1.bias": [0.0] * c,
                    f"{block}.query": table(c, c, 1 / math.sqrt(c)),  # (C, C) each, heads side by side
                    f"{block}.key": table(c, c, 1 / math.sqrt(c)),
                    f"{block}.value": table(c, c, 1 / math.sqrt(c)),
                    f"{block}.projection": table(c, c, 0.5 / math.sqrt(c * self.layers)),
                    f"{block}.norm2.gain": [1.0] * c,
                    f"{block}.norm2.bias": [0.0] * c,
                    f"{block}.mlp1.weights": table(self.hidden, c, 1 / math.sqrt(c)),  # (H, C)
                    f"{block}.mlp1.bias": [0.0] * self.hidden,
                    f"{block}.mlp2.weights": table(c, self.hidden, 0.5 / math.sqrt(self.hidden * self.layers)),
                    f"{block}.mlp2.bias": [0.0] * c,
                }
            )
        self._parameters.update({"norm.gain": [1.0] * c, "norm.bias": [0.0] * c})

    def structure(self):
        return {
            "vocabulary": list(self.tokenizer.vocabulary),
            "context": self.context,
            "width": self.width,
            "heads": self.heads,
            "layers": self.layers,
            "hidden": self.hidden,
            "seed": self.seed,
        }

    def __repr__(self):
        return (
            f"Transformer(vocabulary={self.tokenizer.size} words, context={self.context}, "
            f"width={self.width}, heads={self.heads}, layers={self.layers}, hidden={self.hidden}, "
            f"parameters={self.count_parameters()})"
        )

    def _blocks(self):
        return [f"block{i}" for i in range(1, self.layers + 1)]

    # --- forward ---------------------------------------------------------------

    def _forward(self, ids, cache=None):
        """Run `ids` (at positions len(cache) … onwards) through the model.

        `cache` holds each block's keys and values of the tokens already read;
        it is extended in place. Returns the logits (T, V) and the saved
        activations (what backward and `attention_weights` need)."""
        p = self._parameters
        offset = len(cache[0][0]) if cache else 0
        x = [
            [e + q for e, q in zip(p["token_embedding"][i], p["position_embedding"][offset + t])]
            for t, i in enumerate(ids)
        ]  # (T, C)
        saved = []
        for number, block in enumerate(self._blocks()):
            a, norm1 = layer_norm(x, p[f"{block}.norm1.gain"], p[f"{block}.norm1.bias"])  # (T, C)
            queries = linear(a, p[f"{block}.query"])  # (T, C)
            keys, values = linear(a, p[f"{block}.key"]), linear(a, p[f"{block}.value"])  # (T, C)
            if cache is not None:
                cache[number][0].extend(keys)
                cache[number][1].extend(values)
                keys, values = cache[number]  # (offset + T, C)
            mixed, weights = attend(queries, keys, values, self.heads, offset)  # (T, C)
            x1 = add(x, linear(mixed, p[f"{block}.projection"]))  # residual
            b, norm2 = layer_norm(x1, p[f"{block}.norm2.gain"], p[f"{block}.norm2.bias"])
            before = linear(b, p[f"{block}.mlp1.weights"], p[f"{block}.mlp1.bias"])  # (T, H)
            after = relu(before)
            x2 = add(x1, linear(after, p[f"{block}.mlp2.weights"], p[f"{block}.mlp2.bias"]))  # residual
            saved.append(
                {
                    "x": x,
                    "a": a,
                    "norm1": norm1,
                    "queries": queries,
                    "keys": keys,
                    "values": values,
                    "mixed": mixed,
                    "weights": weights,
                    "x1": x1,
                    "b": b,
                    "norm2": norm2,
                    "before": before,
                    "after": after,
                }
            )
            x = x2
        final, norm = layer_norm(x, p["norm.gain"], p["norm.bias"])  # (T, C)
        logits = linear(final, p["token_embedding"])  # (T, V): tied output layer
        return logits, {"blocks": saved, "final": final, "norm": norm}

    def _backward(self, ids, saved, d_logits):
        """Backprop by hand, from dL/dlogits (T, V) back to every knob."""
        p = self._parameters
        grads = {}
        # tied output layer: logits = final · Eᵀ
        d_final, grads["token_embedding"], _ = linear_backward(d_logits, saved["final"], p["token_embedding"])
        d_x, grads["norm.gain"], grads["norm.bias"] = layer_norm_backward(d_final, saved["norm"], p["norm.gain"])
        for block, s in reversed(list(zip(self._blocks(), saved["blocks"]))):
            # x2 = x1 + mlp2(relu(mlp1(norm2(x1)))): the residual passes d_x on unchanged
            d_after, grads[f"{block}.mlp2.weights"], grads[f"{block}.mlp2.bias"] = linear_backward(
                d_x, s["after"], p[f"{block}.mlp2.weights"]
            )
            d_before = relu_backward(d_after, s["before"])
            d_b, grads[f"{block}.mlp1.weights"], grads[f"{block}.mlp1.bias"] = linear_backward(
                d_before, s["b"], p[f"{block}.mlp1.weights"]
            )
            d_x1, grads[f"{block}.norm2.gain"], grads[f"{block}.norm2.bias"] = layer_norm_backward(
                d_b, s["norm2"], p[f"{block}.norm2.gain"]
            )
            d_x1 = add(d_x1, d_x)
            # x1 = x + projection(attend(query(a), key(a), value(a))), a = norm1(x)
            d_mixed, grads[f"{block}.projection"], _ = linear_backward(d_x1, s["mixed"], p[f"{block}.projection"])
            d_q, d_k, d_v = attend_backward(d_mixed, s["queries"], s["keys"], s["values"], s["weights"], self.heads)
            d_a = None
            for name, d in (("query", d_q), ("key", d_k), ("value", d_v)):
                d_from, grads[f"{block}.{name}"], _ = linear_backward(d, s["a"], p[f"{block}.{name}"])
                d_a = d_from if d_a is None else add(d_a, d_from)  # a feeds all three
            d_x, grads[f"{block}.norm1.gain"], grads[f"{block}.norm1.bias"] = layer_norm_backward(
                d_a, s["norm1"], p[f"{block}.norm1.gain"]
            )
            d_x = add(d_x, d_x1)
        # x = token_embedding[token] + position_embedding[t]: each row's gradient goes back to both
        d_positions = [[0.0] * self.width for _ in range(self.context)]
        for t, (token, d) in enumerate(zip(ids, d_x)):
            row = grads["token_embedding"][token]
            grads["token_embedding"][token] = [u + v for u, v in zip(row, d)]
            d_positions[t] = d
        grads["position_embedding"] = d_positions
        return grads

    # --- the model API -----------------------------------------------------------

    def _sequences(self, x, name="x"):
        if isinstance(x, (str, bytes)) or not isinstance(x, (list, tuple)) or not x:
            raise ValueError(f"{name}: expected a non-empty list of token-id sequences")
        return [self._sequence(row, f"{name}[{i}]") for i, row in enumerate(x)]

    def _sequence(self, ids, name):
        ids = checked_ids(ids, self.tokenizer.size, name)
        if len(ids) > self.context:
            raise ValueError(f"{name}: has {len(ids)} tokens; the model reads at most {self.context}")
        return ids

    def _pairs(self, x, y):
        x, y = self._sequences(x), self._sequences(y, "y")
        arguments.same_length(x, y, "x", "y")
        for i, (row, targets) in enumerate(zip(x, y)):
            if len(row) != len(targets):
                raise ValueError(f"y[{i}]: expected {len(row)} next tokens, one per token of x[{i}]")
        return x, y

    def logits(self, ids):
        """The scores for the next token at every position of one sequence: (T, V)."""
        return self._forward(self._sequence(ids, "ids"))[0]

    def predict(self, x):
        """For each sequence, the chance of every next token at every position: (N, T, V)."""
        return [[softmax(row) for row in self._forward(ids)[0]] for ids in self._sequences(x)]

    def loss(self, x, y):
        """Average cross-entropy (nats) of the true next tokens, over all positions."""
        x, y = self._pairs(x, y)
        return self._loss_and_gradients(x, y, gradients=False)[0]

    def gradients(self, x, y):
        """d loss / d knob for every knob, as a dict shaped like `parameters()`."""
        x, y = self._pairs(x, y)
        return self._loss_and_gradients(x, y)[1]

    def loss_and_gradients(self, x, y):
        x, y = self._pairs(x, y)
        return self._loss_and_gradients(x, y)

    def evaluate_and_gradients(self, x, y):
        loss, grads = self.loss_and_gradients(x, y)
        return {"loss": loss}, grads

    def _loss_and_gradients(self, x, y, gradients=True):
        count = sum(len(row) for row in y)  # the loss averages over every position
        total, grads = 0.0, None
        for ids, targets in zip(x, y):
            logits, saved = self._forward(ids)
            share = len(targets) / count
            total += categorical_cross_entropy(logits, targets) * share
            if gradients:
                d_logits = [[d * share for d in row] for row in categorical_cross_entropy_gradient(logits, targets)]
                g = self._backward(ids, saved, d_logits)
                grads = g if grads is None else {name: _plus(grads[name], g[name]) for name in g}
        return total, grads

    # --- reading text ----------------------------------------------------------------

    def encode(self, text, name="text"):
        """Text → token ids (a word outside the vocabulary raises ValueError naming `name`)."""
        return self.tokenizer.encode(text, name)

    def decode(self, ids):
        return self.tokenizer.decode(ids)

    def next_token_probabilities(self, text, temperature=1.0, top_k=None):
        """Chance of each next word given `text` (its last `context` tokens), as a dict word → chance."""
        ids = self._prompt(text, "text")
        chances = sampling_probabilities(self._forward(ids[-self.context :])[0][-1], temperature, top_k)
        return dict(zip(self.tokenizer.vocabulary, chances))

    def attention_weights(self, text):
        """What every head looked at while reading `text`: {"tokens": [...], "weights": w} with
        w[block][head][t][s] the weight query t gives token s (0 for s > t: the future is masked)."""
        ids = self._prompt(text, "text")
        if len(ids) > self.context:
            raise ValueError(f"text: has {len(ids)} tokens; the model reads at most {self.context}")
        saved = self._forward(ids)[1]
        size = len(ids)
        weights = [
            [[row + [0.0] * (size - len(row)) for row in head] for head in s["weights"]] for s in saved["blocks"]
        ]  # (layers, heads, T, T)
        return {"tokens": [self.tokenizer.vocabulary[i] for i in ids], "weights": weights}

    def _prompt(self, text, name):
        """A prompt's token ids; a document (and so a prompt) starts with the newline."""
        ids = self.encode(text, name)
        if not ids or ids[0] != 0:
            ids = [0] + ids
        return ids

    def generate(self, prompt, length=10, temperature=1.0, top_k=None, seed=0, greedy=False, stop=NEWLINE):
        """Write up to `length` more words after `prompt`; returns only the new text.

        Each word is drawn from the model's chances (`temperature`, `top_k`;
        `greedy=True` or temperature 0 takes the most likely). The same seed
        gives the same words. Writing stops after the word `stop` (None: never).
        Keys and values of the words already read are cached, so each new word
        costs one row. When the window of `context` tokens is full, the model
        forgets its older half and reads the newer half again (one pass for
        every context / 2 new words, instead of one for every word).
        """
        ids = self._prompt(prompt, "prompt")
        length = arguments.integer(length, "length", minimum=0)
        sampling_probabilities([0.0], temperature, top_k)  # check them before writing anything
        if not isinstance(greedy, bool):
            raise TypeError(f"greedy: expected True or False, got {greedy!r}")
        if stop is not None and (not isinstance(stop, str) or stop not in self.tokenizer.ids):
            raise ValueError(f"stop: {stop!r} is not a word of the vocabulary")
        rng = random.Random(arguments.integer(seed, "seed"))
        written = []
        cache = None
        for count in range(1, length + 1):
            if cache is None:  # read the last `context` tokens, keeping their keys and values
                cache = [([], []) for _ in range(self.layers)]
                logits = self._forward(ids[-self.context :], cache)[0][-1]
            token = pick(sampling_probabilities(logits, 0 if greedy else temperature, top_k), rng)
            ids.append(token)
            written.append(token)
            if self.tokenizer.vocabulary[token] == stop or count == length:
                break
            if len(cache[0][0]) == self.context:  # the window is full: forget its older half
                cache, ids = None, ids[-(self.context // 2 + 1) :]
            else:
                logits = self._forward([token], cache)[0][-1]  # one new row through the model
        return self.decode(written)

    def answer(self, prompt, length=1):
        """The `length` most likely next words after `prompt`, greedily (the way the tests score)."""
        return self.generate(prompt, length=length, greedy=True).strip()

    # --- compact weights -------------------------------------------------------------

    def to_compact(self):
        """Like `to_dict()`, but each knob stored as a half-precision float (2 bytes), base64 text:
        about a fifth of the JSON size, for the weights shipped with the site."""
        saved = self.to_dict()
        saved["parameters"] = {name: pack(value) for name, value in saved["parameters"].items()}
        saved["encoding"] = "float16-base64"
        return saved

    @classmethod
    def from_compact(cls, saved):
        """Rebuild a model from `to_compact()` output."""
        if not isinstance(saved, dict) or saved.get("encoding") != "float16-base64":
            raise ValueError("saved: expected the output of Transformer.to_compact()")
        model = cls(**saved["structure"])
        return model.set_parameters({name: unpack(value) for name, value in saved["parameters"].items()})


def average_heads(heads):
    """One block's attention averaged over its heads: weight[t][s] = (1/H) · Σₕ heads[h][t][s].

    `heads` is one block of `attention_weights(text)["weights"]`, (heads, T, T); each row of the average still sums
    to 1, as every head's does."""
    if not isinstance(heads, (list, tuple)) or not heads:
        raise ValueError("heads: expected a non-empty list of attention tables, one per head (heads × T × T)")
    tables = [arguments.points(head, f"heads[{h}]") for h, head in enumerate(heads)]
    size = (len(tables[0]), len(tables[0][0]))
    for h, table in enumerate(tables):
        if (len(table), len(table[0])) != size:
            raise ValueError(f"heads[{h}]: expected {size[0]} rows of {size[1]} weights, as heads[0] has")
    return [[sum(column) / len(tables) for column in zip(*rows)] for rows in zip(*tables)]  # (T, T)


def pack(value):
    """Nested lists of numbers → {"shape": [...], "data": base64 of little-endian float16s}."""
    shape = list(arguments.knob(value, "value"))
    if not shape or 0 in shape:
        raise ValueError("value: expected non-empty nested lists of numbers")
    flat = value
    for _ in shape[1:]:
        flat = [v for row in flat for v in row]
    try:
        data = struct.pack(f"<{len(flat)}e", *flat)
    except (struct.error, OverflowError) as error:
        raise ValueError(f"value: does not fit in float16 ({error})") from None
    return {"shape": shape, "data": base64.b64encode(data).decode("ascii")}


def unpack(packed):
    """The nested lists that `pack` stored (numbers rounded to float16)."""
    if not isinstance(packed, dict) or not isinstance(packed.get("data"), str) or not packed.get("shape"):
        raise TypeError("packed: expected the output of pack(): {'shape': [...], 'data': '...'}")
    shape = [arguments.integer(size, "packed", minimum=1) for size in packed["shape"]]
    count = math.prod(shape)
    try:
        data = base64.b64decode(packed["data"], validate=True)
    except ValueError:
        raise ValueError("packed: data is not base64 text") from None
    if len(data) != 2 * count:
        raise ValueError(f"packed: data holds {len(data) // 2} numbers, its shape {shape} needs {count}")
    flat = list(struct.unpack(f"<{count}e", data))
    for size in reversed(shape[1:]):
        flat = [flat[i : i + size] for i in range(0, len(flat), size)]
    return flat


def _plus(a, b):
    """a + b for two numbers or nested lists of the same shape."""
    if isinstance(a, list):
        return [_plus(u, v) for u, v in zip(a, b)]
    return a + b
