"""Cost: what a model with N knobs costs to store, to run and to train.

In scope, each a one-line rule of thumb:
- memory for the knobs: N × bytes per knob at a given precision;
- arithmetic to read one token (a forward pass): about 2 × N operations;
- arithmetic to train on D tokens: about 6 × N × D operations;
- a speed limit for writing text one token at a time: every knob must be
  read from memory once per token, so tokens/s ≤ bandwidth / memory;
- counting the knobs of a plain MLP from its layer sizes, and of a
  decoder-only transformer from the numbers in its published configuration.

Left out on purpose (so these are lower bounds and rough guides):
- attention over the context: a transformer also does about
  2 × layers × context length × width operations per token, and keeps a
  key/value cache whose memory grows with the context;
- activations, the optimiser's extra numbers while training (Adam keeps two
  more per knob) and the small scales stored beside int8/int4 knobs;
- batching (one read of the knobs can serve many users at once), caches,
  and the gap between a chip's peak and what it really achieves.

No hardware numbers are built in: memory bandwidth and arithmetic speed are
arguments. `EXAMPLE_BANDWIDTHS` holds rough, clearly labelled examples for
lessons; they are not measurements.
"""

from knobs import arguments

BYTES_PER_PARAMETER = {  # how many bytes one knob takes at each precision
    "fp32": 4,  # 32-bit float: the default while training
    "fp16": 2,  # 16-bit float
    "bf16": 2,  # 16-bit "brain float": fp32's range, fewer digits
    "int8": 1,  # 8-bit whole numbers plus a scale
    "int4": 0.5,  # 4-bit whole numbers: two knobs per byte
}

EXAMPLE_BANDWIDTHS = {  # bytes per second; rough orders of magnitude for lessons, not measurements
    "example: laptop memory (~100 GB/s)": 100e9,
    "example: data-centre GPU memory (~3 TB/s)": 3e12,
}


def parameter_memory(n_parameters, precision="fp32"):
    """Bytes needed to hold the knobs: N × bytes per knob
    (7e9 knobs × 2 bytes at fp16 = 14e9 bytes = 14 GB)."""
    n_parameters = arguments.non_negative_number(n_parameters, "n_parameters")
    precision = arguments.choice(precision, "precision", tuple(BYTES_PER_PARAMETER))
    return n_parameters * BYTES_PER_PARAMETER[precision]


def flops_per_token(n_parameters):
    """Arithmetic for one token through the model (a forward pass): about
    2 × N, because each knob is used in one multiply and one add.
    Ignores attention over the context (see the module docstring)."""
    return 2 * arguments.non_negative_number(n_parameters, "n_parameters")


def training_flops(n_parameters, n_tokens):
    """Arithmetic to train on `n_tokens` tokens: about 6 × N × D — 2N for the
    forward pass and about 4N for the backward pass, for every token."""
    n_parameters = arguments.non_negative_number(n_parameters, "n_parameters")
    return 6 * n_parameters * arguments.non_negative_number(n_tokens, "n_tokens")


def memory_bound_tokens_per_second(n_parameters, precision, bandwidth_bytes_per_s):
    """Upper bound on tokens per second when writing one token at a time:
    each token reads every knob once, so tokens/s ≤ bandwidth / memory."""
    bandwidth = arguments.positive_number(bandwidth_bytes_per_s, "bandwidth_bytes_per_s")
    memory = parameter_memory(n_parameters, precision)
    return float("inf") if memory == 0 else bandwidth / memory


def compute_bound_tokens_per_second(n_parameters, flops_per_second):
    """Upper bound on tokens per second from arithmetic alone:
    operations per second / (2 × N)."""
    speed = arguments.positive_number(flops_per_second, "flops_per_second")
    work = flops_per_token(n_parameters)
    return float("inf") if work == 0 else speed / work


def count_mlp_parameters(layer_sizes):
    """Knobs in a fully connected network: for each layer, inputs × outputs
    weights plus outputs biases ([2, 8, 8, 1] → 24 + 72 + 9 = 105)."""
    if not isinstance(layer_sizes, (list, tuple)):
        raise TypeError(f"layer_sizes: expected a list of whole numbers, got {type(layer_sizes).__name__}")
    if len(layer_sizes) < 2:
        raise ValueError(f"layer_sizes: needs at least 2 sizes (inputs and outputs), got {len(layer_sizes)}")
    sizes = [arguments.integer(size, f"layer_sizes[{i}]", minimum=1) for i, size in enumerate(layer_sizes)]
    return sum(inputs * outputs + outputs for inputs, outputs in zip(sizes, sizes[1:]))


NORM_KNOBS = {  # knobs per number of width in one normalisation
    "layer": 2,  # layer norm: a gain and a bias (the course's transformer, GPT-2)
    "rms": 1,  # RMS norm: a gain only (Llama, SmolLM2)
}


def count_transformer_parameters(
    vocabulary,
    width,
    layers,
    hidden,
    heads,
    kv_heads=None,
    positions=0,
    tied=True,
    gated=False,
    mlp_biases=False,
    norm="layer",
):
    """Knobs in a decoder-only transformer, from its configuration (width C, vocabulary V):

    - token embeddings V × C, plus positions × C if positions are learned (0 for rotary positions);
    - in each of `layers` blocks: query and output C × C each; key and value C × (kv_heads × C / heads) each
      (fewer key/value heads than query heads share them: grouped-query attention); the MLP's two matrices
      C × hidden (three if `gated`, as SwiGLU), with biases if `mlp_biases`; two norms;
    - a final norm, and an output layer V × C unless it is `tied` to the token embeddings.

    SmolLM2-135M (V 49,152, C 576, 30 layers, hidden 1,536, 9 heads, 3 key/value heads, gated, RMS norm,
    tied) → 134,515,008."""
    vocabulary = arguments.integer(vocabulary, "vocabulary", minimum=1)
    width = arguments.integer(width, "width", minimum=1)
    layers = arguments.integer(layers, "layers", minimum=1)
    hidden = arguments.integer(hidden, "hidden", minimum=1)
    heads = arguments.integer(heads, "heads", minimum=1)
    kv_heads = heads if kv_heads is None else arguments.integer(kv_heads, "kv_heads", minimum=1)
    positions = arguments.integer(positions, "positions", minimum=0)
    for flag, name in ((tied, "tied"), (gated, "gated"), (mlp_biases, "mlp_biases")):
        if not isinstance(flag, bool):
            raise TypeError(f"{name}: expected True or False, got {flag!r}")
    norm = arguments.choice(norm, "norm", tuple(NORM_KNOBS))
    if width % heads:
        raise ValueError(f"heads: must divide width ({width}), got {heads}")
    if heads % kv_heads:
        raise ValueError(f"kv_heads: must divide heads ({heads}), got {kv_heads}")
    key_width = kv_heads * (width // heads)  # numbers per token in the keys (and in the values)
    attention = 2 * width * width + 2 * width * key_width  # query, output; key, value
    mlp = (3 if gated else 2) * width * hidden + ((hidden + width) if mlp_biases else 0)
    block = attention + mlp + 2 * NORM_KNOBS[norm] * width
    embeddings = (vocabulary + positions) * width
    output = 0 if tied else vocabulary * width
    return embeddings + layers * block + NORM_KNOBS[norm] * width + output


def compare(sizes=(135e6, 7e9, 70e9), precisions=("fp32", "fp16", "int8", "int4"), bandwidth_bytes_per_s=None):
    """One plain dict per model size, for the lesson's table:
    {"parameters", "name", "memory_<precision>" (bytes), "flops_per_token"}
    and, if a bandwidth is given, "tokens_per_second_<precision>" (the
    memory-bound upper limit)."""
    if not isinstance(sizes, (list, tuple)) or not sizes:
        raise ValueError("sizes: expected a non-empty list of parameter counts")
    if not isinstance(precisions, (list, tuple)) or not precisions:
        raise ValueError("precisions: expected a non-empty list of precision names")
    for precision in precisions:
        arguments.choice(precision, "precisions", tuple(BYTES_PER_PARAMETER))
    if bandwidth_bytes_per_s is not None:
        arguments.positive_number(bandwidth_bytes_per_s, "bandwidth_bytes_per_s")
    rows = []
    for size in sizes:
        row = {"parameters": arguments.non_negative_number(size, "sizes"), "name": format_count(size)}
        for precision in precisions:
            row[f"memory_{precision}"] = parameter_memory(size, precision)
        row["flops_per_token"] = flops_per_token(size)
        if bandwidth_bytes_per_s is not None:
            for precision in precisions:
                row[f"tokens_per_second_{precision}"] = memory_bound_tokens_per_second(
                    size, precision, bandwidth_bytes_per_s
                )
        rows.append(row)
    return rows


# --- human-readable numbers ----------------------------------------------

_PREFIXES = ["", "k", "M", "G", "T", "P", "E", "Z", "Y"]  # powers of 1000


def _with_prefix(value, unit, name):
    value = arguments.non_negative_number(value, name)
    power = 0
    while float(f"{value:.3g}") >= 1000 and power < len(_PREFIXES) - 1:  # "1000 MB" → "1 GB"
        value /= 1000
        power += 1
    text = f"{value:.3g}" if value < 1000 else f"{value:.0f}"
    return f"{text} {_PREFIXES[power]}{unit}"


def format_bytes(n_bytes):
    """Bytes in decimal units, 3 significant figures: 28e9 → "28 GB".
    (1 GB = 1000³ bytes; a GiB, 1024³, is about 7% more.)"""
    return _with_prefix(n_bytes, "B", "n_bytes").replace(" kB", " KB")


def format_flops(n_flops):
    """Operations in decimal units: 1.4e10 → "14 GFLOP"."""
    return _with_prefix(n_flops, "FLOP", "n_flops")


def format_count(n):
    """A parameter count the way models are named: 135e6 → "135M", 7e9 → "7B"."""
    n = arguments.non_negative_number(n, "n")
    for scale, letter in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if float(f"{n / scale:.3g}") >= 1:
            return f"{n / scale:.3g}{letter}"
    return f"{n:.3g}"
