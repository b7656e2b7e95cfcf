"""Province, city and district from the names a report mentions, completed and disambiguated
with the administrative-division gazetteer that cpca ships.

A district name can exist in several cities (鼓楼区: 南京, 福州, 徐州, 开封); the city or province
the text also names decides, and without one the city is left empty rather than guessed. A city
written right before the district (深圳市龙华区) is trusted even where the gazetteer's data is older
than the district.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from operator import add

SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "省", "市", "区", "县", "盟", "旗")


@dataclass(frozen=True)
class Division:
    name: str
    rank: int  # 0 province, 1 city, 2 district
    adcode: str  # six digits

    @property
    def stem(self) -> str:
        """福田区 -> 福田, 深圳市 -> 深圳: how texts often write it (深圳福田)."""
        for suffix in SUFFIXES:
            if self.name.endswith(suffix) and len(self.name) - len(suffix) >= 2:
                return self.name[: -len(suffix)]
        return self.name


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Division]:
    """adcode -> Division, loaded once per process from cpca's data."""
    import cpca

    divisions = {}
    for code, info in cpca.ad_2_addr_dict.items():
        adcode = str(code)[:6]
        divisions[adcode] = Division(info.name, int(info.rank), adcode)
    return divisions


@lru_cache(maxsize=1)
def by_name() -> dict[str, list[Division]]:
    index: dict[str, list[Division]] = {}
    for division in gazetteer().values():
        if len(division.name) >= 3 or division.rank == 0:
            index.setdefault(division.name, []).append(division)
    return index


def parents(division: Division) -> tuple[Division | None, Division | None]:
    """(province, city) of a division."""
    table = gazetteer()
    province = table.get(division.adcode[:2] + "0000")
    city = table.get(division.adcode[:4] + "00") if division.rank == 2 else None
    if city is not None and city.name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
        city = province if province and province.name.endswith("市") else None  # 直辖市: 北京市/北京市
    return province, city


def mentions(text: str) -> Counter[str]:
    """How often each division name stands in `text`."""
    # a name can only stand where its first two characters do: one pass over the text's pairs
    # spares a count over the whole text for each of the gazetteer's thousands of names
    pairs = set(map(add, text, text[1:]))  # each character joined to the next
    counts: Counter[str] = Counter()
    for name in by_name():
        if len(name) >= 2 and name[:2] not in pairs:
            continue
        n = text.count(name)
        if n:
            counts[name] = n
    return counts


def written_with_its_city(text: str, district: str, named: Counter[str]) -> tuple[str, str, str] | None:
    """'深圳市龙华区' names the city outright; trust it even where the gazetteer lacks the pair
    (districts created or renamed after its data was made)."""
    for name in named:
        for city in (d for d in by_name()[name] if d.rank == 1):
            if city.name + district in text or city.stem + district in text:
                province, _ = parents(city)
                return (province.name if province else city.name, city.name, district)
    return None


def place_of(texts: list[str]) -> tuple[str | None, str | None, str | None]:
    """(province, city, district): the district named most often, placed by the city or province
    the text also names; else the city named most often; else the province."""
    text = "\n".join(texts)
    named = mentions(text)
    index = by_name()

    def named_often(division: Division | None) -> int:
        if division is None:
            return 0
        return named.get(division.name, 0) + len(re.findall(re.escape(division.stem), text))

    for rank in (2, 1, 0):
        candidates = [
            (name, count) for name, count in named.items() if any(d.rank == rank for d in index[name])
        ]
        if not candidates:
            continue
        name = max(candidates, key=lambda c: c[1])[0]
        if rank == 2:
            written = written_with_its_city(text, name, named)
            if written is not None:
                return written
        homes = [d for d in index[name] if d.rank == rank]
        scored = sorted(homes, key=lambda d: -sum(named_often(p) for p in parents(d)))
        best = scored[0]
        if len(homes) > 1 and sum(named_often(p) for p in parents(best)) == 0:
            # an ambiguous name and nothing in the text to place it
            return (None, None, name) if rank == 2 else (None, None, None)
        province, city = parents(best)
        if rank == 2:
            return (province.name if province else None, city.name if city else None, best.name)
        if rank == 1:
            return (province.name if province else None, best.name, None)
        return (best.name, None, None)
    return None, None, None
