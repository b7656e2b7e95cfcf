"""Domain vocabulary: indicator names, budget role wordings, rate names, header words.

Built from the published frameworks (财预〔2020〕10号 and its predecessors, the standard
self-evaluation form), not from any one report. Used by the recognisers and as jieba's user
dictionary so these terms stay whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Level-1 names across frameworks (MoF 2020, 2011-era, department-overall, self-evaluation form).
LEVEL1_NAMES = (
    "决策", "过程", "产出", "效益", "投入", "效果", "管理", "绩效", "满意度",
    "项目决策", "项目过程", "项目产出", "项目效益", "项目投入", "项目管理", "项目绩效",
    "预算执行", "产出指标", "效益指标", "满意度指标", "成本指标",
    "部门决策", "部门管理", "部门产出", "部门效果", "部门效益",
    "运行成本", "管理效率", "履职效能", "社会效应", "可持续发展", "预算编制", "预算执行情况",
    "资金管理", "资产管理", "业务管理", "财务管理", "组织管理", "工作实施",
)  # fmt: skip

# Level-1 families across frameworks, for comparing districts: the MoF 2020 framework's 决策 / 过程 /
# 产出 / 效益 / 满意度, the 2011-era 投入 / 过程 / 产出 / 效果, the department-overall framework (运行成本,
# 管理效率 -> 过程; 履职效能 -> 产出; 社会效应, 可持续发展 -> 效益) and the self-evaluation form's
# 预算执行 row. Matched on the name with its 指标 / 项目 / 部门 wrapping removed.
LEVEL1_FAMILIES: dict[str, tuple[str, ...]] = {
    "决策": ("决策", "投入", "预算编制", "目标设定"),
    "过程": ("过程", "管理", "资金管理", "组织管理", "财务管理", "业务管理", "资产管理", "运行成本", "管理效率", "工作实施"),
    "产出": ("产出", "履职效能", "履职"),
    "效益": ("效益", "效果", "社会效应", "可持续发展", "效益指标"),
    "满意度": ("满意度", "服务对象满意度"),
    "预算执行": ("预算执行", "预算执行情况", "预算执行率"),
    "成本": ("成本",),
}  # fmt: skip


def level1_family(name: str | None) -> str | None:
    """The framework-independent family of a level-1 name: 项目效益 -> 效益, 履职效能 -> 产出."""
    if not name:
        return None
    core = re.sub(r"[（(].*?[）)]|\d+分|\s", "", name)
    core = re.sub(r"^(?:项目|部门|单位|整体)|指标$", "", core)
    for family, names in LEVEL1_FAMILIES.items():
        if core in names:
            return family
    return None


LEVEL2_NAMES = (
    "项目立项", "绩效目标", "资金投入", "资金管理", "组织实施", "财务管理", "业务管理",
    "产出数量", "产出质量", "产出时效", "产出成本", "数量指标", "质量指标", "时效指标", "成本指标",
    "项目效益", "满意度", "效益指标", "满意度指标", "经济效益", "社会效益", "生态效益",
    "可持续影响", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标",
    "服务对象满意度", "服务对象满意度指标", "项目产出", "项目效果", "前期工作", "实施准备",
    "目标设定", "预算配置", "预算执行", "预算管理", "资产管理", "人员管理", "制度管理",
    "职责履行", "履职效益", "经济成本", "社会成本", "生态环境成本", "成本控制",
)  # fmt: skip

LEVEL3_TERMS = (
    "立项依据充分性", "立项程序规范性", "绩效目标合理性", "绩效指标明确性", "预算编制科学性",
    "资金分配合理性", "资金到位率", "预算执行率", "资金使用合规性", "管理制度健全性",
    "制度执行有效性", "实际完成率", "质量达标率", "完成及时性", "成本节约率", "实施效益",
    "资金到位及时性", "财务监控有效性", "社会效益", "经济效益", "生态效益", "可持续影响",
    "服务对象满意度", "公众满意度", "在职人员控制率", "三公经费变动率", "结转结余率",
    "政府采购执行率", "固定资产利用率", "预决算信息公开性", "基础信息完善性",
)  # fmt: skip

# Rates that are not budget rates but name a percentage the same way (质量达标率 95%).
OTHER_RATE_NAMES = ("实际完成率", "质量达标率", "完成及时率", "完成率", "满意率", "达标率")

# Canonical rate kind -> the names reports write it with, for cross-district research (rates.kind).
# Matched on the name's ending, longest wording first. A bare 执行率 (the funds block's column, B/A)
# and 项目执行率 / 预算完成率 / 资金使用率 / 支付完成率 are 预算执行率 (what the real reports mean by them,
# tests/real), and so is the spending of the money received (到位资金执行率 / 支付率: 实际支出 / 实际
# 到位); 资金执行率 is kept apart where a report writes it; 拨付, 支付 and 发放 (paid out) wordings are
# 支付率; 支出进度 (the share spent by a date) stays apart from the year's 预算执行率.
RATE_KINDS: dict[str, tuple[str, ...]] = {
    "预算执行率": (
        "预算执行率", "项目执行率", "预算完成率", "项目预算执行率", "资金支出率", "预算支出率", "支出率", "执行率",
        "支付完成率", "完成支付率", "资金使用率", "使用率",
        "到位资金执行率", "到位资金支付率", "到位资金使用率", "到位资金支出率",
    ),
    "资金执行率": ("资金执行率",),
    "资金到位率": ("资金到位率", "配套到位率", "到位率"),
    "支付率": ("资金支付率", "资金拨付率", "支付率", "拨付率", "拨付进度", "支付进度", "发放率"),
    "支出进度": ("支出进度", "执行进度"),
    "成本节约率": ("成本节约率", "节约率"),
    "结转结余率": ("结转结余率", "结余率"),
    "预算调整率": ("预算调整率",),
    "政府采购执行率": ("政府采购执行率",),
}  # fmt: skip


# Wordings that say only what kind of rate, not of what: a qualifier before them decides.
GENERIC_RATE_WORDS = ("执行率", "完成率", "使用率", "支出率", "到位率", "拨付率", "支付率", "节约率", "发放率")  # fmt: skip
# Qualifiers that make a generic wording a budget rate (资金执行率, 经费使用率, 项目执行率).
BUDGET_QUALIFIERS = (
    "资金",
    "预算",
    "经费",
    "财政",
    "项目",
    "支出",
    "拨款",
    "补助",
    "配套",
    "整体",
    "年度",
    "全年",
)

# A rate written as its verb after the money it is of, without 率 (其中3个项目资金执行100%, 资金到位100%):
# read as that rate (资金执行率). Only after a money qualifier (BUDGET_QUALIFIERS), so 投入使用 100% and
# 完成 100% stay unread.
RATE_VERBS = ("执行", "到位", "支付", "拨付")

# How the name of an item listed with its own rate ends (桂花村美丽乡村项目99.89%, 生态补偿资金86.02%).
LISTED_ITEM_ENDINGS = ("项目", "资金", "经费", "工程")

# Qualifiers that say how, not of what (实际执行率, 资金实际到位率): read past them.
NEUTRAL_QUALIFIERS = ("实际", "总体", "综合", "累计")

RATE_NAMES = tuple(dict.fromkeys((*(w for ws in RATE_KINDS.values() for w in ws), *OTHER_RATE_NAMES)))


def rate_kind(name: str | None) -> str | None:
    """The canonical kind of a rate as named in a report: '资金拨付率' -> 支付率; None when unknown."""
    if not name:
        return None
    squashed = "".join(name.split())
    matches = [(len(w), w, kind) for kind, words in RATE_KINDS.items() for w in words if squashed.endswith(w)]
    if not matches:
        return None
    _, wording, kind = max(matches)
    qualifier = squashed[: -len(wording)]
    for neutral in NEUTRAL_QUALIFIERS:
        qualifier = qualifier.removesuffix(neutral)
    # 政府采购管理执行率, 任务完成率: a generic wording qualified by something that is not money (a
    # funding source is money: 彩票公益金使用率)
    money = qualifier.endswith(BUDGET_QUALIFIERS) or qualifier.endswith(FUNDING_SOURCES)
    if qualifier and wording in GENERIC_RATE_WORDS and not money:
        return None
    return kind


# Budget role -> the words that give a figure its role, most specific first; the cue nearest the
# figure wins. Derived from the real corpus's sentences (tests/real): 下达/安排/批复/获批/争取 name the
# allocation a unit was given or secured (its budget); 拨付/支付/发放 name money paid out (spent); 到位/到账/
# 收到 money received. Cues match whole words (segment.Segmented.find_word), so 支付 in 转移支付
# and 执行 in 执行率 are no cues.
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "budget_initial": (
        "年初预算数", "年初批复预算", "年初预算批复", "年初预算安排", "年初预算", "年初批复", "年初安排",
        "预算批复", "批复预算", "批复金额",
    ),
    "budget_adjusted": (
        "全年预算数", "调整后预算", "调整预算", "支出预算", "预算总指标", "年度总指标", "总指标", "全年预算", "预算安排",
        "安排资金", "预算金额", "预算资金", "项目预算", "总预算", "预算总额", "预算数", "应到位", "应执行数", "计划投入",
        "预算", "安排", "下达", "批复", "获批", "核定", "预算收入", "争取",
    ),
    "received": (
        "实际到位资金", "到位资金", "资金到位", "实际到位", "已到位", "拨付到位", "下拨到位", "到位", "到账",
        "收到", "拨入", "收入", "收",
    ),
    "spent": (
        "全年执行数", "实际支出", "支出金额", "执行数", "预算执行", "已支出", "实际使用", "使用资金", "实际执行", "总支出",
        "支付", "支出", "执行", "使用", "拨付", "发放", "兑付", "兑现", "报账", "拨", "完成",
    ),
}  # fmt: skip

# Words after a figure that give it its role (75万元资金全部拨付到位, 39万元，已下拨到位; 38.8万元，已全部使用).
ROLE_WORDS_AFTER: dict[str, tuple[str, ...]] = {
    "received": ("拨付到位", "下拨到位", "已到位", "到位", "到账"),
    "spent": (
        "已全部使用",
        "全部使用",
        "已使用",
        "已支出",
        "支出完毕",
        "使用完毕",
        "全部用于",
        "已拨付",
        "已支付",
    ),
}

# A section headed as the money's arrival (1、项目资金到位情况分析。／（1）资金到位情况) states what arrived: a fund
# there named only by what it is (…项目经费11.2万元。全部列入财政预算), or said to be allocated (共下达我区补助资金
# 246.2万元), arrived as well as being the budget. A heading that also names its use (资金到位及使用情况) is not one.
RECEIPT_SECTION_WORDS = ("到位",)
NOT_RECEIPT_SECTION_WORDS = ("执行", "使用", "支出", "支付", "拨付", "管理")
RECEIPT_SECTION_CUES = ("下达",)

# A budget dated to the year's start is the initial one (2022年初…资金预算安排300.7万元).
YEAR_START_WORDS = ("年初",)

# A sum of money named by what it is rather than what happened to it (补助资金1749万元, 项目经费预算,
# 资金总计, 总投资): the project's budget when nothing else is said of it.
# Funds named by a programme whose name holds a verb (统筹整合使用财政涉农资金, 国办发〔2016〕22号): one word,
# so its 使用 is no cue for spending.
FUND_NAMES = ("统筹整合使用财政涉农资金", "统筹整合财政涉农资金", "整合财政涉农资金")
FUND_NOUNS = (
    *FUND_NAMES,
    "资金总额", "资金总计", "资金合计", "总投资", "投资总额", "项目总金额", "项目金额", "总金额", "项目资金", "专项资金", "补助资金",
    "补助经费", "奖补资金", "衔接资金", "资金", "经费", "共计", "总计", "合计", "总额",
)  # fmt: skip

# Who pays (funding sources): their figures are shares of the budget, never spending.
FUNDING_SOURCES = (
    "转移支付", "财政拨款", "中央财政", "省级财政", "市级财政", "县级财政", "区级财政", "本级财政", "中央资金", "省级资金",
    "市级资金", "县级资金", "地方资金", "配套资金", "地方配套", "自筹资金", "专项债券", "一般债券",
    "抗疫特别国债", "彩票公益金", "福利彩票公益金", "体育彩票公益金",
    # the levels of the autonomous regions and prefectures (内蒙古: 自治区 / 盟市 / 旗县; 云南: 州级)
    "自治区财政", "自治区资金", "盟市财政", "旗县财政", "州级财政", "州级资金", "乡镇财政",
)  # fmt: skip

# Carry-overs, balances and changes to the budget (年中预算调整-1363.33万元, 追加 1000万元), and the income a
# project earns (营业收入超过188万元, 带动村集体经济收入≥20万元: a result, not money received for it): written as
# role `other`, labelled with the word.
BALANCE_WORDS = (
    "结转结余", "结余资金", "结转资金", "结余", "结转", "剩余", "余额", "预算调整", "调整", "追加", "调增",
    "调减", "压减", "核减",
    "经济收入", "营业收入", "业务收入", "综合收入", "医疗收入", "总收入", "净收入", "增收",
)  # fmt: skip

# A figure stated as a change from another (比上年减少563.59万元, 同比增加209.28万元) or as the sum of
# the figures before it (共计下达61.8万元, 合计7万元): not a part of a 其中 breakdown, nor its total.
CHANGE_WORDS = ("增加", "减少", "增长", "下降", "同比", "比上年", "较上年")
# Words that open the parts of the total before them (144.53万元，其中… / 具体是老年人福利类90.79万元，…).
BREAKDOWN_CUES = ("其中", "具体包括", "具体为", "具体是")
# Units of counted and measured quantities that are stated with their parts (征地290亩，其中…52.17亩，…;
# 设备16954套(台、块、项)，其中…558套…); 万 before one makes a unit of its own (1.2万亩 is no 亩 figure).
QUANTITY_UNITS = (
    "人次", "平方米", "立方米", "公顷", "公里", "千米", "亩", "户", "人", "名", "家", "个", "项", "条", "场", "次",
    "件", "套", "台", "块", "所", "处", "座", "株", "头", "只", "吨", "批", "期", "篇", "份", "岗", "类",
)  # fmt: skip
SUM_WORDS = ("共计", "合计", "总计")
# Words that state a new total or another group after a list of parts (编制24人，其中…事业编制7人，在职
# 在编实有30人): no part of it.
NOT_A_PART_WORDS = (*SUM_WORDS, "实有", "共有", "另有", "此外", "累计", "总数")

# Table header words -> column meaning.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标", "一级"),
    "level2": ("二级指标", "二级"),
    "level3": ("三级指标", "三级", "指标名称", "具体指标", "评价指标"),
    "weight": ("权重", "分值", "标准分", "满分", "指标分值", "权重分", "标准分值", "评价分值"),
    "score": ("得分情况", "评价得分", "实际得分", "自评得分", "考评得分", "实得分", "得分", "评分"),
    "criteria": ("评价标准", "评分标准", "评价要点", "评分细则", "评分办法", "评分规则"),
    "explanation": ("指标解释", "指标说明", "指标内涵"),
    "target": ("年度指标值", "年度目标值", "目标值", "预期指标值", "指标值"),
    "actual": ("实际完成值", "实际完成情况", "完成值", "实际值"),
    "note": (
        "扣分情况",
        "扣分原因",
        "扣分说明",
        "扣分理由",
        "偏差原因",
        "未完成原因",
        "备注",
        "整改情况",
        "评分说明",
        "得分说明",
        "情况说明",
    ),
}

# The label of a form's total row (总分 | 100 | 96), in tables and in their flattened text.
FORM_TOTAL_LABELS = ("自评总分", "总得分", "自评得分", "综合得分", "得分合计", "总分")
# Those that name only a total, never a column of scores (自评得分 heads the score column too): a cell
# holding one of them alone is followed by the total.
LONE_TOTAL_LABELS = ("自评总分", "总得分", "得分合计", "总分")
TOTAL_LABELS = ("总得分情况", "总得分", "总分", "综合得分", "合计得分", "得分合计", "总计", "合计")
SUBTOTAL_LABELS = ("小计",)

# Funds block of the self-evaluation form.
FUNDS_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "budget_initial": ("年初预算数", "年初预算", "批复预算"),
    # 计划安排资金 / 实际到位资金 / 实际支出 / 结余: the funds cells of the 财政支出项目绩效评价自评报告 form
    "budget_adjusted": ("全年预算数", "调整后预算", "全年预算", "调整预算", "预算数", "计划安排资金"),
    "received": ("实际到位资金", "到位资金", "到位数"),
    "spent": ("全年执行数", "全年执行", "执行数", "实际支出"),
    "weight": ("分值", "权重"),
    "rate": ("执行率",),
    "score": ("得分",),
}

# Where a form's funds block ends: its goals and its indicator table follow.
FUNDS_BLOCK_ENDS = ("年度总体目标", "总体目标", "绩效指标", "一级指标", "二级指标", "三级指标")


# The words that introduce a stated grade (评价等级为优秀, 评定等次为“优”, 评价等次优秀, 绩效评级为良).
GRADE_CUES = ("评价等级", "绩效等级", "等级", "评价等次", "评定等次", "等次", "评级", "评价结果", "评定")
# Grade words as reports write them -> the grade (财预〔2020〕10号: 优 良 中 差).
GRADE_WORDS = {
    "优秀": "优",
    "优": "优",
    "良好": "良",
    "良": "良",
    "中等": "中",
    "中": "中",
    "差": "差",
    "不合格": "差",
}

# Report or not (extractors/facts/report_type.py), from the wording of the real corpus's pages (tests/real).
# News of evaluation work: a reporter's byline and dateline (记者 …, 8月10日讯, 近日…, …获悉).
NEWS_WORDS = ("记者", "通讯员", "获悉", "近日", "日讯")
# A form's fields; a template leaves them blank (项目名称:项目类别:承担单位:(盖章)).
# (Not the signatures and dates at its foot, which real published forms leave blank too.)
FORM_FIELD_LABELS = (
    "项目名称", "项目类别", "项目单位", "实施单位", "承担单位", "主管部门", "评价机构", "填报单位", "单位名称",
    "填写日期", "填报日期",
)  # fmt: skip
# A guide to filling in a form (项目支出绩效自评表填写样例).
GUIDE_WORDS = ("填写样例", "填报样例", "填写说明", "填报说明", "填表说明")
# The result columns of a list of several evaluations (序号 | 项目名称 | … | 评价得分 | 评价结果).
RESULT_COLUMNS = ("评价得分", "评分情况", "评价结果", "评价等级", "评级情况", "评级", "等级")


def user_dictionary() -> list[str]:
    """Terms jieba must keep whole."""
    words = {*LEVEL1_NAMES, *LEVEL2_NAMES, *LEVEL3_TERMS, *RATE_NAMES}
    for wordings in (*ROLE_WORDS.values(), *ROLE_WORDS_AFTER.values()):
        words.update(w for w in wordings if len(w) >= 3)
    words.update(FUNDING_SOURCES)
    words.update(FUND_NAMES)
    for wordings in HEADER_WORDS.values():
        words.update(w for w in wordings if len(w) >= 3)
    return sorted(words)


# How a cited document's number is bracketed (财预〔2021〕15号, 皖财教[2020]1535号, 【2019】208号):
# opening and closing marks, each set in the same order. 〔 is used for nothing else, so a year after
# it that runs on into digits (〔20252) is a number whose closing mark was lost even without 号.
DOC_NUMBER_OPEN = "〔[［【(（"
DOC_NUMBER_CLOSE = "〕]］】)）"
DOC_NUMBER_ONLY_OPEN = "〔"
# Between the two years of a period (2018—2020, 2021-2022, 2016至2020).
YEAR_RANGE_DASHES = "—–－-~～至到"

# A sentence labelled as a target (阶段性目标：完成工程建设进度35%, 年度绩效目标：资金到位率100%) states what was
# aimed at, not a rate achieved.
TARGET_LABEL_RE = r"(?:目标|指标值|目标值)[）)]?\s*[:：]"

# The 指标性质 cell of a target (≥ | 735 | 人次): each comparator as the forms print it, under the one
# sign checks read.
TARGET_COMPARATORS: dict[str, tuple[str, ...]] = {
    "≥": ("≥", "≧", ">=", "＞=", "不低于", "不少于"),
    "≤": ("≤", "≦", "<=", "＜=", "不高于", "不超过"),
    "=": ("=", "＝", "﹦", "═"),
    ">": (">", "＞"),
    "<": ("<", "＜"),
}
# The header cell after which a packed form row starts (一级 | 二级 | 三级 | 指标性质 | 指标值 | 度量单位).
PACKED_TARGET_HEADER = "度量单位"

# How a report or form names itself after its year (2023年度部门整体绩效自评表): the phrase whose year
# is the year the whole document is about.
REPORT_NAME_ENDINGS = ("绩效自评表", "绩效自评报告", "绩效评价报告", "绩效目标自评表", "绩效评价自评表")

# A target stated with its result in one sentence (不低于180人,全年实际完成值164人; ≥928小时,实际飞行时长
# 909.93小时): the words that open the target (all "at least") and the one that opens the result.
STATED_TARGET_OPENERS = (
    "≥",
    ">=",
    "不低于",
    "不少于",
    "大于等于",
    "达到",
    "指标值为",
    "指标值",
    "目标值为",
    "目标值",
)
STATED_RESULT_OPENER = "实际"
# A claim that the targets were met (已按照计划完成目标, 全部完成了预期指标任务, 较好实现了年度目标), and the
# words that negate it earlier in its clause (未能按照设定的时效指标完成指标任务).
COMPLETION_QUALIFIERS = ("已", "全面", "全部", "均", "圆满", "较好", "按照计划", "按计划")
COMPLETION_VERBS = ("完成", "实现", "达到")
COMPLETION_GOALS = ("目标", "任务")
COMPLETION_NEGATIONS = ("未", "没有", "不能", "无法")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first (so 评价得分 wins over 得分)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
