"""Spreadsheet figures as the reader saw them: a value and its Excel number format -> the text shown.

A cell holding 180 with the format `0.00` shows 180.00, and a report's figures are read with the
precision they are shown with (the interval checks depend on it); 0.9811 with `0.00%` shows 98.11%.
Neither openpyxl nor xlrd formats values, so this covers the codes forms use: fixed and optional
decimals, thousands separators, percent, scientific, literal text (`0.00"万元"`), colours and
locales in brackets (skipped), and dates.

Arithmetic is done in Decimal from the float's shortest repr, so 267.9 stays 267.9, never
267.89999999999998.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

_GENERAL = {"", "general", "@"}
_SIGNIFICANT = 15  # Excel keeps 15 significant digits; formulas leave float noise beyond them
_BRACKETS = re.compile(r"\[[^\]]*\]")
_PLACEHOLDERS = set("0#?")


def display(value: object, number_format: str | None) -> str:
    """The text a spreadsheet shows for a cell's value (numbers, booleans, dates, text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return display_date(value, number_format or "")
    if isinstance(value, int | float):
        return display_number(value, number_format or "")
    return str(value)


def display_date(value: dt.datetime | dt.date | dt.time, number_format: str) -> str:
    """2023-01-05, or 2023年1月5日 where the format writes 年; a time of day is kept when not midnight."""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    day = value.date() if isinstance(value, dt.datetime) else value
    text = f"{day.year}年{day.month}月{day.day}日" if "年" in number_format else day.isoformat()
    if isinstance(value, dt.datetime) and value.time() != dt.time(0):
        text += " " + display_date(value.time(), number_format)
    return text


def display_number(value: int | float, number_format: str) -> str:
    number = _exact(value)
    sections = _parsed(number_format)
    if number < 0 and len(sections) > 1:
        section, number = sections[1], abs(number)  # the negative section writes its own sign
    elif number == 0 and len(sections) > 2:
        section = sections[2]
    else:
        section = sections[0]
    if section is None:
        return _general(number)
    prefix, body, suffix = section
    return prefix + (_format_body(number, body) if body else "") + suffix


@lru_cache(maxsize=512)
def _parsed(number_format: str) -> tuple[tuple[str, str, str] | None, ...]:
    """Each section (positive;negative;zero) as (text before, numeric part, text after); None for General.
    Cached: a workbook uses a handful of formats over thousands of cells."""
    sections = _split_sections(_BRACKETS.sub("", number_format))
    return tuple(None if s.strip().lower() in _GENERAL else _split_literals(s) for s in sections)


def _exact(value: int | float) -> Decimal:
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(format(value, f".{_SIGNIFICANT}g"))


def _general(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".")


def _split_sections(number_format: str) -> list[str]:
    sections: list[str] = []
    current: list[str] = []
    quoted = False
    for char in number_format:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            sections.append("".join(current))
            current = []
        else:
            current.append(char)
    return sections + ["".join(current)]


def _split_literals(section: str) -> tuple[str, str, str]:
    """(text before, the numeric part, text after): quoted text and \\x escapes are literal,
    _x (a space as wide as x) and *x (fill) are dropped."""
    before: list[str] = []
    body: list[str] = []
    after: list[str] = []
    k = 0
    while k < len(section):
        char = section[k]
        target = after if body else before
        if char == '"':
            end = section.find('"', k + 1)
            end = len(section) if end < 0 else end
            target.append(section[k + 1 : end])
            k = end + 1
            continue
        if char == "\\" and k + 1 < len(section):
            target.append(section[k + 1])
            k += 2
            continue
        if char in "_*":
            k += 2
            continue
        if (
            char in _PLACEHOLDERS
            or (body and char in ".,%Ee+-")
            or (char == "." and _next_is_digit(section, k))
        ):
            if after:  # placeholders after literal text: keep them in the body, the text too
                body.extend(after)
                after.clear()
            body.append(char)
        elif char == "%" and not body:
            before.append(char)
        else:
            target.append(char)
        k += 1
    return "".join(before), "".join(body), "".join(after)


def _next_is_digit(section: str, k: int) -> bool:
    return k + 1 < len(section) and section[k + 1] in _PLACEHOLDERS


def _format_body(number: Decimal, body: str) -> str:
    number *= Decimal(100) ** body.count("%")
    mantissa_end = min((body.find(e) for e in "Ee" if e in body), default=len(body))
    mantissa, exponent = body[:mantissa_end], body[mantissa_end:]
    integer_part, _, fraction = mantissa.partition(".")
    fixed = fraction.count("0")
    optional = sum(fraction.count(c) for c in "#?")
    thousands = "," in integer_part.strip(",")
    if exponent:
        return format(float(number), f".{fixed + optional}E")  # float: two exponent digits, as E+00 shows
    rounded = number.quantize(Decimal(1).scaleb(-(fixed + optional)), rounding=ROUND_HALF_UP)
    text = format(rounded, ",f" if thousands else "f")
    if optional:
        whole, _, digits = text.partition(".")
        digits = digits[:fixed] + digits[fixed:].rstrip("0")
        text = f"{whole}.{digits}" if digits else whole
    if not integer_part.strip(",").count("0") and text.lstrip("-").startswith("0."):
        text = text.replace("0.", ".", 1)  # "#.00" shows 0.5 as .50
    return text + "%" * body.count("%")
