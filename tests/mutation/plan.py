"""The clean documents and their mutants: source-level edits of the seed renditions and of generated
documents, and data-level edits through tests.generator's mutate()."""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

from extractors.extract import extract_facts
from extractors.load import load_document
from tests.generator.corpus import FORMATS, RENDERERS, draw
from tests.generator.layouts import LAYOUTS
from tests.generator.mutate import NotApplicable, applicable, mutate
from tests.mutation.sites import Site, find_sites
from tests.mutation.sources import Edit, source_of

SEED_DIR = Path(__file__).resolve().parents[2] / "corpus" / "seed"
# the renditions a source edit can be made in; seed.pdf is checked for false alarms only
SEED_RENDITIONS = {"seed.txt": "txt", "seed-gbk.txt": "gbk.txt", "seed.html": "html", "seed.docx": "docx"}
SEED_CLEAN_ONLY = {"seed.pdf": "pdf"}
REPORT_LAYOUTS = [name for name in LAYOUTS if name != "not_report"]


@dataclass(frozen=True)
class Clean:
    name: str
    rendition: str
    data: bytes


@dataclass(frozen=True)
class Mutant:
    clean: str  # name of the clean document it was made from
    rendition: str
    origin: str  # source (edit of the file) | generated (edit of the report data, then rendered)
    kind: str
    expected: tuple[str, ...]
    what: str
    data: bytes


@dataclass(frozen=True)
class Plan:
    cleans: list[Clean]
    mutants: list[Mutant]


def seed_cleans() -> list[Clean]:
    renditions = SEED_RENDITIONS | SEED_CLEAN_ONLY
    return [Clean(name, fmt, (SEED_DIR / name).read_bytes()) for name, fmt in renditions.items()]


def interleaved_by_kind(pairs: list[tuple[Clean, Site]], rng: random.Random) -> list[tuple[Clean, Site]]:
    """Shuffled within each kind, then one of each kind in turn, so a small budget covers every kind."""
    kinds: dict[str, list[tuple[Clean, Site]]] = {}
    for pair in pairs:
        kinds.setdefault(pair[1].kind, []).append(pair)
    for group in kinds.values():
        rng.shuffle(group)
    return [pair for row in zip_longest(*kinds.values()) for pair in row if pair is not None]


def source_mutants(cleans: list[Clean], budget: int, rng: random.Random) -> list[Mutant]:
    """Up to `budget` source edits; sites are reused with other values when there are fewer sites."""
    pairs = []
    sources = {}
    for clean in cleans:
        source = source_of(clean.data, clean.rendition)
        sources[clean.name] = source
        facts = extract_facts(load_document(clean.data))
        pairs += [(clean, site) for site in find_sites(source.flat, facts)]
    order = interleaved_by_kind(pairs, rng)
    mutants: list[Mutant] = []
    seen: set[bytes] = set()
    for attempt in range(3 * budget):
        if len(mutants) >= budget or not order:
            break
        clean, site = order[attempt % len(order)]
        source = sources[clean.name]
        try:
            text = site.propose(rng)
        except ValueError:
            continue
        data = source.render(Edit(site.start, site.end, text))
        if data in seen:
            continue
        seen.add(data)
        old = source.flat[site.start : site.end]
        what = f"{site.what}: {old!r} -> {text!r}"
        mutants.append(Mutant(clean.name, clean.rendition, "source", site.kind, site.expected, what, data))
    return mutants


def generated_mutants(seed: int, budget: int, rng: random.Random) -> tuple[list[Clean], list[Mutant]]:
    """Reports drawn in turn from every layout, each rendered in one of its formats (in turn) and
    mutated once per applicable kind; returns the clean renderings and the mutants."""
    cleans, mutants = [], []
    index = 0
    while len(mutants) < budget:
        layout = REPORT_LAYOUTS[index % len(REPORT_LAYOUTS)]
        report = draw(seed, 5000 + index, layout)
        formats = FORMATS[layout]
        fmt = formats[(index // len(REPORT_LAYOUTS)) % len(formats)]
        name = f"{5000 + index}-{layout}.{fmt}"
        cleans.append(Clean(name, fmt, RENDERERS[fmt](report)))
        for kind in applicable(report):
            try:
                edited, failing = mutate(report, kind, rng)
            except (NotApplicable, IndexError):
                continue
            what = f"generator mutation {kind}"
            mutants.append(Mutant(name, fmt, "generated", kind, tuple(failing), what, RENDERERS[fmt](edited)))
        index += 1
    return cleans, mutants[:budget]


def not_report_cleans(seed: int) -> list[Clean]:
    report = draw(seed, 0, "not_report")
    return [Clean(f"0-not_report.{fmt}", fmt, RENDERERS[fmt](report)) for fmt in FORMATS["not_report"]]


def build_plan(count: int, seed: int) -> Plan:
    """About half the mutants from source edits of the seed renditions, the rest generated."""
    rng = random.Random(seed)
    seeds = seed_cleans()
    editable = [c for c in seeds if c.name in SEED_RENDITIONS]
    source = source_mutants(editable, count // 2, rng)
    generated_cleans, generated = generated_mutants(seed, count - len(source), rng)
    return Plan(seeds + generated_cleans + not_report_cleans(seed), source + generated)
