"""Word tokens: text split at spaces, each distinct word one token.

In scope: `WordTokenizer`, a vocabulary learned from a text (`from_text`),
`encode`/`decode`, and plain-data saving. The newline `NEWLINE` is a token of
its own: it starts every document, so a prompt begins with it too.

Left out on purpose: byte-pair encoding and unknown-word tokens. The course's
transformer reads a small made-up language of a few hundred words, so a whole
word per token keeps prompts short and every token readable; a word outside
the vocabulary is an error that names it, never a silent guess.
"""

from knobs import arguments

NEWLINE = "\n"  # starts every document (and every prompt)


def split(text):
    """Text → list of words: spaces separate words, a newline is a word of its own."""
    if not isinstance(text, str):
        raise TypeError(f"text: expected a str, got {type(text).__name__}")
    pieces = text.replace(NEWLINE, f" {NEWLINE} ").split(" ")
    return [word for piece in pieces for word in ([piece] if piece == NEWLINE else piece.split())]


class WordTokenizer:
    """A word-level tokenizer: each distinct word is one token.

    The vocabulary is the newline followed by the sorted words of the text it
    was made from; a word's id is its position in that list.
    """

    def __init__(self, vocabulary):
        if isinstance(vocabulary, str) or not isinstance(vocabulary, (list, tuple)):
            raise TypeError("vocabulary: expected a list of words")
        if not vocabulary or vocabulary[0] != NEWLINE:
            raise ValueError("vocabulary: must start with the newline token '\\n'")
        if len(set(vocabulary)) != len(vocabulary) or not all(
            isinstance(word, str) and split(word) == [word] for word in vocabulary
        ):
            raise ValueError("vocabulary: expected distinct words without spaces")
        self.vocabulary = list(vocabulary)  # (V,) words; id = position
        self.ids = {word: i for i, word in enumerate(self.vocabulary)}

    @classmethod
    def from_text(cls, text):
        """Learn the vocabulary of `text`: every distinct word in it."""
        return cls([NEWLINE] + sorted(set(split(text)) - {NEWLINE}))

    @property
    def size(self):
        """How many tokens the vocabulary has."""
        return len(self.vocabulary)

    def encode(self, text, name="text"):
        """Text → list of token ids. A word outside the vocabulary raises
        ValueError naming the argument (`name`) and the word."""
        if not isinstance(name, str) or not name:
            raise TypeError(f"name: expected the argument's name for messages, got {name!r}")
        if not isinstance(text, str):
            raise TypeError(f"{name}: expected a str, got {type(text).__name__}")
        words = split(text)
        unknown = sorted({word for word in words if word not in self.ids})
        if unknown:
            raise ValueError(f"{name}: has words outside the vocabulary: {unknown[:10]!r}")
        return [self.ids[word] for word in words]

    def decode(self, ids):
        """List of token ids → text (words joined by spaces; a newline starts a line)."""
        if isinstance(ids, (str, bytes)) or not isinstance(ids, (list, tuple)):
            raise TypeError(f"ids: expected a list of token ids, got {type(ids).__name__}")
        for i in ids:
            if not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < self.size:
                raise ValueError(f"ids: expected token ids from 0 to {self.size - 1}, got {i!r}")
        text = " ".join(self.vocabulary[i] for i in ids)
        return text.replace(f"{NEWLINE} ", NEWLINE).replace(f" {NEWLINE}", NEWLINE)

    def __repr__(self):
        return f"WordTokenizer(size={self.size})"


def checked_ids(ids, size, name):
    """A non-empty list of token ids from 0 to size − 1."""
    size = arguments.integer(size, "size", minimum=1)
    if isinstance(ids, (str, bytes)) or not isinstance(ids, (list, tuple)) or not ids:
        raise ValueError(f"{name}: expected a non-empty list of token ids")
    for position, i in enumerate(ids):
        arguments.integer(i, f"{name}[{position}]")
        if not 0 <= i < size:
            raise ValueError(f"{name}[{position}]: expected token ids from 0 to {size - 1}, got {i}")
    return list(ids)
