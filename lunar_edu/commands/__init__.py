"""Sub-commands of ``lunar-edu``, one module per command group.

Each module has ``register(commands)``, which adds its parsers to the
``argparse`` sub-parser action and sets ``run`` (a function taking the parsed
namespace and returning an exit code) as their default.
"""

from __future__ import annotations

# Order is the order of ``lunar-edu --help``.
COMMAND_MODULES = ("scene", "catalog", "data", "product")
