"""Topics: groups of systems with a page of their own, from `content/topics.yaml`, or in a
site without one, from the plugin's own list (data/topics.yaml: every topic the catalog names).

Read with the same guards as fact sheets (no links, no anchors or tags, a size cap), and
checked whole before anything trusts them: every id a safe slug, used once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .validate import (
    MAX_BYTES,
    SAFE_ID,
    Problem,
    file_kind_problem,
    reject_unsafe_yaml,
    shown_path,
    utf8_text,
)


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    intro: str = ""


# The catalog's topics; a site's own topics.yaml replaces the whole list.
DEFAULT_TOPICS = Path(__file__).parent / "data" / "topics.yaml"


class TopicsError(Exception):
    """A topics file that cannot be used; the message names the file."""


def load_topics(path: str | Path) -> list[Topic]:
    """The topics in `path` (the plugin's own where there is no such file), or a TopicsError
    naming the file, the line and what to do."""
    path = Path(path)
    if not os.path.lexists(path):
        path = DEFAULT_TOPICS
    entries = _entries(path, _text(path))
    topics: list[Topic] = []
    used: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        topic = _topic(path, entries, number, entry)
        if topic.id in used:
            raise _error(
                path, entries, number, f"id {topic.id!r} is already topic {used[topic.id]}'s"
            )
        used[topic.id] = number
        topics.append(topic)
    return topics


def load_site_topics(settings) -> list[Topic]:
    """The site's topics (FACTSHEETS_TOPICS_FILE): the plugin's own only where the setting
    is left at its default; a file the site names on purpose must be there."""
    from .settings import DEFAULTS, content_path, setting

    path = Path(content_path(settings, "FACTSHEETS_TOPICS_FILE"))
    named = setting(settings, "FACTSHEETS_TOPICS_FILE") != DEFAULTS["FACTSHEETS_TOPICS_FILE"]
    if named and not os.path.lexists(path):
        raise TopicsError(
            f"{shown_path(path)}: FACTSHEETS_TOPICS_FILE names this file, which does not "
            "exist; create it, or leave the setting out for the plugin's own topics"
        )
    return load_topics(path)


def _text(path: Path) -> str:
    refused = file_kind_problem(path)
    if refused:
        raise TopicsError(str(refused))
    if path.stat().st_size > MAX_BYTES:
        raise TopicsError(
            f"{shown_path(path)}: file is over {MAX_BYTES // 1_000_000} MB; topics take a few KB"
        )
    text, undecodable = utf8_text(path, path.read_bytes())
    if text is None:
        raise TopicsError(str(undecodable))
    return text


def _entries(path: Path, text: str) -> CommentedSeq:
    try:
        problems = reject_unsafe_yaml(path, text)
        if problems:
            raise TopicsError(str(problems[0]))
        entries = YAML().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{shown_path(path)}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise TopicsError(f"{where}: invalid YAML: {error.problem or error}") from None
    except YAMLError as error:
        raise TopicsError(f"{shown_path(path)}: invalid YAML: {error}") from None
    if entries is None:
        return CommentedSeq()
    if not isinstance(entries, CommentedSeq):
        raise TopicsError(
            f"{shown_path(path)}: expected a list of topics (- id: ..., title: ..., intro: ...)"
        )
    return entries


def _topic(path: Path, entries: CommentedSeq, number: int, entry) -> Topic:
    if not isinstance(entry, CommentedMap) or not entry.get("id") or not entry.get("title"):
        raise _error(path, entries, number, "needs an 'id' and a 'title'")
    topic_id = str(entry["id"])
    if not SAFE_ID.match(topic_id):
        raise _error(
            path,
            entries,
            number,
            f"id {topic_id!r} must be a safe slug: lowercase letters, digits and hyphens",
        )
    return Topic(topic_id, str(entry["title"]), str(entry.get("intro") or ""))


def _error(path: Path, entries: CommentedSeq, number: int, message: str) -> TopicsError:
    place = entries.lc.item(number - 1) if number - 1 < len(entries) else None
    where = f"{shown_path(path)}:{place[0] + 1}" if place else str(path)
    return TopicsError(f"{where}: topic {number} {message}")


def topic_reference_problems(sheets: Iterable, topics: list[Topic], path: Path) -> list[Problem]:
    """Sheets naming a topic that `path` does not define: its page link would be broken."""
    known = {topic.id for topic in topics}
    listed = ", ".join(sorted(known)) or "none"
    where = shown_path(path)
    if not os.path.lexists(path):
        where += " (which does not exist, so the plugin's own topics apply)"
    problems = []
    for sheet in sheets:
        for topic_id in sheet.topics:
            if topic_id not in known:
                problems.append(
                    Problem(
                        Path(sheet.path or f"{sheet.id}.yaml"),
                        f"field 'topics': {topic_id!r} is not a topic in {where}; "
                        f"add it there or use one of: {listed}",
                    )
                )
    return problems
