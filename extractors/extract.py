"""From a normalised Document to its facts: tables first (they name the projects), then metadata,
then the narrative's amounts, rates and claims."""

from __future__ import annotations

import re

from extractors.document import Document, Paragraph, Table
from extractors.facts import DocumentFacts, ProjectFacts
from extractors.facts.amounts import extract_text_amounts, find_breakdowns, is_itemised, receipt_sections
from extractors.facts.metadata import HEADER_FIELD_RE, extract_metadata
from extractors.facts.narrative import extract_narrative
from extractors.facts.rates import extract_text_rates
from extractors.facts.stated_targets import completion_claims, stated_targets
from extractors.facts.written import extract_written, report_name_years
from extractors.tables.flattened import rebuild_flattened_tables
from extractors.tables.indicators import recognise_tables
from extractors.text.segment import segmented

UNIT_NOTE_RE = re.compile(r"(?:单位|金额单位)\s*[：:]\s*(亿元|万元|元)")


def extract_text_budget(paragraphs: list[Paragraph], project: ProjectFacts) -> None:
    """Amounts and rates stated in sentences, added to `project`. A rate whose paragraph gives no
    figures to recompute it from is paired with the totals stated before it (text, then tables)."""
    earlier = [a for a in project.amounts if a.label is None and a.item is None]
    receipts = receipt_sections(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        itemised = is_itemised(paragraph.text)
        before = paragraphs[index - 1].text if index else None
        amounts = extract_text_amounts(paragraph, itemised, index in receipts, before)
        project.amounts.extend(amounts)
        project.breakdowns.extend(find_breakdowns(segmented(paragraph.text), amounts))
        project.rates.extend(extract_text_rates(paragraph, amounts, itemised, earlier))
        earlier = [a for a in reversed(amounts) if a.label is None and a.item is None] + earlier


def unit_hints(document: Document) -> dict[int, str]:
    """Units stated once before a table (单位：万元), by the table's id."""
    hints: dict[int, str] = {}
    for k, block in enumerate(document.blocks):
        if isinstance(block, Table):
            for before in document.blocks[max(0, k - 2) : k]:
                m = UNIT_NOTE_RE.search(before.text) if isinstance(before, Paragraph) else None
                if m:
                    hints[id(block)] = m.group(1)
    return hints


def same_name(a: str | None, b: str | None) -> bool:
    """One project name contains the other (a form's 项目名称 and the title's quoted name)."""
    return a is not None and b is not None and (a in b or b in a)


# indicator rows with an achieved value (完成值) that make a table of results, not a stray row
MIN_RESULT_ROWS = 3


def extract_facts(document: Document) -> DocumentFacts:
    document = rebuild_flattened_tables(document)
    warnings = document.warnings  # rebuild_flattened_tables' own list: the loaded document's is left alone
    table_projects = recognise_tables(
        document.tables, default_project=None, unit_hints=unit_hints(document), warnings=warnings
    )
    named_forms = [p for p in table_projects if p.name]
    # a table of results (indicator scores, what the indicators achieved, or what the funds block says
    # was spent) makes a report even where its title is missing or says less
    filled = any(
        any(i.score is not None for i in p.indicators)
        or sum(1 for i in p.indicators if i.actual_value) >= MIN_RESULT_ROWS
        or any(a.role == "spent" for a in p.amounts)
        for p in table_projects
    )
    has_results = filled or any(p.name for p in table_projects)
    metadata = extract_metadata(
        document,
        has_form=has_results,
        form_project=named_forms[0].name if len(named_forms) == 1 else None,
        form_fields=next((p.fields for p in table_projects if p.fields), {}),
        filled_form=filled,
    )
    if not metadata.is_report:
        return DocumentFacts(metadata=metadata, warnings=warnings)

    body = [p for p in document.paragraphs if not HEADER_FIELD_RE.match(p.text)]
    main = next((p for p in table_projects if p.name is None or same_name(p.name, metadata.project)), None)
    if main is None:
        main = ProjectFacts(name=metadata.project)
        table_projects.insert(0, main)
    main.name = main.name or metadata.project
    extract_text_budget(body, main)

    level1_names = list(dict.fromkeys(i.level1 for p in table_projects for i in p.indicators if i.level1))
    narrative = extract_narrative(body, level1_names, document.tables)
    projects = [p for p in table_projects if p.indicators or p.amounts or p.rates or p.total_score]
    written = extract_written(body, document.tables)
    years = report_name_years(document.paragraphs)
    return DocumentFacts(
        metadata,
        projects,
        narrative,
        written=written,
        report_name_years=years,
        stated_targets=stated_targets(body),
        completion_claims=completion_claims(body),
        warnings=warnings,
    )
