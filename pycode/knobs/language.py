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

Both are `knobs.models.Model`s: `predict(x)`, `loss(x, y)`, `gradients(x, y)`,
`parameters()`, `set_parameters(...)`, `count_parameters()`,
`to_dict()`/`from_dict()`, `save(path)`/`load(path)` work as for every model,
and `train` runs `knobs.train.Trainer` with `knobs.optim.SGD`. Here x is a list
of context windows (tuples of token ids) and y the list of next token ids;
`model.examples(text)` makes both from text.

A model sees only its window: the last `context` characters (`window(text)`
shows them). Everything before the window has no effect on its guess.
Writing text never changes the knobs; only `fit`, `train` and `step` do.

Left out on purpose: attention, word tokens, and any optimiser beyond plain
gradient descent.
"""

import math
import random
from itertools import chain

from knobs import arguments
from knobs.activations import ACTIVATIONS
from knobs.losses import fast_cross_entropy, fast_softmax_rows
from knobs.models import Model
from knobs.nested import dot
from knobs.optim import SGD
from knobs.tokens import BOUNDARY, Tokenizer, corpus, examples, window
from knobs.train import Trainer

TANH = ACTIVATIONS["tanh"]  # the MLP's hidden layer
_SEQUENCES, _INT = {tuple, list}, {int}  # what windows and token ids may be


def sampling_probabilities(logits, temperature=1.0, top_k=None):
    """The chances used when writing: keep the `top_k` highest scores (all if
    None), divide the scores by `temperature`, then softmax.

    Temperature 0 is greedy: all the chance goes to the highest score (the
    first one, if several tie). Low temperature sharpens, high flattens.
    """
    logits = arguments.numbers(logits, "logits")
    temperature = arguments.non_negative_number(temperature, "temperature")
    if top_k is not None:
        top_k = arguments.integer(top_k, "top_k", minimum=1)
    order = sorted(range(len(logits)), key=lambda i: -logits[i])  # best first; ties keep id order
    if temperature == 0:
        return [1.0 if i == order[0] else 0.0 for i in range(len(logits))]
    kept = sorted(order[:top_k])  # top_k None keeps them all
    best = logits[order[0]]  # subtracted first, so a tiny temperature cannot overflow
    scaled = [(logits[i] - best) / temperature for i in kept]
    chances = dict(zip(kept, fast_softmax_rows([scaled])[0]))
    return [chances.get(i, 0.0) for i in range(len(logits))]


def pick(probabilities, rng):
    """Draw one token id with the given chances, using one number from `rng`."""
    probabilities = arguments.numbers(probabilities, "probabilities")
    if min(probabilities) < 0 or sum(probabilities) <= 0:
        raise ValueError("probabilities: expected chances of 0 or more that add up to more than 0")
    if not callable(getattr(rng, "random", None)):
        raise TypeError(f"rng: expected a random.Random, got {type(rng).__name__}")
    threshold = rng.random()
    total = 0.0
    for i, p in enumerate(probabilities):
        total += p
        if threshold < total:
            return i
    return max(i for i, p in enumerate(probabilities) if p > 0)  # rounding left a sliver


def _tokenizer(tokenizer):
    """A Tokenizer from a Tokenizer, its `to_dict()` (as saved models hold it) or None (the corpus)."""
    if tokenizer is None:
        return Tokenizer(corpus())
    if isinstance(tokenizer, dict):
        try:
            return Tokenizer.from_dict(tokenizer)
        except (TypeError, ValueError) as error:
            raise type(error)(f"tokenizer: {error}") from None
    if not isinstance(tokenizer, Tokenizer):
        raise TypeError(f"tokenizer: expected a Tokenizer or None, got {type(tokenizer).__name__}")
    return tokenizer


class LanguageModel(Model):
    """What every language model here shares: windows, examples, the loss,
    training and writing text. A subclass sets `context`, its knobs in
    `self._parameters`, and `_logits` / `_loss_and_gradients`."""

    context = 1  # how many characters the model sees

    def __init__(self, tokenizer=None):
        self.tokenizer = _tokenizer(tokenizer)
        self.boundary = self.tokenizer.ids[BOUNDARY]
        self.loss_history_ = []

    def structure(self):
        return {**self.settings(), "tokenizer": self.tokenizer.to_dict()}

    def settings(self):
        """The hyper-parameters given when the model was made (without the tokenizer)."""
        return {}

    def __repr__(self):
        settings = ", ".join(f"{key}={value!r}" for key, value in self.settings().items())
        return f"{type(self).__name__}({settings}{', ' if settings else ''}vocabulary={self.tokenizer.size})"

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

    def _check_examples(self, x, y=(), targets=True):
        """Windows x of `context` token ids and (if `targets`) one next token id y per window."""
        if not isinstance(x, (list, tuple)) or not x:
            raise ValueError("x: expected a non-empty list of context windows")
        if (
            set(map(type, x)) <= _SEQUENCES
            and set(map(len, x)) == {self.context}
            and self._all_tokens(chain.from_iterable(x))
            and (not targets or isinstance(y, (list, tuple)) and len(y) == len(x) and self._all_tokens(y))
        ):
            return  # fast path: well-formed windows (and targets), the usual case
        for w in x:
            if not isinstance(w, (list, tuple)) or len(w) != self.context or not all(self._is_token(i) for i in w):
                raise ValueError(f"x: expected windows of {self.context} token ids, got {w!r}")
        if targets:
            if not isinstance(y, (list, tuple)) or len(y) != len(x):
                raise ValueError(f"y: expected a list of {len(x)} token ids, one per window in x")
            if not all(self._is_token(i) for i in y):
                raise ValueError(f"y: expected token ids from 0 to {self.tokenizer.size - 1}")

    def _is_token(self, i):
        return isinstance(i, int) and not isinstance(i, bool) and 0 <= i < self.tokenizer.size

    def _all_tokens(self, ids):
        """True if every id is a plain whole number from 0 to the vocabulary size − 1 (checked in bulk)."""
        ids = set(ids)
        return not ids or (set(map(type, ids)) == _INT and min(ids) >= 0 and max(ids) < self.tokenizer.size)

    # --- the model API ---------------------------------------------------

    def predict(self, x):
        """For each window in x, the chance of every next token: (N, vocabulary)."""
        self._check_examples(x, targets=False)
        return fast_softmax_rows(self._logits(x))

    def loss(self, x, y):
        """Average negative log-likelihood: mean of −log(chance given to the
        true next token), in nats (cross-entropy). Guessing uniformly scores log(vocabulary)."""
        self._check_examples(x, y)
        return fast_cross_entropy(self._logits(x), y)[0]

    def loss_and_gradients(self, x, y):
        """(loss, d loss / d knob for every knob) from one forward and one backward pass."""
        self._check_examples(x, y)
        return self._loss_and_gradients(x, y)

    def gradients(self, x, y):
        """d loss / d knob for every knob, as a dict shaped like `parameters()`."""
        return self.loss_and_gradients(x, y)[1]

    def evaluate_and_gradients(self, x, y):
        loss, gradients = self.loss_and_gradients(x, y)
        return {"loss": loss}, gradients

    def step(self, x, y, learning_rate):
        """One gradient-descent step: every knob −= learning_rate × its
        gradient. Returns the loss before the step."""
        self._check_examples(x, y)
        trainer = Trainer(self, SGD(learning_rate), (x, y))
        return trainer.step(1).history["train_loss"][0]

    def train(self, text=None, steps=500, batch_size=32, learning_rate=0.5, seed=0):
        """Gradient descent (``Trainer`` with ``SGD``) on random mini-batches of
        `batch_size` examples from `text` (the corpus if None). Appends each
        step's batch loss to `loss_history_` and returns the model."""
        steps = arguments.integer(steps, "steps", minimum=0)
        batch_size = arguments.integer(batch_size, "batch_size", minimum=1)
        optimiser = SGD(learning_rate)
        seed = arguments.integer(seed, "seed")
        x, y = self.examples(text)
        if not x:
            raise ValueError("text: is empty; give at least one character to learn from")
        trainer = Trainer(self, optimiser, (x, y), batch_size=batch_size, seed=seed, batches="random")
        trainer.fit(steps)
        self.loss_history_.extend(trainer.history["train_loss"])
        return self

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
        if not isinstance(greedy, bool):
            raise TypeError(f"greedy: expected True or False, got {type(greedy).__name__}")
        rng = random.Random(arguments.integer(seed, "seed"))
        for _ in range(length):
            seen = tuple(window(ids, self.context, self.boundary))  # all the model sees
            logits = self._logits([seen])[0]
            chances = sampling_probabilities(logits, 0 if greedy else temperature, top_k)
            ids.append(pick(chances, rng))
        return self.tokenizer.decode(ids)


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
        self._parameters = {"logits": [[0.0] * size for _ in range(size)]}  # (V, V); all equal: uniform guesses
        self.counts_ = [[0] * size for _ in range(size)]  # (V, V); filled by fit

    @property
    def logits(self):
        """The table of knobs: logits[previous][next]."""
        return self._parameters["logits"]

    @logits.setter
    def logits(self, table):
        self.set_parameters({"logits": table})

    def fit(self, text=None):
        """Count every (previous, next) pair in `text` (the corpus if None),
        then set each row of logits to log of the smoothed chances."""
        x, y = self.examples(text)
        size = self.tokenizer.size
        self.counts_ = [[0] * size for _ in range(size)]
        for (previous,), following in zip(x, y):
            self.counts_[previous][following] += 1
        k = self.smoothing
        self._parameters["logits"] = [[math.log((c + k) / (sum(row) + k * size)) for c in row] for row in self.counts_]
        return self

    def settings(self):
        return {"smoothing": self.smoothing}

    def to_dict(self):
        return {**super().to_dict(), "counts": [list(row) for row in self.counts_]}

    def _load_extras(self, saved):
        if "counts" in saved:
            size = self.tokenizer.size
            counts = saved["counts"]
            if (
                not isinstance(counts, list)
                or len(counts) != size
                or not all(isinstance(row, list) and len(row) == size for row in counts)
            ):
                raise ValueError(f"saved: 'counts' must be a {size} × {size} table")
            self.counts_ = [[arguments.integer(c, "saved['counts']", minimum=0) for c in row] for row in counts]

    def _logits(self, x):
        table = self._parameters["logits"]
        return [table[previous] for (previous,) in x]  # (N, V)

    def _loss_and_gradients(self, x, y):
        """d loss / d logits[a][b] = Σ over examples with previous a of
        (chance(b) − [b is the true next]) / N."""
        loss, d_logits = fast_cross_entropy(self._logits(x), y)  # (N, V)
        size = self.tokenizer.size
        gradient = [[0.0] * size for _ in range(size)]
        for (previous,), delta in zip(x, d_logits):
            gradient[previous] = [g + d for g, d in zip(gradient[previous], delta)]
        return loss, {"logits": gradient}


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

        self._parameters = {
            "embeddings": table(size, embedding, 1.0),  # (V, E)
            "hidden_weights": table(hidden, inputs, 1 / math.sqrt(inputs)),  # (H, context·E)
            "hidden_bias": [0.0] * hidden,  # (H,)
            "output_weights": table(size, hidden, 0.1 / math.sqrt(hidden)),  # (V, H); small: first guesses near uniform
            "output_bias": [0.0] * size,  # (V,)
        }

    def settings(self):
        return {"context": self.context, "embedding": self.embedding, "hidden": self.hidden, "seed": self.seed}

    def _forward(self, x):
        knobs = self._parameters
        embeddings = knobs["embeddings"]
        inputs = [[v for token in w for v in embeddings[token]] for w in x]  # (B, context·E)
        hidden = [
            TANH.forward(b + dot(weights, row) for weights, b in zip(knobs["hidden_weights"], knobs["hidden_bias"]))
            for row in inputs
        ]  # (B, H)
        logits = [
            [b + dot(weights, h) for weights, b in zip(knobs["output_weights"], knobs["output_bias"])] for h in hidden
        ]  # (B, V)
        return inputs, hidden, logits

    def _logits(self, x):
        return self._forward(x)[2]

    def _loss_and_gradients(self, x, y):
        """Backprop by hand, layer by layer, from the loss back to the embeddings."""
        knobs = self._parameters
        inputs, hidden, logits = self._forward(x)
        # softmax + cross-entropy: d loss / d logit = (chance − [is the true next]) / N
        loss, d_logits = fast_cross_entropy(logits, y)  # (B, V)
        # output layer: logits = output_weights · hidden + output_bias
        d_output_weights = _sum_of_outer_products(d_logits, hidden)  # (V, H)
        d_output_bias = [sum(column) for column in zip(*d_logits)]  # (V,)
        d_hidden = _times_transpose(d_logits, knobs["output_weights"])  # (B, H)
        # tanh: d tanh(z) / dz = 1 − tanh(z)²
        d_before = [TANH.backward(gs, hs) for gs, hs in zip(d_hidden, hidden)]  # (B, H)
        # hidden layer: z = hidden_weights · input + hidden_bias
        d_hidden_weights = _sum_of_outer_products(d_before, inputs)  # (H, context·E)
        d_hidden_bias = [sum(column) for column in zip(*d_before)]  # (H,)
        d_inputs = _times_transpose(d_before, knobs["hidden_weights"])  # (B, context·E)
        # embeddings: each window position passes its slice back to its token's row
        d_embeddings = [[0.0] * self.embedding for _ in range(self.tokenizer.size)]  # (V, E)
        for w, d in zip(x, d_inputs):
            for position, token in enumerate(w):
                piece = d[position * self.embedding : (position + 1) * self.embedding]
                d_embeddings[token] = [a + b for a, b in zip(d_embeddings[token], piece)]
        return loss, {
            "embeddings": d_embeddings,
            "hidden_weights": d_hidden_weights,
            "hidden_bias": d_hidden_bias,
            "output_weights": d_output_weights,
            "output_bias": d_output_bias,
        }


# --- small list arithmetic -----------------------------------------------


def _sum_of_outer_products(a, b):
    """Σ over the batch of outer(a[i], b[i]); a is (B, P), b is (B, Q) → (P, Q)."""
    b_columns = list(zip(*b))  # (Q, B)
    return [[dot(a_column, b_column) for b_column in b_columns] for a_column in zip(*a)]


def _times_transpose(d, weights):
    """Pass gradients back through a layer: d (B, P) · weights (P, Q) → (B, Q)."""
    columns = list(zip(*weights))  # (Q, P)
    return [[dot(column, row) for column in columns] for row in d]
