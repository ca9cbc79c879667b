"""The ratchet: the best extraction figures reached so far, kept in the repository.

`tests/ratchet.yaml` holds, per corpus, each figure's last best value.  `factsheets eval
--ratchet FILE` fails when a figure drops below it; `--update-ratchet` raises the stored values
to today's where today's are higher (never lowers them), so what is won stays won.
"""

from __future__ import annotations

from pathlib import Path

import yaml

# How much a figure may move without counting as a drop (rounding to three places).
_SLACK = 0.0005


class RatchetError(ValueError):
    """A ratchet file that cannot be read: one line naming it and what to do."""


def load(path: Path) -> dict[str, dict[str, float]]:
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        where = getattr(error, "problem_mark", None)
        line = f":{where.line + 1}" if where else ""
        raise RatchetError(
            f"{path}{line}: not readable YAML; restore it with git checkout {path}"
        ) from None
    valid = isinstance(data, dict) and all(
        isinstance(figures, dict) and all(isinstance(v, (int, float)) for v in figures.values())
        for figures in data.values()
    )
    if not valid:
        raise RatchetError(
            f"{path}: expected 'corpus: {{figure: number}}' mappings; "
            f"restore it with git checkout {path}"
        )
    return data


def drops(stored: dict[str, dict[str, float]], corpus: str, figures: dict[str, float]) -> list[str]:
    """One line per figure of `corpus` below its stored best."""
    best = stored.get(corpus) or {}
    return [
        f"{corpus}: {name} {figures[name]:.3f} is below the {value:.3f} reached before"
        for name, value in best.items()
        if name in figures and figures[name] + _SLACK < value
    ]


def raised(stored, corpus: str, figures: dict[str, float]) -> dict[str, dict[str, float]]:
    best = dict(stored.get(corpus) or {})
    for name, value in figures.items():
        best[name] = max(value, best.get(name, 0.0))
    return {**stored, corpus: best}


def save(path: Path, stored: dict[str, dict[str, float]]) -> None:
    header = (
        "# The best extraction figures reached so far: `make test` fails below them.\n"
        "# Raised (never lowered) by `make ratchet` after an improvement.\n"
    )
    body = yaml.safe_dump(stored, sort_keys=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(header + body, encoding="utf-8")
    temporary.replace(path)
