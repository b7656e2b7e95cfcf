"""Score a dataset made from the real corpus against its hand-checked gold, per part.

The corpus is split by each file's sha256: the files whose hash ends in 0-3 (about a quarter) are the
**test** part, which no rule is written against; the rest is the **development** part. The fields are
the shared acceptance scorer's (../shared/tools/score_real.py): budget amounts with a compatible role,
stated budget rates by name or canonical kind, the total score, the fiscal year and whether the text is
a report; plus published inconsistencies flagged (any failing check) and error-severity false alarms
on documents whose claims all hold.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from pipeline.store import read_table

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
GOLD = HERE / "gold.jsonl"
ROLE_OK = {
    "budget_total": {"budget_initial", "budget_adjusted"},
    "budget_initial": {"budget_initial"},
    "budget_adjusted": {"budget_adjusted"},
    "received": {"received"},
    "spent": {"spent"},
}


def part_of(path: Path) -> str:
    """'test' for the files whose sha256 ends in 0-3, else 'dev'."""
    return "test" if hashlib.sha256(path.read_bytes()).hexdigest()[-1] in "0123" else "dev"


def gold_lines(gold: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]


def squash(text: object) -> str:
    return re.sub(r"\s", "", str(text or ""))


@dataclass
class PartScore:
    hit: int = 0
    total: int = 0
    errors_found: int = 0
    errors_total: int = 0
    false_alarms: int = 0
    clean: int = 0
    not_reports_ok: int = 0
    not_reports: int = 0
    lost: int = 0
    missed: Counter = field(default_factory=Counter)
    provinces: set = field(default_factory=set)
    lines: list[str] = field(default_factory=list)

    @property
    def pct(self) -> float:
        return 100.0 * self.hit / self.total if self.total else 0.0

    def summary(self, name: str, documents: int) -> str:
        return (
            f"{name}: {documents} documents, {len(self.provinces)} provinces; fields {self.hit}/{self.total} "
            f"({self.pct:.1f}%); errors found {self.errors_found}/{self.errors_total}; "
            f"false-alarm docs {self.false_alarms}/{self.clean}; look-alikes not reports "
            f"{self.not_reports_ok}/{self.not_reports}; failed with text {self.lost}"
        )


PROVINCES = [
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
]


def score(out: Path, gold: Path = GOLD, docs: Path = DOCS, only: str | None = None) -> dict[str, PartScore]:
    """Per-part scores of the dataset in `out`; `only` (a file-name pattern) scores a batch of the corpus."""
    documents = {Path(str(r["source_path"])).name: r for r in read_table(out, "documents").to_pylist()}
    by: dict[str, dict[str, list[dict]]] = {}
    for table in ("amounts", "rates", "checks"):
        by[table] = {}
        for r in read_table(out, table).to_pylist():
            by[table].setdefault(r["doc_id"], []).append(r)
    parts = {"dev": PartScore(), "test": PartScore()}
    for g in gold_lines(gold):
        if only and not fnmatch.fnmatch(g["file"], only):
            continue
        s = parts[part_of(docs / g["file"])]
        province = next((p for p in PROVINCES if p in (g.get("region") or "")), None)
        if province:
            s.provinces.add(province)
        d = documents.get(g["file"])
        did = d["doc_id"] if d else None
        amounts, rates = by["amounts"].get(did, []), by["rates"].get(did, [])
        checks = by["checks"].get(did, [])

        def field_(ok: bool, kind: str, label: str, s: PartScore = s, name: str = g["file"]) -> None:
            s.total += 1
            s.hit += bool(ok)
            if not ok:
                s.missed[kind] += 1
                s.lines.append(f"{name}: MISS {label}")

        if d is None or (d.get("status") == "failed" and (docs / g["file"]).stat().st_size > 0):
            s.lost += 1
        negative = g.get("report_type") == "not_report"
        if negative:
            s.not_reports += 1
            s.not_reports_ok += bool(d and d.get("is_report") is False)
        if g.get("report_type") != "other":
            ok = d is not None and d.get("status") != "failed" and d.get("is_report") is (not negative)
            field_(ok, "is_report", f"is_report {not negative}")
        if negative:
            continue
        for am in g["amounts"]:
            if am["role"] not in ROLE_OK:
                continue
            want = (Decimal(str(am["value_wan"])) * 10000).quantize(Decimal("0.01"))
            ok = any(
                r.get("role") in ROLE_OK[am["role"]]
                and r.get("amount_yuan") is not None
                and abs(Decimal(str(r["amount_yuan"])) - want) <= Decimal("0.01")
                for r in amounts
            )
            field_(ok, f"amount {am['role']}", f"amount {am['role']} {am['value_wan']}万元")
        for rt in g["rates"]:
            name = squash(rt["name"])
            ok = any(
                (name in squash(r.get("name")) or name == squash(r.get("kind")))
                and r.get("stated_pct") is not None
                and abs(Decimal(str(r["stated_pct"])) - Decimal(str(rt["stated_pct"]))) <= Decimal("0.005")
                for r in rates
            )
            field_(ok, "rate", f"rate {rt['name']} {rt['stated_pct']}")
        for sc in g["scores"]:
            if sc["what"] == "total":
                ok = (
                    d is not None
                    and d.get("total_score") is not None
                    and abs(Decimal(str(d["total_score"])) - Decimal(str(sc["value"]))) <= Decimal("0.005")
                )
                field_(ok, "total score", f"total score {sc['value']}")
        if g.get("year"):
            field_(
                d is not None and str(d.get("fiscal_year")) == str(g["year"]),
                "fiscal year",
                f"fiscal_year {g['year']}",
            )
        claims = g.get("consistency", [])
        bad = [c for c in claims if not c["holds"]]
        fails = [c for c in checks if c.get("status") == "fail"]
        if bad:
            s.errors_total += 1
            if fails:
                s.errors_found += 1
            else:
                s.lines.append(f"{g['file']}: MISS published inconsistency not flagged: {bad[0]['claim']}")
        elif claims:
            s.clean += 1
            errors = [c for c in fails if c.get("severity") == "error"]
            if errors:
                s.false_alarms += 1
                e = errors[0]
                s.lines.append(
                    f"{g['file']}: FALSE ALARM {e.get('check_id')} {e.get('subject')}: {e.get('message')}"
                )
    return parts
