"""The data dictionary: what every table and column means, in English and Chinese.

`docs/data-dictionary.md` is generated from this and `schemas.tables` (`python -m schemas.dictionary
> docs/data-dictionary.md`; a test keeps it up to date), and `jixiao export --zh` takes its Chinese
column headers from here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from schemas.tables import BOX, SCHEMA_VERSION, TABLES


@dataclass(frozen=True)
class Column:
    zh: str  # the Chinese column header
    en_meaning: str
    zh_meaning: str


TABLE_MEANINGS: dict[str, tuple[str, str]] = {
    "documents": ("One row for every input file, parsed or not.", "每个输入文件一行（无论能否解析）。"),
    "projects": (
        "One row per project (a file of forms has several).",
        "每个项目一行（一个自评表文件可含多个项目）。",
    ),
    "amounts": ("Budget figures, exact in 元.", "预算资金数额，以元为单位精确记录。"),
    "rates": ("Stated rates with their recomputation from the amounts.", "报告所述比率及按金额重算的结果。"),
    "indicators": (
        "The indicator (score) table, one row per 三级指标 or the lowest level present.",
        "绩效指标评分表，每个三级指标（或最低一级指标）一行。",
    ),
    "checks": (
        "One row per check evaluated: pass, fail or skip.",
        "每项一致性检查一行：通过、未通过或跳过。",
    ),
    "sections": ("The document's numbered sections and their text.", "报告的编号章节及其正文。"),
    "pages": ("One row per PDF page: how it was read.", "PDF 每页一行：该页的读取方式。"),
}

# Columns that mean the same in every table they appear in.
_SHARED: dict[str, Column] = {
    "doc_id": Column("文档编号", "sha256 hex of the file's bytes", "文件内容的 SHA-256 哈希值"),
    "project": Column(
        "项目", "project name, without quotes or the word 项目 as noise", "项目名称（去除引号等）"
    ),
    "page": Column("页码", "1-based page, where the source has pages", "所在页码（从 1 起，有分页的格式）"),
    "evidence": Column("依据", "the sentence or table row the figure came from", "数据所在的句子或表格行"),
    "label": Column(
        "标签",
        "a breakdown (其中 …) or sub-project (①…); null for totals",
        "细分项（其中…）或子项目（①…）；合计为空",
    ),
    "boxes": Column(
        "页面位置",
        "where the figures stand on the page: page and x0, top, x1, bottom in PDF points from the top-left",
        "数字在页面上的位置：页码及左、上、右、下坐标（PDF 点，自左上角起）",
    ),
    "total_score": Column("总得分", "the stated total score", "报告所述总得分"),
    "run_id": Column(
        "运行编号",
        "the run that wrote the row (newest wins per document)",
        "写入该行的运行编号（同一文档以最新运行为准）",
    ),
}

_COLUMNS: dict[str, dict[str, Column]] = {
    "documents": {
        "source_path": Column("文件路径", "path as given on the command line", "命令行中给出的文件路径"),
        "source_format": Column(
            "文件格式",
            "pdf, docx, xlsx, doc, xls, html, txt, png, jpeg, tiff, json: what the bytes are",
            "文件实际格式：pdf、docx、xlsx、doc、xls、html、txt、png、jpeg、tiff、json",
        ),
        "n_pages": Column("页数", "pages, for PDFs", "PDF 的页数"),
        "status": Column(
            "处理状态",
            "ok, partial (some parts failed) or failed",
            "ok（成功）、partial（部分失败）或 failed（失败）",
        ),
        "error": Column("错误", "for partial or failed files, a one-line reason", "部分失败或失败时的原因"),
        "is_report": Column(
            "是否绩效报告",
            "a performance-evaluation report or self-evaluation table",
            "是否为绩效评价报告或自评表",
        ),
        "report_type": Column(
            "报告类型",
            "project_evaluation, self_evaluation, self_evaluation_table, department_overall, not_report",
            "项目支出评价、自评报告、自评表、部门整体支出评价或非报告",
        ),
        "fiscal_year": Column(
            "评价年度", "the year evaluated, not the publication year", "被评价的预算年度（非发布年份）"
        ),
        "province": Column("省", "normalised full province name (广东省)", "省级行政区全称"),
        "city": Column("市", "normalised full city name (深圳市)", "地级市全称"),
        "district": Column("区县", "normalised full district name (福田区)", "区县全称"),
        "entity": Column("单位", "the department whose spending is evaluated", "被评价支出的部门或单位"),
        "grade_stated": Column(
            "所述等级", "优/良/中/差 where the report states it", "报告所述评价等级（优/良/中/差）"
        ),
        "grade_by_band": Column(
            "按分数等级",
            "优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差",
            "按总分划定的等级（优≥90，良≥80，中≥60，否则差）",
        ),
        "title": Column("标题", "the document's title", "文档标题"),
        "publisher": Column("发布机构", "the publishing body of a web article", "网页文章的发布机构"),
        "n_projects": Column("项目数", "projects found in the file", "文件中的项目数"),
        "file_size": Column("文件大小", "bytes", "文件字节数"),
        "extractor_version": Column(
            "提取版本",
            "the extraction that wrote the row; older ones are re-extracted",
            "写入该行的提取程序版本",
        ),
    },
    "projects": {
        "department": Column("主管部门", "主管部门 of the form", "自评表所列主管部门"),
        "implementing_unit": Column("实施单位", "实施单位 of the form", "自评表所列实施单位"),
        "goal_expected": Column("预期目标", "年度总体目标: the goal expected", "年度总体目标：预期目标"),
        "goal_actual": Column(
            "实际完成情况", "年度总体目标: what was achieved", "年度总体目标：实际完成情况"
        ),
        "n_indicators": Column("指标数", "indicator rows of the project", "该项目的指标行数"),
    },
    "amounts": {
        "role": Column(
            "资金类型",
            "budget_initial, budget_adjusted, received, spent or other",
            "年初预算、调整后预算、到位资金、实际支出或其他",
        ),
        "amount_yuan": Column("金额（元）", "exact amount in 元 (万元 × 10000)", "金额，精确到分，以元计"),
        "as_written": Column("原文写法", "the figure with its unit as written", "原文中的数字及单位"),
        "source": Column("来源", "text or table", "正文或表格"),
    },
    "rates": {
        "name": Column("比率名称", "资金到位率, 预算执行率 … as named in the report", "报告中的比率名称"),
        "kind": Column(
            "比率类别",
            "the canonical kind (预算执行率, 资金到位率, 支付率 …; extractors.vocabulary.RATE_KINDS)",
            "比率的规范类别（如项目执行率归为预算执行率）",
        ),
        "stated_pct": Column("所述比率（%）", "as stated, in percent", "报告所述比率（百分数）"),
        "computed_pct": Column(
            "重算比率（%）", "recomputed from the extracted amounts", "按提取金额重算的比率"
        ),
        "numerator_role": Column("分子资金类型", "amount role of the numerator", "分子所用资金类型"),
        "denominator_role": Column("分母资金类型", "amount role of the denominator", "分母所用资金类型"),
    },
    "indicators": {
        "row_no": Column("行号", "order in the table, from 1", "在表中的顺序（从 1 起）"),
        "level1": Column("一级指标", "level-1 indicator", "一级指标名称"),
        "level1_kind": Column(
            "一级指标类别",
            "the level-1 family across frameworks (决策/过程/产出/效益 and their older names)",
            "一级指标在不同指标体系间的统一类别",
        ),
        "level2": Column("二级指标", "level-2 indicator", "二级指标名称"),
        "level3": Column("三级指标", "level-3 indicator", "三级指标名称"),
        "weight": Column("分值", "权重 / 分值", "权重或分值"),
        "score": Column("得分", "得分", "得分"),
        "target_value": Column("年度指标值", "年度指标值, where the table has it", "年度指标值"),
        "actual_value": Column("实际完成值", "实际完成值, where the table has it", "实际完成值"),
        "criteria": Column("评价标准", "评价标准 / 评价要点 text", "评价标准或评价要点"),
        "criteria_points": Column(
            "要点分值", "the points of each 评价要点 item, in order", "各评价要点的分值"
        ),
        "deduction_note": Column("扣分说明", "扣分情况说明 / 偏差原因", "扣分情况说明或偏差原因"),
    },
    "checks": {
        "check_id": Column("检查项", "the check's id (rate_recompute, …)", "检查项编号"),
        "subject": Column(
            "检查对象", "what was checked: a rate, an indicator, total, a group", "被检查的对象"
        ),
        "status": Column("结果", "pass, fail or skip (inputs missing)", "通过、未通过或跳过（缺少输入）"),
        "severity": Column("严重程度", "error, warning or info", "错误、警告或提示"),
        "expected": Column("应为", "the value the other figures imply", "按其他数字应得的值"),
        "actual": Column("实为", "the value the report states", "报告所述的值"),
        "tolerance": Column("容差", "the rounding tolerance applied", "采用的舍入容差"),
        "message": Column("说明", "one sentence a person can act on", "问题说明"),
        "evidence": Column("依据", "page and text of the figures involved", "相关数字的页码及原文"),
    },
    "sections": {
        "section_no": Column("章节序号", "order", "章节顺序"),
        "path": Column("编号路径", "numbering path as written (一、/（一）/1.)", "章节编号路径"),
        "heading": Column("标题", "the section heading", "章节标题"),
        "text": Column("正文", "the section's own normalised text", "章节正文"),
        "tokens": Column("分词", "word segmentation of the text (jieba)", "正文分词结果"),
        "page": Column("页码", "page the section starts on", "章节起始页码"),
        "sentences": Column("句子", "the text split into sentences", "正文分句"),
    },
    "pages": {
        "page": Column("页码", "1-based page", "页码（从1开始）"),
        "method": Column(
            "读取方式",
            "pdfium (text only), pdfium+pdfplumber (tables too: pdfplumber's table finder over pdfium's"
            " paths and characters), ocr, none (image-only, not read)",
            "pdfium（仅文字）、pdfium+pdfplumber（含表格：pdfplumber 表格识别读取 pdfium 的线条与字符）、ocr（识别）、"
            "none（纯图像未识别）",
        ),
        "width_pt": Column("页宽", "page width in points, as shown", "页面宽度（磅）"),
        "height_pt": Column("页高", "page height in points, as shown", "页面高度（磅）"),
        "has_text": Column("有文字层", "the page has a text layer", "页面是否有文字层"),
    },
}


def column(table: str, name: str) -> Column:
    """The meaning of `table.name`; KeyError when the dictionary lacks it (a test keeps it complete)."""
    found = _COLUMNS.get(table, {}).get(name) or _SHARED.get(name)
    if found is None:
        raise KeyError(f"no dictionary entry for {table}.{name}")
    return found


def type_name(type_: pa.DataType) -> str:
    """A column type as the dictionary writes it: list<bbox> rather than the struct spelled out."""
    if pa.types.is_list(type_):
        inner = type_.value_type
        return f"list<{'bbox' if inner == BOX else inner}>"
    return str(type_)


def markdown() -> str:
    """docs/data-dictionary.md: every table and column with its type and meaning, English and Chinese."""
    lines = [
        "# Data dictionary / 数据字典",
        "",
        f"Generated from `schemas/` (schema version {SCHEMA_VERSION}) by `python -m schemas.dictionary`;"
        " do not edit by hand.",
        "",
        "`bbox` is a struct `(page int32, x0, top, x1, bottom double)`: a box on a page in PDF points"
        " from its top-left corner, to 0.01 pt. `bbox` 为结构体（页码、左、上、右、下），单位为 PDF 点，自页面左上角起。",
        "",
    ]
    for table, schema in TABLES.items():
        en, zh = TABLE_MEANINGS[table]
        lines += [f"## `{table}`", "", f"{en} {zh}", ""]
        lines += ["| column | 列名 | type | meaning | 含义 |", "|---|---|---|---|---|"]
        for field in schema:
            entry = column(table, field.name)
            required = "" if field.nullable else ", required"
            lines.append(
                f"| `{field.name}` | {entry.zh} | {type_name(field.type)}{required} | {entry.en_meaning} | {entry.zh_meaning} |"
            )
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(), end="")
