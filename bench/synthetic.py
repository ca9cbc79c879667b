"""Synthetic news articles for benchmarks: realistic prose from templates.

Deterministic for a given seed, so two runs measure the same input.
"""

from __future__ import annotations

import random

from factsheets.catalog import load_catalog

LEADS = [
    "{donor} will provide {system} to Ukraine, {source} told {outlet} on {day}.",
    "{donor} has refused to send {system}, {source} said, citing fears of escalation.",
    "Ukraine has asked {donor} for {system} for months, {source} said.",
    "The first {system} arrived in Ukraine this week, {source} told {outlet}.",
    "{donor} is considering sending {system}, but no decision has been made, {source} said.",
    "{donor} will stop sending {system} after stocks ran low, {source} told reporters.",
]
FACTS = [
    "The {system} can strike targets up to about {km} kilometers ({mi} miles) away.",
    "{system} has a range of up to {mi} miles, depending on the version.",
    "A shorter-range version of the {system} reaches about {km_short} km.",
    "Officials did not say when the {system} would be delivered.",
    "The {system} batteries were moved to positions {near} km from the front line.",
]
FILLER = [
    "Russian forces have pressed attacks along the eastern front for weeks, and Ukrainian "
    "commanders say shortages of ammunition have forced them to ration shells.",
    "Analysts said the decision reflected months of debate among allies about how far to go "
    "in arming Kyiv without drawing NATO members into direct conflict with Moscow.",
    "Gen. Example Person, a retired U.S. Army officer, said the weapons would matter most if "
    "they arrived in numbers, and if Ukraine's forces were trained to use them well.",
    "The Pentagon has announced dozens of aid packages since February 2022, drawing on "
    "existing U.S. stocks, and allies in Europe have sent weapons of their own.",
    "Sen. Jane Example said Congress would keep pressing the administration for details "
    "about how the weapons would be used, and about plans to replace U.S. stockpiles.",
]
DONORS = ["The United States", "Germany", "Britain", "France", "The Netherlands", "Poland"]
SOURCES = ["two U.S. officials", "a person familiar with the talks", "John Kirby, a spokesman"]
OUTLETS = ["NBC News", "Reuters", "the Associated Press", "Politico"]


def article(rng: random.Random, names: list[str], size: int = 4000) -> tuple[str, str]:
    """A (title, body) pair of about `size` characters."""
    system = rng.choice(names)
    values = {
        "system": system,
        "donor": rng.choice(DONORS),
        "source": rng.choice(SOURCES),
        "outlet": rng.choice(OUTLETS),
        "day": rng.choice(["Friday", "Monday", "Tuesday"]),
        "km": rng.randrange(40, 900),
        "km_short": rng.randrange(20, 200),
        "near": rng.randrange(5, 60),
    }
    values["mi"] = round(values["km"] / 1.609)
    paragraphs = [rng.choice(LEADS).format(**values)]
    while sum(len(p) for p in paragraphs) < size:
        pool = FACTS if rng.random() < 0.4 else FILLER
        paragraphs.append(rng.choice(pool).format(**values))
    title = f"{values['donor']} and the {system}: what we know"
    return title, "\n\n".join(paragraphs)


def corpus(count: int, seed: int = 1) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    names = [s.name for s in load_catalog().systems.values()]
    return [article(rng, names) for _ in range(count)]
