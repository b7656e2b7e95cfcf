"""A web page's chrome in the text of its copy: the footer after the article is dropped, the lines
above it stand apart from the title."""

from __future__ import annotations

from extractors.load import load_document
from extractors.load.chrome import is_header_chrome

REPORT = (
    "2023年度项目支出绩效自评报告\n一、项目基本情况\n本项目年初预算100万元，全年执行98万元，执行率98%。\n"
)


def test_the_footer_after_the_article_is_dropped() -> None:
    page = (
        REPORT
        + "\n上一篇：关于做好2024年度预算公开工作的通知\n下一篇：2022年度部门决算公开\n版权所有：某县人民政府\n"
    )
    texts = [b.text for b in load_document(page.encode()).blocks]
    assert texts[-1].endswith("执行率98%。") and not any("上一篇" in t for t in texts)


def test_navigation_run_into_the_last_line_is_cut_there() -> None:
    page = REPORT.rstrip("。\n") + "上一篇：关于做好2024年度预算公开工作的通知下一篇：2022年度部门决算公开"
    assert load_document(page.encode()).blocks[-1].text.endswith("执行率98%")


def test_a_footer_word_inside_the_article_keeps_what_follows() -> None:
    # lines of the article after a footer word (a long paragraph, a table) mean it was no footer
    page = "版权所有单位的项目\n" + REPORT + "相关链接见附件。" + "本项目资金全部用于设备采购，" * 8 + "\n"
    assert "本项目资金全部用于设备采购" in load_document(page.encode()).blocks[-1].text


def test_chrome_above_the_article_is_known_by_its_words() -> None:
    assert is_header_chrome("当前位置：首页 > 政务公开 > 财政信息")
    assert is_header_chrome("【字体：大 中 小】 打印本页 关闭窗口")
    assert not is_header_chrome("2023年度项目支出绩效自评报告")
    assert not is_header_chrome("当前位置" + "的项目资金已全部拨付到位" * 10)
    # the article's date and source line (d007)
    assert is_header_chrome("发布时间:2023-10-27 09:11 信息来源:会同县财政局")
    assert is_header_chrome("来源：县林业局 浏览次数：160")
    assert is_header_chrome("發布時間:2023-10-27 09:11 信息來源:會同縣財政局")  # a traditional-script copy
    assert is_header_chrome("當前位置：首頁 > 政務公開")
    assert not is_header_chrome("资金来源：中央财政衔接推进乡村振兴补助资金")


def test_chrome_lines_stand_apart_from_the_title() -> None:
    page = "当前位置：首页 > 政务公开 > 财政信息\n【字体：大 中 小】 打印本页 关闭窗口\n" + REPORT
    blocks = load_document(page.encode()).blocks
    assert [b.text for b in blocks[:3]] == [
        "当前位置：首页 > 政务公开 > 财政信息",
        "【字体：大中小】打印本页关闭窗口",
        "2023年度项目支出绩效自评报告",
    ]
