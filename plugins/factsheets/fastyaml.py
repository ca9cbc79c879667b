"""Read a fact sheet's data with libyaml, when that gives what ruamel.yaml would.

ruamel.yaml's round-trip parser keeps comments and positions, which writing
and error messages need, but it is pure Python: a sheet with a few hundred
evidence entries takes a quarter of a second. Reading only needs the data.
libyaml (PyYAML's C loader) reads it tens of times faster, but speaks YAML 1.1
where ruamel.yaml speaks 1.2: `no`, `010`, `1_000`, `1:30` or `1e3` mean
different things in each. So this loader accepts only documents in which
every value means the same in both, and returns None for anything else
(any such scalar, a tag, an anchor, a duplicate key, a syntax error): the
caller then takes the slow, exact path.
"""

from __future__ import annotations

import re

import yaml

_LOADER_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Plain scalars whose type YAML 1.1 and 1.2 agree on.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Plain scalars that one version reads as a number, bool, date or merge and the other
# may not: y/n/yes/no/on/off, octal and binary and hex, underscores, sexagesimal,
# exponents without a dot, .inf/.nan, other timestamps, `<<` and `=`.
_DISPUTED = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF"
    r"|[-+]?0[0-9_]+|[-+]?0b[01_]+|[-+]?0o[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-9_.]+)+"
    r"|[-+]?[0-9._]*_[0-9._]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|[0-9]{4}-(?:[0-9]-[0-9]{1,2}|[0-9]{2}-[0-9])"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+).*|<<|=)$"
)
_FIRST = [*"-+0123456789.~nNtTfFyYoO<=", ""]


class Disputed(Exception):
    """The document means something else to ruamel.yaml, or is not plain data."""


class _Loader(_LOADER_BASE):
    yaml_implicit_resolvers: dict = {}

    def construct_mapping(self, node, deep=False):
        keys = [key.value for key, _ in node.value]
        if len(set(keys)) != len(keys) or any(key.tag != _STR for key, _ in node.value):
            raise Disputed("a duplicate or non-string key")
        return super().construct_mapping(node, deep=deep)

    def construct_disputed(self, node):
        raise Disputed(node.value)


_STR = "tag:yaml.org,2002:str"
_DISPUTED_TAG = "tag:factsheets:disputed"
for tag, pattern in (
    (_DISPUTED_TAG, _DISPUTED),
    ("tag:yaml.org,2002:null", _NULL),
    ("tag:yaml.org,2002:bool", _BOOL),
    ("tag:yaml.org,2002:int", _INT),
    ("tag:yaml.org,2002:float", _FLOAT),
    ("tag:yaml.org,2002:timestamp", _DATE),
):
    _Loader.add_implicit_resolver(tag, pattern, _FIRST)
_Loader.add_constructor(_DISPUTED_TAG, _Loader.construct_disputed)


def _plain_document(text: str) -> bool:
    """No anchors, aliases, explicit tags or second documents."""
    documents = 0
    for event in yaml.parse(text, Loader=_LOADER_BASE):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return False
        if isinstance(event, yaml.ScalarEvent) and event.tag and event.tag != "!":
            return False
        if isinstance(event, yaml.CollectionStartEvent) and event.tag:
            return False
        documents += isinstance(event, yaml.DocumentStartEvent)
    return documents == 1


def load_plain(text: str) -> dict | None:
    """The document as plain data, or None when only the exact parser may read it."""
    try:
        if not _plain_document(text):
            return None
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader, subclassed
    except (yaml.YAMLError, Disputed, RecursionError, ValueError, TypeError, OverflowError):
        return None  # "2023-13-45", a list as a key: the exact parser names the line
    return data if isinstance(data, dict) else None
