"""Reading our own YAML data files: the vocabularies and catalog shipped with the plugin."""

from __future__ import annotations

from importlib import resources

import yaml

# libyaml's safe loader: the same YAML 1.1 as yaml.safe_load, many times faster on the
# catalog (0.5 s in pure Python, paid by every build and every `factsheets` command).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str):
    """One of our own data files (trusted: shipped with the plugin, or a gold file)."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader


def shipped(name: str):
    """The data file `data/<name>` shipped with the plugin."""
    source = resources.files("factsheets") / "data" / name
    return load_yaml(source.read_text(encoding="utf-8"))
