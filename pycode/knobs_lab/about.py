"""What the page shows about the Python it runs: versions, so a reader knows which Python answers their cells."""

import platform
import sys

PAGE_CALLS = ("runtime",)


def runtime():
    """The Python version, the platform (CPython natively, Emscripten in the browser) and the course version."""
    import knobs

    return {"python": platform.python_version(), "platform": sys.platform, "knobs": knobs.__version__}
