"""Language models: a function with knobs that guesses the next character.

In scope:
- `Bigram`: looks at one character and guesses the next. Its knobs are a
  table of logits, one row per previous character; `fit` sets them by
  counting pairs with add-k smoothing, `train` by gradient descent.
- `MLPLanguageModel`: looks at the last `context` characters, turns each into
  a short list of numbers (an embedding), and passes them through one hidden
  tanh layer to a softmax over the vocabulary. Backprop is written out by hand
  on plain lists, batch by batch.
- Writing text (`generate`): temperature, top-k and greedy decoding.

Both models follow the course's model API: `predict(x)`, `loss(x, y)`,
`gradients(x, y)`, `parameters()`, `set_parameters(...)`,
`count_parameters()`, `to_dict()`/`from_dict()`, `save(path)`/`load(path)`.
Here x is a list of context windows (tuples of token ids) and y the list of
next token ids; `model.examples(text)` makes both from text.

A model sees only its window: the last `context` characters (`window(text)`
shows them). Everything before the window has no effect on its guess.
Writing text never changes the knobs; only `fit`, `train` and `step` do.

Left out on purpose: attention, word tokens, and any optimiser beyond plain
gradient descent.
"""

import json
import math
import random
from operator import mul

from knobs import arguments
from knobs.tokens import BOUNDARY, Tokenizer, corpus, examples, window


def softmax(logits):
    """Turn scores into chances that sum to one: exp(score) / Σ exp(score).
    The largest score is subtracted first so exp never overflows."""
    largest = max(logits)
    exps = [math.exp(score - largest) for score in logits]
    total = sum(exps)
    return [e / total for e in exps]


def sampling_probabilities(logits, temperature=1.0, top_k=None):
    """The chances used when writing: keep the `top_k` highest scores (all if
    None), divide the scores by `temperature`, then softmax.

    Temperature 0 is greedy: all the chance goes to the highest score (the
    first one, if several tie). Low temperature sharpens, high flattens.
    """
    temperature = arguments.non_negative_number(temperature, "temperature")
    if top_k is not None:
        top_k = arguments.integer(top_k, "top_k", minimum=1)
    order = sorted(range(len(logits)), key=lambda i: -logits[i])  # best first; ties keep id order
    if temperature == 0:
        return [1.0 if i == order[0] else 0.0 for i in range(len(logits))]
    kept = sorted(order[:top_k])  # top_k None keeps them all
    best = logits[order[0]]  # subtracted first, so a tiny temperature cannot overflow
    chances = dict(zip(kept, softmax([(logits[i] - best) / temperature for i in kept])))
    return [chances.get(i, 0.0) for i in range(len(logits))]


def pick(probabilities, rng):
    """Draw one token id with the given chances, using one number from `rng`."""
    threshold = rng.random()
    total = 0.0
    for i, p in enumerate(probabilities):
        total += p
        if threshold < total:
            return i
    return max(i for i, p in enumerate(probabilities) if p > 0)  # rounding left a sliver


class LanguageModel:
    """What every language model here shares: windows, examples, the loss,
    writing text, and saving. A subclass sets `context` and supplies its
    knobs (`parameters`, `set_parameters`) and `_logits_and_gradients`."""

    context = 1  # how many characters the model sees

    def __init__(self, tokenizer=None):
        if tokenizer is None:
            tokenizer = Tokenizer(corpus())
        if not isinstance(tokenizer, Tokenizer):
            raise TypeError(f"tokenizer: expected a Tokenizer or None, got {type(tokenizer).__name__}")
        self.tokenizer = tokenizer
        self.boundary = tokenizer.ids[BOUNDARY]
        self.loss_history_ = []

    # --- seeing text -----------------------------------------------------

    def window(self, text):
        """The characters the model actually sees when `text` is the text so
        far: the last `context` of them, filled on the left with newlines."""
        ids = self.tokenizer.encode(text, name="text")
        return self.tokenizer.decode(window(ids, self.context, self.boundary))

    def examples(self, text=None):
        """(x, y) training pairs from `text` (the course corpus if None)."""
        ids = self.tokenizer.encode(corpus() if text is None else text, name="text")
        return examples(ids, self.context, self.boundary)

    def _check_examples(self, x, y=None):
        if not isinstance(x, (list, tuple)) or not x:
            raise ValueError("x: expected a non-empty list of context windows")
        for w in x:
            if (not isinstance(w, (list, tuple)) or len(w) != self.context
                    or not all(isinstance(i, int) and 0 <= i < self.tokenizer.size for i in w)):
                raise ValueError(f"x: expected windows of {self.context} token ids, got {w!r}")
        if y is not None:
            if not isinstance(y, (list, tuple)) or len(y) != len(x):
                raise ValueError(f"y: expected a list of {len(x)} token ids, one per window in x")
            if not all(isinstance(i, int) and 0 <= i < self.tokenizer.size for i in y):
                raise ValueError(f"y: expected token ids from 0 to {self.tokenizer.size - 1}")

    # --- the model API ---------------------------------------------------

    def predict(self, x):
        """For each window in x, the chance of every next token: (N, vocabulary)."""
        self._check_examples(x)
        return [softmax(row) for row in self._logits(x)]

    def loss(self, x, y):
        """Average negative log-likelihood: mean of −log(chance given to the
        true next token), in nats. Guessing uniformly scores log(vocabulary)."""
        self._check_examples(x, y)
        return _nll(self._logits(x), y)

    def gradients(self, x, y):
        """d loss / d knob for every knob, as a dict shaped like `parameters()`."""
        self._check_examples(x, y)
        return self._loss_and_gradients(x, y)[1]

    def step(self, x, y, learning_rate):
        """One gradient-descent step: every knob −= learning_rate × its
        gradient. Returns the loss before the step."""
        self._check_examples(x, y)
        learning_rate = arguments.number(learning_rate, "learning_rate")
        loss, grads = self._loss_and_gradients(x, y)
        for name, gradient in grads.items():  # in place: no copies, shapes already match
            setattr(self, name, _axpy(-learning_rate, gradient, getattr(self, name)))
        return loss

    def train(self, text=None, steps=500, batch_size=32, learning_rate=0.5, seed=0):
        """Gradient descent on random mini-batches of `batch_size` examples from
        `text` (the corpus if None). Appends each step's loss to
        `loss_history_` and returns the model."""
        steps = arguments.integer(steps, "steps", minimum=0)
        batch_size = arguments.integer(batch_size, "batch_size", minimum=1)
        learning_rate = arguments.positive_number(learning_rate, "learning_rate")
        x, y = self.examples(text)
        rng = random.Random(arguments.integer(seed, "seed"))
        for _ in range(steps):
            batch = [rng.randrange(len(x)) for _ in range(batch_size)]
            loss = self.step([x[i] for i in batch], [y[i] for i in batch], learning_rate)
            self.loss_history_.append(loss)
        return self

    def count_parameters(self):
        """How many knobs (numbers) the model has."""
        return sum(_count(value) for value in self.parameters().values())

    # --- writing text ----------------------------------------------------

    def next_token_probabilities(self, text, temperature=1.0, top_k=None):
        """Chance of each next character given the text so far, as a dict
        character → chance. Only `window(text)` matters."""
        ids = self.tokenizer.encode(text, name="text")
        seen = tuple(window(ids, self.context, self.boundary))
        chances = sampling_probabilities(self._logits([seen])[0], temperature, top_k)
        return dict(zip(self.tokenizer.vocabulary, chances))

    def generate(self, prompt="", length=100, temperature=1.0, top_k=None, seed=0, greedy=False):
        """Write `length` more characters after `prompt` and return prompt +
        them. Each new character is drawn from the model's chances given only
        the last `context` characters. `greedy=True` (or temperature 0) always
        takes the most likely one. The same seed gives the same text.

        An empty prompt starts a new line. A character outside the vocabulary
        raises ValueError naming `prompt`. The knobs never change here.
        """
        ids = self.tokenizer.encode(prompt, name="prompt")
        length = arguments.integer(length, "length", minimum=0)
        sampling_probabilities([0.0], temperature, top_k)  # check them before writing anything
        rng = random.Random(arguments.integer(seed, "seed"))
        for _ in range(length):
            seen = tuple(window(ids, self.context, self.boundary))  # all the model sees
            logits = self._logits([seen])[0]
            chances = sampling_probabilities(logits, 0 if greedy else temperature, top_k)
            ids.append(pick(chances, rng))
        return self.tokenizer.decode(ids)

    # --- saving ----------------------------------------------------------

    def settings(self):
        """The hyper-parameters given when the model was made."""
        return {}

    def to_dict(self):
        """Structure and numbers as plain data (JSON-ready)."""
        return {"model": type(self).__name__, "settings": self.settings(),
                "tokenizer": self.tokenizer.to_dict(), "parameters": self.parameters()}

    @classmethod
    def from_dict(cls, data):
        """Rebuild a model from `to_dict()` output."""
        if not isinstance(data, dict) or data.get("model") != cls.__name__:
            raise ValueError(f"data: expected the output of {cls.__name__}.to_dict()")
        model = cls(**data["settings"], tokenizer=Tokenizer.from_dict(data["tokenizer"]))
        model.set_parameters(data["parameters"])
        return model

    def save(self, path):
        """Write `to_dict()` to a JSON file."""
        with open(path, "w", encoding="utf-8") as file:
            json.dump(self.to_dict(), file)

    @classmethod
    def load(cls, path):
        """Read a model written by `save`."""
        with open(path, encoding="utf-8") as file:
            return cls.from_dict(json.load(file))

    def _set(self, values, shapes):
        """Check `values` has exactly the knobs in `shapes` and copy them in."""
        if not isinstance(values, dict) or set(values) != set(shapes):
            raise ValueError(f"parameters: expected a dict with keys {sorted(shapes)}")
        for name, shape in shapes.items():
            if _shape(values[name]) != shape:
                raise ValueError(f"parameters[{name!r}]: expected shape {shape}, got {_shape(values[name])}")
        for name in shapes:
            setattr(self, name, _copy(values[name]))


class Bigram(LanguageModel):
    """The simplest language model: the next character depends only on the
    one before it. Its knobs are `logits`, a vocabulary × vocabulary table:
    row = previous character, column = next character, chance = softmax(row).

    `fit` counts pairs: chance(b after a) = (count(a, b) + k) / (count(a) + k·V)
    with k = `smoothing` > 0, so no pair is impossible. `train` reaches the
    same kind of table by gradient descent instead.
    """

    context = 1

    def __init__(self, smoothing=1.0, tokenizer=None):
        super().__init__(tokenizer)
        self.smoothing = arguments.positive_number(smoothing, "smoothing")  # k in add-k smoothing
        size = self.tokenizer.size
        self.logits = [[0.0] * size for _ in range(size)]  # (V, V); all equal: uniform guesses
        self.counts_ = [[0] * size for _ in range(size)]  # (V, V); filled by fit

    def fit(self, text=None):
        """Count every (previous, next) pair in `text` (the corpus if None),
        then set each row of logits to log of the smoothed chances."""
        x, y = self.examples(text)
        size = self.tokenizer.size
        self.counts_ = [[0] * size for _ in range(size)]
        for (previous,), following in zip(x, y):
            self.counts_[previous][following] += 1
        k = self.smoothing
        self.logits = [[math.log((c + k) / (sum(row) + k * size)) for c in row] for row in self.counts_]
        return self

    def settings(self):
        return {"smoothing": self.smoothing}

    def parameters(self):
        """{'logits': vocabulary × vocabulary table}, copied."""
        return {"logits": _copy(self.logits)}

    def set_parameters(self, values):
        size = self.tokenizer.size
        self._set(values, {"logits": (size, size)})

    def to_dict(self):
        return {**super().to_dict(), "counts": _copy(self.counts_)}

    @classmethod
    def from_dict(cls, data):
        model = super().from_dict(data)
        if "counts" in data:
            model.counts_ = _copy(data["counts"])
        return model

    def _logits(self, x):
        return [self.logits[previous] for (previous,) in x]  # (N, V)

    def _loss_and_gradients(self, x, y):
        """d loss / d logits[a][b] = Σ over examples with previous a of
        (chance(b) − [b is the true next]) / N."""
        n = len(x)
        grad = [[0.0] * self.tokenizer.size for _ in range(self.tokenizer.size)]
        for (previous,), following in zip(x, y):
            row = grad[previous]
            for b, p in enumerate(softmax(self.logits[previous])):
                row[b] += p / n
            row[following] -= 1 / n
        return _nll(self._logits(x), y), {"logits": grad}


class MLPLanguageModel(LanguageModel):
    """A tiny neural language model (Bengio et al., 2003, made small).

    For a window of `context` characters:
      1. look up each character's embedding (a list of `embedding` numbers)
         and join them into one input list of context × embedding numbers;
      2. hidden = tanh(hidden_weights · input + hidden_bias)   (`hidden` numbers);
      3. logits = output_weights · hidden + output_bias         (one per character);
      4. chances = softmax(logits).
    """

    def __init__(self, context=3, embedding=8, hidden=32, seed=0, tokenizer=None):
        super().__init__(tokenizer)
        self.context = arguments.integer(context, "context", minimum=1)  # characters seen
        self.embedding = arguments.integer(embedding, "embedding", minimum=1)  # numbers per character
        self.hidden = arguments.integer(hidden, "hidden", minimum=1)  # tanh units
        self.seed = arguments.integer(seed, "seed")
        rng = random.Random(self.seed)
        size, inputs = self.tokenizer.size, context * embedding

        def table(rows, columns, scale):
            return [[rng.gauss(0.0, scale) for _ in range(columns)] for _ in range(rows)]

        self.embeddings = table(size, embedding, 1.0)  # (V, E)
        self.hidden_weights = table(hidden, inputs, 1 / math.sqrt(inputs))  # (H, context·E)
        self.hidden_bias = [0.0] * hidden  # (H,)
        self.output_weights = table(size, hidden, 0.1 / math.sqrt(hidden))  # (V, H); small: first guesses near uniform
        self.output_bias = [0.0] * size  # (V,)

    def settings(self):
        return {"context": self.context, "embedding": self.embedding, "hidden": self.hidden, "seed": self.seed}

    def parameters(self):
        """The five groups of knobs, copied."""
        return {name: _copy(getattr(self, name)) for name in self._shapes()}

    def set_parameters(self, values):
        self._set(values, self._shapes())

    def _shapes(self):
        size, inputs = self.tokenizer.size, self.context * self.embedding
        return {"embeddings": (size, self.embedding), "hidden_weights": (self.hidden, inputs),
                "hidden_bias": (self.hidden,), "output_weights": (size, self.hidden),
                "output_bias": (size,)}

    def _forward(self, x):
        inputs = [[v for token in w for v in self.embeddings[token]] for w in x]  # (B, context·E)
        hidden = [[math.tanh(b + sum(map(mul, weights, row)))
                   for weights, b in zip(self.hidden_weights, self.hidden_bias)] for row in inputs]  # (B, H)
        logits = [[b + sum(map(mul, weights, h))
                   for weights, b in zip(self.output_weights, self.output_bias)] for h in hidden]  # (B, V)
        return inputs, hidden, logits

    def _logits(self, x):
        return self._forward(x)[2]

    def _loss_and_gradients(self, x, y):
        """Backprop by hand, layer by layer, from the loss back to the embeddings."""
        n = len(x)
        inputs, hidden, logits = self._forward(x)
        loss = _nll(logits, y)
        # softmax + NLL: d loss / d logit = (chance − [is the true next]) / N
        d_logits = [[p / n for p in softmax(row)] for row in logits]  # (B, V)
        for row, following in zip(d_logits, y):
            row[following] -= 1 / n
        # output layer: logits = output_weights · hidden + output_bias
        d_output_weights = _sum_of_outer_products(d_logits, hidden)  # (V, H)
        d_output_bias = [sum(column) for column in zip(*d_logits)]  # (V,)
        d_hidden = _times_transpose(d_logits, self.output_weights)  # (B, H)
        # tanh: d tanh(z) / dz = 1 − tanh(z)²
        d_before = [[g * (1 - h * h) for g, h in zip(gs, hs)] for gs, hs in zip(d_hidden, hidden)]  # (B, H)
        # hidden layer: z = hidden_weights · input + hidden_bias
        d_hidden_weights = _sum_of_outer_products(d_before, inputs)  # (H, context·E)
        d_hidden_bias = [sum(column) for column in zip(*d_before)]  # (H,)
        d_inputs = _times_transpose(d_before, self.hidden_weights)  # (B, context·E)
        # embeddings: each window position passes its slice back to its token's row
        d_embeddings = [[0.0] * self.embedding for _ in range(self.tokenizer.size)]  # (V, E)
        for w, d in zip(x, d_inputs):
            for position, token in enumerate(w):
                piece = d[position * self.embedding:(position + 1) * self.embedding]
                d_embeddings[token] = [a + b for a, b in zip(d_embeddings[token], piece)]
        return loss, {"embeddings": d_embeddings, "hidden_weights": d_hidden_weights,
                      "hidden_bias": d_hidden_bias, "output_weights": d_output_weights,
                      "output_bias": d_output_bias}


# --- small list arithmetic -----------------------------------------------

def _nll(logits, y):
    """Average of −log softmax(logits)[true next] = log Σ exp(logits) − logit[true]."""
    total = 0.0
    for row, following in zip(logits, y):
        largest = max(row)
        total += largest + math.log(sum(math.exp(v - largest) for v in row)) - row[following]
    return total / len(y)


def _sum_of_outer_products(a, b):
    """Σ over the batch of outer(a[i], b[i]); a is (B, P), b is (B, Q) → (P, Q)."""
    b_columns = list(zip(*b))  # (Q, B)
    return [[sum(map(mul, a_column, b_column)) for b_column in b_columns] for a_column in zip(*a)]


def _times_transpose(d, weights):
    """Pass gradients back through a layer: d (B, P) · weights (P, Q) → (B, Q)."""
    columns = list(zip(*weights))  # (Q, P)
    return [[sum(map(mul, column, row)) for column in columns] for row in d]


def _axpy(scale, step, value):
    """value + scale × step, for a list of numbers or a table (list of rows)."""
    if value and isinstance(value[0], list):
        return [_axpy(scale, s, v) for s, v in zip(step, value)]
    return [v + scale * s for s, v in zip(step, value)]


def _copy(value):
    """A deep copy of a number or nested lists of numbers."""
    return [_copy(v) for v in value] if isinstance(value, list) else value


def _shape(value):
    """(rows, columns, …) of nested lists of numbers; None if ragged or not numbers."""
    if isinstance(value, list):
        inner = {_shape(v) for v in value}
        if not value:
            return (0,)
        if len(inner) != 1 or None in inner:
            return None
        return (len(value),) + inner.pop()
    return () if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _count(value):
    return sum(_count(v) for v in value) if isinstance(value, list) else 1
