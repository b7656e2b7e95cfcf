"""A web page's chrome in the text of its copy: the lines above the article (breadcrumbs, reading
controls), which stand apart from it, and the footer after it (the links to the previous and next
articles, related links, the site's 主办单位, 版权所有, ICP备…). Text copies of government pages keep
them (the HTML loader drops such elements where the page marks them, not where it lays them out in
plain blocks), and they name other documents: 上一篇：关于做好2023年度预算公开工作的通知 read as the
page's title makes a report a notice, and its year outvotes the report's own.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.document import Block, Document, Paragraph
from extractors.text.normalise import simplified

# the page's chrome above its article: the breadcrumb line (首页 > 通知公告 >, … > 正文), however long, and
# short lines of where-you-are, reading controls (当前位置：, 【字体：大 中 小】, 打印本页, 关闭窗口, 分享到) and the
# article's date and source
BREADCRUMB_LINE_RE = re.compile(r"^\S{0,8}(?:首页|网站首页|主页)\s*(?:>|»|＞)|(?:>|»|＞)\s*正文\s*$")
CONTROLS_LINE_RE = re.compile(
    r"^[\s【\[]*(?:当前位置|您现在的位置|您的位置|字体[:：]|字号[:：]|打印本页|关闭窗口|分享到"
    # the article's own line of when and from where (发布时间：2023-10-27 信息来源：县财政局 浏览次数：)
    r"|(?:发布|更新|发文)(?:时间|日期)\s*[:：]|(?:信息|文章)?来源\s*[:：]|(?:浏览|点击|访问|阅读)(?:次数|量)\s*[:：])"
)
CONTROLS_LINE_CHARS = 80  # a longer line is the article, whatever a copy ran into it


def is_header_chrome(line: str) -> bool:
    """Is this line the page's chrome above its article? The text loader asks before it normalises
    the line, so a line that could be chrome (short, or with a breadcrumb's arrow) is also read in
    simplified characters (發布時間：…); the others are spared the conversion."""
    line = line.strip()
    if _chrome(line):
        return True
    could_be = len(line) <= CONTROLS_LINE_CHARS or any(arrow in line for arrow in BREADCRUMB_ARROWS)
    return could_be and (converted := simplified(line)) != line and _chrome(converted)


BREADCRUMB_ARROWS = (">", "»", "＞")


def _chrome(line: str) -> bool:
    return BREADCRUMB_LINE_RE.search(line) is not None or (
        len(line) <= CONTROLS_LINE_CHARS and CONTROLS_LINE_RE.match(line) is not None
    )


# the links to the previous and next articles: they open the footer, or run into the article's last
# line where the copy joined them (…带状特大型上一篇：…)
NAVIGATION = r"(?:上一篇|下一篇|上一条|下一条)"
# a line that opens the footer: the article navigation, related links, the site's footer lines
FOOTER_START_RE = re.compile(
    rf"^[\s【\[（(•·]*(?:{NAVIGATION}|相关链接|相关文章|相关阅读|相关新闻|相关稿件|推荐阅读|"
    r"主办单位|主办[:：]|承办单位|版权所有|网站标识码|技术支持[:：]|网站地图|联系我们|打印本页|关闭窗口)"
    r"|ICP备\d|公网安备\s*\d"
)
RUN_INTO_NAVIGATION_RE = re.compile(rf"{NAVIGATION}\s*[:：]")
# what the footer holds: short lines (links, the site's address and numbers), never prose or tables
FOOTER_LINE_CHARS = 100


def short_line(block: Block) -> bool:
    return isinstance(block, Paragraph) and len(block.text) <= FOOTER_LINE_CHARS


def footer_start(blocks: list[Block]) -> int | None:
    """The index of the first block of the page's footer, or None: the first footer line, after the
    article's first block, in the run of short lines that ends the page."""
    tail = len(blocks)
    while tail > 1 and short_line(blocks[tail - 1]):
        tail -= 1
    for k in range(max(1, tail), len(blocks)):
        block = blocks[k]
        if isinstance(block, Paragraph) and FOOTER_START_RE.search(block.text):
            return k
    return None


def drop_page_footer(document: Document) -> Document:
    """The document without the page footer after its article (see the module's note)."""
    blocks = document.blocks
    start = footer_start(blocks)
    if start is not None:
        return replace(document, blocks=blocks[:start])
    last = blocks[-1] if blocks else None
    if not isinstance(last, Paragraph):
        return document
    run_into = RUN_INTO_NAVIGATION_RE.search(last.text)
    if run_into is None or len(last.text) - run_into.start() > 2 * FOOTER_LINE_CHARS:
        return document
    kept = last.text[: run_into.start()].rstrip()
    return replace(document, blocks=[*blocks[:-1], *([replace(last, text=kept)] if kept else [])])
