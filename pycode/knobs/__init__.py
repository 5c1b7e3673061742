"""Knobs: an AI model is a function with knobs.

A small, readable training library in pure Python (standard library only) for
the course. Import the module you need; nothing heavy is loaded here.

- ``knobs.data``: seeded data sets (house prices, curves, 2-D shapes, leaky tickets) and splits
- ``knobs.models``: ``Line``, ``Polynomial``, ``LogisticRegression`` and the shared model API
- ``knobs.losses``: mean squared error, cross-entropy, softmax, L2 penalty (with gradients),
  and the named fast paths the training loops use
- ``knobs.activations``: tanh, relu, sigmoid, linear, each with its derivative (``ACTIVATIONS``)
- ``knobs.autograd``: ``Value``, automatic gradients for single numbers (micrograd style)
- ``knobs.nn``: ``MLP``, a small neural network with hand-written backprop
- ``knobs.optim``: ``SGD``, ``Momentum``, ``Adam``
- ``knobs.train``: ``Trainer``, the training loop with history and divergence checks
- ``knobs.finetune``: continue training, freeze layers, low-rank adapters (LoRA)
- ``knobs.metrics``: accuracy, R², confusion counts, baselines
- ``knobs.arguments``: argument checks at the public boundary that name the argument at fault
- ``knobs.nested``: copy, count, shape, zeros, map over knobs held as nested lists
- ``knobs.tokens``, ``knobs.language``: characters to numbers, and tiny language models (``Model``s too)
- ``knobs.words``, ``knobs.transformer``: word tokens, and a tiny decoder-only transformer
- ``knobs.tasks``, ``knobs.prompting``, ``knobs.retrieval``: its pretraining tasks, prompt strategies
  and their scores, and a TF-IDF retriever
- ``knobs.cost``: memory and compute a model of a given size needs
"""

__version__ = "0.1.0"
