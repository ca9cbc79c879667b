"""Topics: groups of systems with a page of their own, from `content/topics.yaml`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from .validate import file_kind_problem


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    intro: str = ""


class TopicsError(Exception):
    """A topics file that cannot be used; the message names the file."""


def load_topics(path: str | Path) -> list[Topic]:
    path = Path(path)
    if not os.path.lexists(path):
        return []
    refused = file_kind_problem(path)
    if refused:
        raise TopicsError(str(refused))
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise TopicsError(f"{where}: invalid YAML: {getattr(error, 'problem', error)}") from None
    if not isinstance(entries, list):
        raise TopicsError(f"{path}: expected a list of topics (- id: ..., title: ..., intro: ...)")
    topics = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("title"):
            raise TopicsError(f"{path}: topic {number} needs an 'id' and a 'title'")
        topics.append(Topic(str(entry["id"]), str(entry["title"]), str(entry.get("intro") or "")))
    return topics
