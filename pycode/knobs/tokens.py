"""Tokens: turning text into numbers a model can read, and back.

In scope: the small text corpus shipped with the package (`corpus()`), a
character tokenizer (`Tokenizer`: vocabulary, `encode`, `decode`) and
`examples(ids, context)`, which cuts a list of token ids into
(context window → next token) pairs for a language model.

Left out on purpose: word pieces and byte-pair encoding. Real models use
them; here every character is one token so a reader can see the whole
vocabulary at once.

Every vocabulary contains the newline `BOUNDARY`. It marks the start of a
line, and a context window that reaches back before the start of the text
is filled with it, so an empty prompt means "start a new line".
"""

from importlib import resources

from knobs import arguments

BOUNDARY = "\n"  # start of a line; also fills a window before the text begins


def corpus():
    """The course's small training text: short, plain English sentences about
    knobs, models, weather and cooking, all lower case."""
    return resources.files("knobs").joinpath("corpus.txt").read_text(encoding="utf-8")


class Tokenizer:
    """A character tokenizer: each distinct character is one token.

    The vocabulary is the sorted list of characters seen in `text` (plus
    `BOUNDARY`); a token's id is its position in that list.
    """

    def __init__(self, text):
        if not isinstance(text, str):
            raise TypeError(f"text: expected a str, got {type(text).__name__}")
        self.vocabulary = sorted(set(text) | {BOUNDARY})  # list of characters
        self.ids = {character: i for i, character in enumerate(self.vocabulary)}

    @property
    def size(self):
        """How many tokens the vocabulary has."""
        return len(self.vocabulary)

    def encode(self, text, name="text"):
        """Text → list of token ids. A character outside the vocabulary raises
        ValueError naming the argument (`name`), never a silent guess."""
        if not isinstance(name, str) or not name:
            raise TypeError(f"name: expected the argument's name for messages, got {name!r}")
        if not isinstance(text, str):
            raise TypeError(f"{name}: expected a str, got {type(text).__name__}")
        unknown = sorted(set(text) - set(self.ids))
        if unknown:
            raise ValueError(
                f"{name}: has characters outside the vocabulary: {unknown!r}; "
                f"the vocabulary is {''.join(self.vocabulary)!r}"
            )
        return [self.ids[character] for character in text]

    def decode(self, ids):
        """List of token ids → text."""
        if not isinstance(ids, (list, tuple)):
            raise TypeError(f"ids: expected a list of token ids, got {type(ids).__name__}")
        for i in ids:
            if not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < self.size:
                raise ValueError(f"ids: expected token ids from 0 to {self.size - 1}, got {i!r}")
        return "".join(self.vocabulary[i] for i in ids)

    def to_dict(self):
        """The vocabulary as plain data (a string of characters)."""
        return {"vocabulary": "".join(self.vocabulary)}

    @classmethod
    def from_dict(cls, data):
        """Rebuild a tokenizer from `to_dict()` output."""
        if not isinstance(data, dict) or not isinstance(data.get("vocabulary"), str):
            raise ValueError("data: expected a dict with the vocabulary as a str, as to_dict() gives")
        return cls(data["vocabulary"])

    def __repr__(self):
        return f"Tokenizer(size={self.size}, vocabulary={''.join(self.vocabulary)!r})"


def window(ids, context, boundary):
    """The last `context` token ids: all a model with a window of that size can
    see. If there are fewer, the window is filled on the left with `boundary`."""
    if not isinstance(ids, (list, tuple)):
        raise TypeError(f"ids: expected a list of token ids, got {type(ids).__name__}")
    context = arguments.integer(context, "context", minimum=0)
    ids, context, boundary = _token_arguments(ids[-context:] if context else [], context, boundary)
    return [boundary] * (context - len(ids)) + ids


def examples(ids, context, boundary):
    """Cut a token list into training pairs: x[i] is the window of `context`
    ids before position i, y[i] is the id at position i (the next token).

    x is a list of tuples, each of length `context`; y is a list of ints.
    """
    ids, context, boundary = _token_arguments(ids, context, boundary)
    padded = [boundary] * context + list(ids)
    x = [tuple(padded[i : i + context]) for i in range(len(ids))]  # (N, context)
    y = list(ids)  # (N,)
    return x, y


def _token_arguments(ids, context, boundary):
    """A list of token ids (whole numbers, 0 or more), a window size (0 or more) and the boundary's id."""
    if not isinstance(ids, (list, tuple)):
        raise TypeError(f"ids: expected a list of token ids, got {type(ids).__name__}")
    if set(map(type, ids)) <= {int} and min(ids, default=0) >= 0:
        ids = list(ids)  # fast path: plain whole numbers, as encode gives them
    else:
        ids = [arguments.integer(i, f"ids[{index}]", minimum=0) for index, i in enumerate(ids)]
    return ids, arguments.integer(context, "context", minimum=0), arguments.integer(boundary, "boundary", minimum=0)
