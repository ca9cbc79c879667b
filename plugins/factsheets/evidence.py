"""What an article's claims become as stored evidence, and each piece's id.

Pure: claims in, plain dicts out.  The ledger stores them; an editor names one by
its id (`rejected: [id]` in the fact sheet) to keep it off the site.
"""

from __future__ import annotations

import hashlib

from .model import DEFAULT_RECIPIENT, ArticleClaims, System

# The fields a piece of evidence may carry, in the order the ledger writes them.
EVIDENCE_FIELDS = ("field", "value", "actor", "variant", "quantity", "recipient", "quote")
# What the ledger keeps once per article, not once per claim.
ARTICLE_FIELDS = ("article", "outlet", "url", "published", "origin")
KINDS = ("mention", "status", "candidate", "range", "condition")


def _evidence_key(entry, with_actor: bool = True) -> tuple:
    value = entry.get("value")
    if isinstance(value, dict):
        value = tuple(sorted((k, str(v)) for k, v in value.items()))
    key = (str(entry.get("field")), str(value), str(entry.get("quote")), str(entry.get("article")))
    # One sentence can report two donors ("Britain and France have delivered"), or two
    # variants ("14 Leopard 2A6 and 4 Leopard 2A4"): the donor and the variant are part of
    # what the evidence says.  Evidence without them keeps its earlier name.
    if with_actor and entry.get("actor"):
        key = (*key, str(entry["actor"]))
    if entry.get("variant"):
        key = (*key, "variant", str(entry["variant"]))
    return key


def _digest(key: tuple) -> str:
    return hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()[:12]


def fingerprint(entry) -> str:
    """A short, stable name for one piece of evidence: its id."""
    return _digest(_evidence_key(entry))


def unvaried_fingerprint(entry) -> str:
    """The id the evidence has without its variant: what an extractor that did not read
    variants wrote for the same statement."""
    return _digest(_evidence_key({**entry, "variant": None}))


def legacy_fingerprint(entry) -> str:
    """The name evidence had before the donor was part of it (sheets migrated from then)."""
    return _digest(_evidence_key(entry, with_actor=False))


def _entry(result: ArticleClaims, field: str, value, quote) -> dict:
    article = result.article
    return {
        "field": field,
        "value": value,
        "quote": quote.text,
        "article": article.path,
        "outlet": result.outlet,
        "origin": result.origin,
        "url": article.url,
        "published": article.published,
    }


def _status_entry(result: ArticleClaims, field: str, statement) -> dict:
    entry = {"field": field, "value": statement.status}
    if statement.donor:
        entry["actor"] = statement.donor
    if statement.variant:
        entry["variant"] = statement.variant
    if statement.quantity:
        entry["quantity"] = statement.quantity
    if statement.recipient and statement.recipient != DEFAULT_RECIPIENT:
        entry["recipient"] = statement.recipient
    return {**_entry(result, field, statement.status, statement.quote), **entry}


def status_entries(result: ArticleClaims, claims) -> list[dict]:
    """The article's status per donor, the system's own last (the one the site shows).

    When the article's statements disagree ("not sure"), every candidate is kept as a
    `candidate` for an editor, and none as the status.
    """
    decision = claims.decision
    if decision is None:
        return []
    chosen = decision.statement
    entries = []
    for donor, per_donor in claims.per_donor.items():
        statement = per_donor.statement
        if chosen is None or statement is None:
            for candidate in per_donor.candidates:
                entries.append(_status_entry(result, "candidate", candidate))
        elif donor is not None and statement is not chosen:
            entries.append(_status_entry(result, "status", statement))
    for per_variant in claims.per_variant.values():
        if per_variant.statement is not None and per_variant.statement is not chosen:
            entries.append(_status_entry(result, "status", per_variant.statement))
    if chosen is not None:
        entries.append(_status_entry(result, "status", chosen))
    unique: dict[str, dict] = {}
    for entry in entries:
        unique.setdefault(fingerprint(entry), entry)
    return list(unique.values())


def evidence_entries(result: ArticleClaims, claims) -> list[dict]:
    """Evidence for one system from one article: a mention, its statuses, its ranges."""
    entries = [_entry(result, "mention", claims.mentions[0], claims.mention_quotes[0])]
    entries.extend(status_entries(result, claims))
    for claim in claims.ranges:
        value = {
            "value": int(claim.range.value)
            if claim.range.value.is_integer()
            else claim.range.value,
            "unit": claim.range.unit,
            "km": claim.range.km,
            "qualifier": claim.range.qualifier,
            "variant": claim.range.variant,
        }
        entries.append(_entry(result, "range", value, claim.quote))
    return entries + condition_entries(result, claims)


def condition_entries(result: ArticleClaims, claims) -> list[dict]:
    """Per donor, the article's last word on a condition of use (cues.yaml `conditions:`)."""
    last = {statement.donor: statement for statement in claims.conditions}
    entries = []
    for donor, statement in last.items():
        entry = _entry(result, "condition", statement.condition, statement.quote)
        entries.append({**entry, "actor": donor} if donor else entry)
    return entries


def article_evidence(result: ArticleClaims) -> list[tuple[System, list[dict]]]:
    """What one article contributes to each system's fact sheet."""
    return [(claims.system, evidence_entries(result, claims)) for claims in result.systems]
