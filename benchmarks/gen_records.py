"""Deterministic generator of a synthetic, consistent handbook repository.

Used by ``bench_check.py``; can also be run alone::

    python benchmarks/gen_records.py OUT_DIR [--records N] [--seed S] [--quote-numbers] [--findings F]

Every record kind of the checker appears, linked consistently: visits and quotes name
existing customers, contracts rest on approved quotes, approvals are given by existing
people who held the required role on the approval date (and do not own the record),
receipts add up to their claim, budgets cover the claims, and so on. Some rules will
still report findings (visits dropped to reach the requested count, for instance);
what matters is that every file is valid YAML and a valid record.

Values are written the way an author would: dates, amounts, quantities and booleans
unquoted (``amount: 1280.00``). With ``--quote-numbers`` every number and boolean is
quoted, so every file consists of text scalars only. With ``--findings F`` (a bad day),
F visits name a customer or an owner that does not exist.
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date
from pathlib import Path

AS_OF = date(2026, 11, 20)
EFFECTIVE = date(2026, 1, 1)
START = date(2025, 1, 1)  # the synthetic company's history starts here
MIN_RECORDS = 200
TEAM_SIZE = 50  # the issue's team: about 20,000 records a year, so 100,000 is five years of its history

_REPO = Path(__file__).resolve().parent.parent
RULES_FILE = _REPO / "records" / "policy" / "rules.yaml"

PYPROJECT = """\
[project]
name = "handbook-benchmark-data"
version = "0"

[tool.handbook]
records = "records"
lang = "zh"
as_of = "2026-11-20"
"""

# ----------------------------------------------------------------------------- text pools

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
         "超", "秀英", "霞", "平", "刚", "桂英", "建华", "文", "华", "红", "志强", "晓东", "海燕", "玉兰",
         "婷", "鹏", "宇", "浩", "欣", "悦", "晨", "思远", "子涵", "一鸣", "佳怡", "雨桐", "俊杰", "梓萱"]
DEPARTMENTS = ["营销部", "销售一部", "销售二部", "市场部", "客户服务部"]
OTHER_DEPARTMENTS = ["研发部", "生产部", "财务部", "采购部", "质量部", "物流部"]
CITIES = ["浙江杭州", "浙江宁波", "江苏苏州", "江苏南京", "上海浦东", "安徽合肥", "广东深圳", "广东佛山",
          "山东青岛", "湖北武汉", "四川成都", "福建厦门", "河南郑州", "湖南长沙", "天津滨海"]
INDUSTRIES = ["机械制造", "汽车零部件", "电子元器件", "新能源", "食品饮料", "医药化工", "纺织服装",
              "家电制造", "物流仓储", "建材", "冶金", "环保设备"]
COMPANY_WORDS = ["华新", "恒达", "瑞丰", "远航", "金诚", "宏图", "嘉禾", "鼎盛", "天成", "永安", "博远",
                 "启明", "中联", "海川", "信达", "盛世", "东方", "精工", "卓越", "鸿运", "万通", "安泰"]
COMPANY_TAILS = ["机电有限公司", "科技股份有限公司", "精密制造有限公司", "实业有限公司", "电气有限公司",
                 "自动化设备有限公司", "新材料有限公司", "智能装备有限公司"]
PRODUCTS = ["工业传感器套件 A2", "温湿度传感器 T100", "压力变送器 P300", "智能网关 G5", "边缘控制器 E8",
            "视觉检测模组 V2", "振动监测终端 M3", "流量计 F40", "数据采集平台授权", "三年维保服务包",
            "安装调试服务", "操作培训服务", "备品备件包", "远程运维订阅"]
TITLES = ["采购经理", "设备部主任", "总工程师", "生产副总", "技术负责人", "采购专员", "总经理助理"]
CONTACT_NAMES = ["王经理", "李工", "张总", "刘主任", "陈经理", "赵工", "孙总", "周经理", "吴工", "郑主任"]

VISIT_OPEN = ["上门拜访客户设备部，", "与客户采购经理电话沟通，", "视频会议交流，", "陪同技术工程师到现场，",
              "参加客户季度供应商会议，", "拜访客户生产副总，", "到客户新厂区现场踏勘，", "与客户技术团队座谈，"]
VISIT_TOPIC = ["了解二季度扩产计划，客户有意采购新一代传感器", "客户反映现有设备运行稳定，关注备件供应周期",
               "客户正在评估产线数字化改造方案，希望我方提供整体方案", "讨论年度框架协议续签事宜，客户希望价格维持不变",
               "客户新建车间预计下半年投产，对振动监测有明确需求", "客户对竞争对手的低价方案有兴趣，需要突出服务优势",
               "回访上次交付设备的使用情况，客户满意度较高", "客户提出远程运维需求，希望缩短故障响应时间",
               "客户预算审批流程调整，采购决策推迟到下个月", "客户技术部门对数据采集平台的接口提出补充要求",
               "介绍新品功能和试用政策，客户同意安排小批量试用", "协调上批货物验收中发现的包装问题，客户已认可处理方案"]
VISIT_MORE = ["客户关注交付周期和售后响应速度。", "对方提到今年安全生产检查趋严，监测设备需求上升。",
              "客户计划在年底前完成供应商评审。", "客户希望我方提供同行业成功案例。", "双方约定下次由技术人员带样机演示。",
              "客户对价格较为敏感，但更看重长期服务。", "客户内部新任采购负责人，需要重新建立联系。",
              "现场看到两条老产线仍在使用进口设备，存在替换机会。"]
NEXT_STEPS = ["下周提交技术方案和报价", "安排技术工程师上门演示样机", "整理同行业案例发给客户", "月底前再次回访确认需求",
              "协调生产部确认交期后回复客户", "邀请客户参加下月新品发布会", "准备框架协议续签草案", "跟进试用设备的安装进度"]

MEETING_TOPICS = ["本周新增线索 {n} 条，重点客户拜访完成率 {p}%。", "华东区报价 {n} 份，其中 {m} 份进入商务谈判阶段。",
                  "华南渠道库存偏高，需要与经销商沟通调整下月订货计划。", "新品试用反馈总体良好，有两家客户提出接口定制需求。",
                  "本月回款进度低于计划，需重点跟进逾期合同。", "展会筹备工作按计划推进，展位设计已定稿。",
                  "客户投诉处理平均用时 {n} 小时，较上月缩短。", "竞争对手在西南地区降价约 {p}%，需要评估应对措施。",
                  "培训计划执行正常，本月完成 {n} 场内部培训。", "费用报销流程需进一步规范，票据不全的单据将退回。"]
MEETING_PROBLEMS = ["部分拜访记录填写不及时，要求当天录入。", "报价审批周期偏长，需要提前准备资料。",
                    "跨部门交期信息不同步，生产部将每周共享排产计划。", "个别重点客户超过一个月未拜访，需要尽快安排。",
                    "新员工对产品参数不熟悉，安排老员工带教。", "市场活动线索转化率偏低，需要改进跟进话术。"]
ACTIONS = ["整理华南渠道库存数据", "更新重点客户拜访排期", "汇总新品试用反馈", "准备展会宣传资料", "核对逾期合同回款情况",
           "完成竞品价格调研", "修订报价审批模板", "组织产品知识培训", "跟进投诉客户回访"]

COMPLAINT_CHANNELS = ["客服热线", "销售人员转达", "电子邮件", "微信公众号", "现场反馈"]
COMPLAINT_TEXT = ["第二批设备到货延迟 {n} 天，影响客户产线调试", "传感器读数偶发漂移，客户担心影响质量检测",
                  "安装调试人员未按约定时间到场", "发票信息有误，影响客户付款流程", "备件包中缺少两个密封件",
                  "远程运维平台登录异常持续半天", "培训资料版本与设备实际界面不一致"]
COMPLAINT_CAUSE = ["物流承运商排期失误", "出厂校准参数设置错误", "工程师排班冲突未及时通知", "开票信息录入错误",
                   "仓库拣货漏项", "平台证书过期未及时续期", "文档更新滞后于软件版本"]
COMPLAINT_MEASURE = ["更换承运商并补偿运费", "上门重新校准并延长质保三个月", "调整排班制度并向客户致歉",
                     "重新开具发票并加急寄送", "补发配件并核查同批次出库单", "续期证书并增加到期提醒", "更新资料并重新组织培训"]

OPP_TITLES = ["二期产线传感器升级", "新厂区监测系统建设", "老旧设备替换项目", "年度备件框架采购", "数字化车间改造",
              "远程运维服务订阅", "质检环节视觉检测试点", "能耗监测系统建设"]
OPP_EVAL = ["客户预算已批复，竞争对手两家，我方技术占优", "客户更看重交付周期，我方本地库存有优势",
            "决策链较长，需要同时说服技术和采购部门", "客户对价格敏感，需要控制方案成本", "项目规模大，需要公司高层参与商务谈判"]
OPP_STRATEGY = ["以整体方案加三年维保打包报价", "先做小批量试点再推广", "联合渠道伙伴提供本地化服务",
                "突出案例和服务响应速度", "分期交付降低客户一次性投入"]
OPP_ACTIONS = ["安排技术交流会", "提交初步方案", "邀请客户参观样板工厂", "月底前提交正式报价", "组织商务谈判", "准备试用设备"]

EXPENSE_TEXT = {
    "travel": ["赴{city}拜访重点客户差旅", "参加{city}行业展会差旅", "赴{city}现场调试支持差旅"],
    "entertainment": ["接待{city}客户考察团", "客户技术交流会工作餐", "重点客户年度答谢餐叙"],
    "sales": ["投标文件制作及快递", "样机运输及保险", "客户试用耗材"],
    "promotion": ["{city}工业展展位费", "微信公众号推广投放", "行业杂志广告刊登", "新品宣传册印刷"],
    "training": ["外部销售技巧培训报名费", "在线课程年度订阅", "培训场地租赁"],
    "office": ["办公用品采购", "销售管理软件年费", "打印机耗材"],
}
ISSUERS = ["杭州某某酒店有限公司", "中国东方航空股份有限公司", "国家铁路集团", "上海某某会展服务有限公司",
           "宁波某某餐饮管理有限公司", "苏州某某印务有限公司", "北京某某科技有限公司", "滴滴出行科技有限公司"]

RESEARCH_TOPICS = ["华东地区工业传感器需求变化", "新能源行业监测设备采购趋势", "竞争对手产品线与价格调研",
                   "重点客户满意度调查", "中小制造企业数字化改造意愿", "渠道经销商库存与动销情况"]
RESEARCH_FINDINGS = ["两家竞争对手推出低价产品线，价格下探约百分之十五", "客户对远程运维和数据服务的关注度明显提升",
                     "中小客户更看重一次性投入和回本周期", "渠道库存集中在华南，周转天数高于平均水平",
                     "安全生产政策推动监测设备更新需求", "客户采购决策更多由技术部门主导"]
RESEARCH_CONCLUSIONS = ["维持价格，强化服务差异化", "加大远程运维服务的宣传和试用", "推出分期付款和租赁方案",
                        "调整华南渠道的促销政策", "重点投入安全监测类产品的推广"]

COURSES = ["顾问式销售技巧", "产品知识进阶", "大客户管理", "商务谈判实务", "合同风险防范", "客户投诉处理",
           "市场活动策划", "数据分析基础", "团队管理与辅导", "新员工入职培训"]
TRAINERS = ["李娜", "外部讲师 周老师", "张伟", "法务部 陈律师", "在线平台课程", "王军"]

GOALS = ["全年销售额达到 {n} 万元", "新增重点客户 {m} 家", "重点客户续约率不低于百分之九十", "新品销售占比达到百分之二十",
         "市场活动获取有效线索 {m} 条"]
STRATEGIES = ["深耕华东重点行业客户", "以服务差异化应对价格竞争", "发展西南和华中渠道伙伴", "推动老客户升级换代",
              "加强线上推广和内容营销"]
TASKS = ["完成华东区 3 家重点客户续约", "推进两个大项目进入商务谈判", "组织一次新品线上发布", "清理逾期应收款",
         "完成季度客户满意度回访", "更新产品报价单"]
FOCUS = ["新品推广", "重点客户维护", "回款管理", "渠道建设", "投诉闭环管理", "团队能力提升"]
MONTH_ACTIONS = ["月初完成客户拜访排期", "第二周组织产品培训", "月中复盘项目进展", "月底前完成销售报告初稿",
                 "每周五更新销售机会状态"]

ROLES = [
    # id, zh, en, team, responsibilities
    ("management", "公司管理层", "Company management", False,
     ["审议批准年度营销计划和费用预算", "批准营销计划调整和重大报价", "批准规则豁免和重大激励决定"]),
    ("legal", "法务", "Legal counsel", False,
     ["审核销售合同条款", "提示合同履约风险", "参与重大合同谈判"]),
    ("marketing-manager", "营销经理", "Marketing manager", True,
     ["组织制定年度营销计划", "审核月度营销计划和销售报价", "组织绩效考核并反馈结果", "审批职责范围内的费用报销"]),
    ("marketing-supervisor", "营销主管", "Marketing supervisor", True,
     ["制定月度营销计划", "组织周会和月会", "辅导销售人员并参与绩效考核", "审批小额费用报销"]),
    ("salesperson", "销售人员", "Salesperson", True,
     ["开发和维护客户", "记录客户拜访和销售机会", "编制报价并跟进合同执行", "及时提交费用报销"]),
    ("market-specialist", "市场推广专员", "Market specialist", True,
     ["策划和执行市场推广活动", "评估推广效果", "开展市场调研"]),
]
TEAM_ROLES = [r[0] for r in ROLES if r[3]]
REPORTS_TO = {"legal": "management", "marketing-manager": "management", "marketing-supervisor": "marketing-manager",
              "salesperson": "marketing-supervisor", "market-specialist": "marketing-manager"}


class Generator:
    def __init__(self, n: int, seed: int = 20261120, quote_numbers: bool = False) -> None:
        if n < MIN_RECORDS:
            raise ValueError(f"--records must be at least {MIN_RECORDS}")
        self.n = n
        self.rng = random.Random(seed)
        self.quote = quote_numbers
        self.files: list[tuple[str, str]] = []  # (path under records/, text)
        self._iso: dict[int, str] = {}
        self.counts: dict[str, int] = {}

    # ------------------------------------------------------------------ helpers
    def d(self, ordinal: int) -> str:
        text = self._iso.get(ordinal)
        if text is None:
            text = self._iso[ordinal] = date.fromordinal(ordinal).isoformat()
        return text

    def num(self, text: str) -> str:
        return f'"{text}"' if self.quote else text

    def money(self, value: float) -> str:
        return self.num(f"{value:.2f}")

    def add(self, kind: str, path: str, lines: list[str]) -> None:
        self.files.append((path, "\n".join(lines) + "\n"))
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)

    def pick(self, pool: list[str], k: int) -> list[str]:
        return self.rng.sample(pool, k)

    def approval(self, role: str, day: int, exclude: str | tuple[str, ...],
                 note: str | None = None) -> list[str]:
        person = self.approver(role, exclude)
        out = [f"  - role: {role}", f"    person: {person}", f"    date: {self.d(day)}"]
        if note:
            out.append(f"    note: {note}")
        return out

    def approver(self, role: str, exclude: str | tuple[str, ...]) -> str:
        holders = self.stable[role]
        excluded = (exclude,) if isinstance(exclude, str) else exclude
        while True:
            person = self.rng.choice(holders)
            if person not in excluded:
                return person

    # ------------------------------------------------------------------ plan of counts
    def plan(self) -> dict[str, int]:
        n = self.n
        people = min(max(12, n // 200), TEAM_SIZE)  # more records are more years of the same team's work
        fixed = {
            "rule-set": 1, "role": len(ROLES), "person": people + 2, "annual-plan": 2,
            "monthly-plan": 24, "budget": 2, "training-plan": 2, "kpi-set": 2 * len(TEAM_ROLES),
            "sales-report": 22, "waiver": max(2, n // 5000),
        }
        weights = {
            "visit": .36, "meeting": .22, "expense-claim": .10, "customer": .065, "quote": .06,
            "opportunity": .04, "appraisal": .04, "contract": .025, "complaint": .015,
            "training-session": .015, "promotion-activity": .015, "career-plan": .0,
            "incentive": .01, "promotion-plan": .004, "market-research": .004,
            "plan-adjustment": .001, "budget-adjustment": .001,
        }
        self.people_count = people
        # career plans: one per team member (decided below, roughly 90 % of the people)
        team_people = people - max(1, people // 25) - max(1, people // 30) + 1  # + p-wang-jun
        fixed["career-plan"] = team_people
        rest = n - sum(fixed.values())
        if rest < 60:
            raise ValueError(f"--records must be at least {MIN_RECORDS}")
        total = sum(weights.values())
        counts = {k: max(1, int(rest * w / total)) for k, w in weights.items() if w}
        counts["visit"] += rest - sum(counts.values())
        counts.update(fixed)
        return counts

    # ------------------------------------------------------------------ generate all
    def generate(self) -> list[tuple[str, str]]:
        c = self.counts_planned = self.plan()
        self.files.append(("policy/rules.yaml", RULES_FILE.read_text(encoding="utf-8")))
        self.counts["rule-set"] = 1
        self.gen_roles()
        self.gen_people()
        self.gen_plans(c["plan-adjustment"])
        self.gen_customers(c["customer"])
        self.gen_visits(c["visit"])
        self.gen_complaints(c["complaint"])
        self.gen_opportunities(c["opportunity"])
        self.gen_quotes_contracts(c["quote"], c["contract"])
        self.gen_sales_reports()
        self.gen_promotion(c["promotion-plan"], c["promotion-activity"], c["market-research"])
        self.gen_meetings(c["meeting"])
        self.gen_training(c["training-session"])
        self.gen_performance(c["appraisal"], c["incentive"])
        self.gen_expenses(c["expense-claim"], c["budget-adjustment"])
        self.gen_waivers(c["waiver"])
        assert len(self.files) == self.n, (len(self.files), self.n, self.counts)
        return self.files

    # ------------------------------------------------------------------ chapter 1
    def gen_roles(self) -> None:
        for rid, zh, en, team, duties in ROLES:
            lines = ["kind: role", f"id: {rid}", "owner: p-zhao-min", f"name_zh: {zh}",
                     f"name_en: {en}", f"team: {self.num('true' if team else 'false')}",
                     *([f"reports_to: {REPORTS_TO[rid]}"] if rid in REPORTS_TO else []),
                     "responsibilities:", *(f"  - {x}" for x in duties),
                     "clauses:", *(f'  - "{x}"' for x in ("1.2", "2.1.1", "4.2.2", "8.2.2")),
                     "approvals:", *self._fixed_approval("2024-12-20")]
            self.add("role", f"roles/{rid}.yaml", lines)

    def _fixed_approval(self, day: str) -> list[str]:
        return ["  - role: management", "    person: p-00001", f"    date: {day}",
                "    note: 经总经理办公会审议通过。"]

    def gen_people(self) -> None:
        p = self.people_count
        ids = [f"p-{i:05d}" for i in range(1, p + 1)]
        k_mgmt, k_legal = max(1, p // 25), max(1, p // 30)
        k_mm, k_sup = max(2, p // 15), max(2, p // 8)
        k_promo = max(1, p // 20)
        roles: dict[str, list[tuple[str, str, str | None]]] = {}
        self.stable: dict[str, list[str]] = {r[0]: [] for r in ROLES}
        self.team: list[str] = []
        self.role_of: dict[str, str] = {}  # the role each person holds in 2026
        order = (["management"] * k_mgmt + ["legal"] * k_legal + ["marketing-manager"] * k_mm
                 + ["marketing-supervisor"] * k_sup + ["market-specialist"] * k_promo)
        order += ["salesperson"] * (p - len(order))
        for i, (pid, role) in enumerate(zip(ids, order, strict=True)):
            if role == "marketing-supervisor" and i % 3 == 0:
                # promoted from salesperson at the start of 2025
                roles[pid] = [("salesperson", "2023-03-01", "2024-12-31"), (role, "2025-01-01", None)]
            else:
                roles[pid] = [(role, f"20{19 + i % 5}-0{1 + i % 9}-01", None)]
            self.stable[role].append(pid)
            self.role_of[pid] = role
        extra = {"p-zhao-min": ("赵敏", "总经理办公室", "management", "2020-01-01"),
                 "p-wang-jun": ("王军", "营销部", "marketing-manager", "2021-03-01")}
        for pid, (_, _, role, start) in extra.items():
            roles[pid] = [(role, start, None)]
            self.stable[role].append(pid)
            self.role_of[pid] = role
        self.team = [pid for pid, role in self.role_of.items() if role in TEAM_ROLES]
        self.sales = self.stable["salesperson"]
        self.supervisors = self.stable["marketing-supervisor"]
        # supervisors who already held the role in 2024 (others were promoted on 2025-01-01)
        self.long_supervisors = [p for p in self.supervisors if len(roles[p]) == 1]
        self.managers = self.stable["marketing-manager"]
        self.people = [*ids, *extra]
        for pid in self.people:
            if pid in extra:
                name, dept = extra[pid][0], extra[pid][1]
            else:
                name = self.name()
                dept = "法务部" if self.role_of[pid] == "legal" else (
                    "总经理办公室" if self.role_of[pid] == "management" else self.rng.choice(DEPARTMENTS))
            lines = ["kind: person", f"id: {pid}", f"owner: {self.managers[0]}", f"name: {name}",
                     f"department: {dept}", "roles:"]
            for role, start, end in roles[pid]:
                lines += [f"  - role: {role}", f"    start: {start}"]
                if end:
                    lines.append(f"    end: {end}")
            number = int(pid[2:]) if pid[2:].isdigit() else 9000 + len(pid)
            lines += [f"email: {pid.replace('-', '.')}@example.cn",
                      f"phone: 0571-8{number:07d}"]
            self.add("person", f"people/{pid}.yaml", lines)
        assert len(self.team) == self.counts_planned["career-plan"], (len(self.team),)

    def owner_for(self, role_group: str) -> str:
        pool = {"sales": self.sales, "sup": self.supervisors, "mgr": self.managers,
                "promo": self.stable["market-specialist"], "team": self.team}[role_group]
        return self.rng.choice(pool)

    # ------------------------------------------------------------------ chapter 2
    def gen_plans(self, adjustments: int) -> None:
        rng = self.rng
        for year in (2025, 2026):
            pid = f"AP-{year}"
            prepared = date(year - 1, 12, 10).toordinal()
            owner = rng.choice(self.managers)
            n = 800 + (year - 2025) * 150
            lines = ["kind: annual-plan", f"id: {pid}", f"owner: {owner}", f'year: "{year}"',
                     f"prepared: {self.d(prepared)}", "goals:"]
            for g in rng.sample(GOALS, 3):
                lines += [f"  - text: {g.format(n=n * 10, m=rng.randint(10, 300))}", "    metric: 销售额",
                          f"    target: {n * 100000} CNY"]
            lines += ["strategies:", *(f"  - {s}" for s in rng.sample(STRATEGIES, 3)), "activities:"]
            for month, act in ((3, "春季新品发布会"), (6, "华东工业展参展"), (9, "重点客户答谢会")):
                lines += [f"  - name: {act}", f"    start: {year}-{month:02d}-15",
                          f"    end: {year}-{month:02d}-16"]
            lines += [f"budget: {self.money(3000000 + 500000 * (year - 2025))}", "approvals:",
                      *self.approval("management", prepared + 8, owner, "同意按此计划执行。")]
            self.add("annual-plan", f"plans/annual/{pid}.yaml", lines)
        for year in (2025, 2026):
            for month in range(1, 13):
                first = date(year, month, 1).toordinal()
                prepared = first - rng.randint(3, 8)
                owner = rng.choice(self.long_supervisors)
                mid = f"MP-{year}-{month:02d}"
                lines = ["kind: monthly-plan", f"id: {mid}", f"owner: {owner}", f'month: "{year}-{month:02d}"',
                         f"annual_plan: AP-{year}", f"prepared: {self.d(prepared)}",
                         "tasks:", *(f"  - {t}" for t in rng.sample(TASKS, 3)),
                         "focus:", *(f"  - {t}" for t in rng.sample(FOCUS, 2)),
                         "actions:", *(f"  - {t}" for t in rng.sample(MONTH_ACTIONS, 3)),
                         "approvals:", *self.approval("marketing-manager", prepared + rng.randint(1, 2),
                                                      owner, "已审核，同意备案。")]
                self.add("monthly-plan", f"plans/monthly/{year}/{mid}.yaml", lines)
        for i in range(1, adjustments + 1):
            proposed = date(2026, 1, 15).toordinal() + rng.randint(0, 280)
            owner = rng.choice(self.managers)
            lines = ["kind: plan-adjustment", f"id: PADJ-{i:04d}", f"owner: {owner}", "plan: AP-2026",
                     f"proposed: {self.d(proposed)}",
                     f"reason: {rng.choice(RESEARCH_FINDINGS)}，原计划的推广节奏需要相应调整。",
                     f"change: {rng.choice(RESEARCH_CONCLUSIONS)}，下半年推广预算向线上渠道倾斜。",
                     f"effective: {self.d(proposed + 20)}", "approvals:",
                     *self.approval("management", proposed + rng.randint(3, 15), owner, "同意调整。")]
            self.add("plan-adjustment", f"plans/adjustments/PADJ-{i:04d}.yaml", lines)

    # ------------------------------------------------------------------ chapter 3
    def gen_customers(self, count: int) -> None:
        rng = self.rng
        self.customers: list[tuple[str, str, int, str]] = []  # id, class, since, account manager
        as_of = AS_OF.toordinal()
        for i in range(1, count + 1):
            cid = f"C-{i:05d}"
            r = rng.random()
            klass = "key" if r < .10 else ("general" if r < .60 else "potential")
            if klass == "potential":
                since = as_of - rng.randint(5, 45)
            else:
                since = date(2023, 1, 1).toordinal() + rng.randint(0, 1350)
            owner = rng.choice(self.sales)
            self.customers.append((cid, klass, since, owner))
            name = rng.choice(COMPANY_WORDS) + rng.choice(COMPANY_WORDS) + rng.choice(COMPANY_TAILS)
            lines = ["kind: customer", f"id: {cid}", f"owner: {owner}", f"name: {rng.choice(CITIES)[2:]}{name}",
                     f"class: {klass}", f"since: {self.d(since)}", f"industry: {rng.choice(INDUSTRIES)}",
                     f"region: {rng.choice(CITIES)}", "contacts:"]
            for _ in range(rng.randint(1, 2)):
                lines += [f"  - name: {rng.choice(CONTACT_NAMES)}", f"    title: {rng.choice(TITLES)}",
                          f"    phone: 0{rng.randint(510, 599)}-{rng.randint(10000000, 99999999)}",
                          f"    email: contact{rng.randint(1, 999)}@customer{i}.example.cn"]
            lines += ["needs:", *(f"  - {x}" for x in rng.sample(VISIT_TOPIC, 1)),
                      "preferences:", *(f"  - {x}" for x in rng.sample(VISIT_MORE, 1))]
            if klass != "potential":
                lines.append("purchase_history:")
                for _ in range(rng.randint(1, 2)):
                    lines += [f"  - date: {self.d(since + rng.randint(10, 300))}",
                              f"    product: {rng.choice(PRODUCTS)}",
                              f"    amount: {self.money(rng.randint(20, 900) * 1000)}"]
            strategy = {"key": "季度高层拜访，优先安排新品试用，每月至少一次上门拜访",
                        "general": "每季度至少回访一次，重点推荐升级换代产品",
                        "potential": "两周内跟进一次，尽快明确需求和预算"}[klass]
            lines += [f"strategy: {strategy}",
                      f"service_plan: 专属客户经理，{rng.choice(['4', '8', '24'])} 小时内响应"]
            self.add("customer", f"customers/{cid}.yaml", lines)

    def gen_visits(self, count: int) -> None:
        rng = self.rng
        as_of = AS_OF.toordinal()
        window = date(2025, 11, 1).toordinal()
        scheduled: list[tuple[int, int]] = []  # (customer index, date)
        for index, (_, klass, since, _) in enumerate(self.customers):
            day = max(since, window) + rng.randint(1, 6)
            gap = {"key": (20, 29), "general": (50, 85), "potential": (9, 13)}[klass]
            while day < as_of:
                scheduled.append((index, day))
                day += rng.randint(*gap)
        if len(scheduled) > count:  # drop visits at random (these gaps become findings)
            scheduled = rng.sample(scheduled, count)
        while len(scheduled) < count:  # extra contacts with random customers
            index = rng.randrange(len(self.customers))
            since = self.customers[index][2]
            lo = max(since, START.toordinal())
            scheduled.append((index, lo + rng.randint(0, max(1, as_of - lo - 1))))
        scheduled.sort(key=lambda x: x[1])
        for i, (index, day) in enumerate(scheduled, 1):
            cid, _, _, owner = self.customers[index]
            vid = f"V-{i:06d}"
            year = self.d(day)[:4]
            lines = ["kind: visit", f"id: {vid}", f"owner: {owner}", f"customer: {cid}", f"date: {self.d(day)}",
                     f"method: {rng.choice(('visit', 'visit', 'phone', 'video', 'message'))}",
                     f"summary: {rng.choice(VISIT_OPEN)}{rng.choice(VISIT_TOPIC)}。"
                     f"{''.join(rng.sample(VISIT_MORE, 4))}",
                     f"next_steps: {rng.choice(NEXT_STEPS)}；{rng.choice(NEXT_STEPS)}，并同步更新销售机会状态"]
            self.add("visit", f"visits/{year}/{vid}.yaml", lines)

    def gen_complaints(self, count: int) -> None:
        rng = self.rng
        for i in range(1, count + 1):
            cid, _, since, _ = rng.choice(self.customers)
            day = max(since, START.toordinal()) + rng.randint(0, 200)
            day = min(day, AS_OF.toordinal() - 10)
            hour, minute = rng.randint(8, 17), rng.choice((0, 15, 30, 45))
            response_hour = hour + rng.randint(1, 5)
            k = rng.randrange(len(COMPLAINT_TEXT))
            resolved = day + rng.randint(1, 5)
            owner = rng.choice(self.supervisors)
            lines = ["kind: complaint", f"id: CP-{i:05d}", f"owner: {owner}", f"customer: {cid}",
                     f"received: {self.d(day)}T{hour:02d}:{minute:02d}",
                     f"channel: {rng.choice(COMPLAINT_CHANNELS)}",
                     f"description: {COMPLAINT_TEXT[k].format(n=rng.randint(2, 9))}，客户要求尽快给出处理方案。",
                     f"first_response: {self.d(day)}T{min(response_hour, 23):02d}:{minute:02d}",
                     f"cause: {COMPLAINT_CAUSE[k]}，经内部复盘确认属实",
                     f"measures: {COMPLAINT_MEASURE[k]}，已向客户书面说明处理结果，并在部门周会上通报",
                     f"resolved: {self.d(resolved)}", f"customer_informed: {self.d(resolved + rng.randint(0, 1))}",
                     f"handled_by: {rng.choice(self.sales)}"]
            self.add("complaint", f"complaints/CP-{i:05d}.yaml", lines)

    # ------------------------------------------------------------------ chapter 4
    def gen_opportunities(self, count: int) -> None:
        rng = self.rng
        self.opportunities: dict[str, list[str]] = {}
        for i in range(1, count + 1):
            cid, _, since, owner = rng.choice(self.customers)
            oid = f"OP-{i:05d}"
            self.opportunities.setdefault(cid, []).append(oid)
            day = max(since, START.toordinal()) + rng.randint(0, 300)
            day = min(day, AS_OF.toordinal() - 5)
            stage = rng.choice(("lead", "qualified", "qualified", "proposal", "won", "lost"))
            lines = ["kind: opportunity", f"id: {oid}", f"owner: {owner}", f"customer: {cid}",
                     f"title: {rng.choice(OPP_TITLES)}", f"discovered: {self.d(day)}",
                     f"entered: {self.d(day + rng.randint(0, 2))}",
                     f"estimated_value: {self.money(rng.randint(5, 200) * 10000)}", f"stage: {stage}",
                     f"evaluation: {rng.choice(OPP_EVAL)}。{''.join(rng.sample(VISIT_MORE, 2))}",
                     f"strategy: {rng.choice(OPP_STRATEGY)}", "action_plan:",
                     *(f"  - {a}" for a in rng.sample(OPP_ACTIONS, 3))]
            self.add("opportunity", f"opportunities/{oid}.yaml", lines)

    def gen_quotes_contracts(self, quotes: int, contracts: int) -> None:
        rng = self.rng
        as_of = AS_OF.toordinal()
        accepted = set(rng.sample(range(1, quotes + 1), min(contracts, quotes)))
        signed_quotes: list[tuple[str, str, str, float, int]] = []
        for i in range(1, quotes + 1):
            cid, _, since, owner = rng.choice(self.customers)
            qid = f"QT-{i:05d}"
            lines_out, subtotal = [], 0.0
            for product in rng.sample(PRODUCTS, rng.randint(2, 4)):
                qty, price = rng.randint(1, 30), rng.randint(8, 250) * 100
                subtotal += qty * price
                lines_out += [f"  - product: {product}", f"    quantity: {self.num(str(qty))}",
                              f"    unit_price: {self.money(price)}"]
            discount = rng.choice((0, 0, 3, 5, 5, 8, 10, 15, 20))
            total = round(subtotal * (100 - discount) / 100, 2)
            sent = min(max(since, START.toordinal()) + rng.randint(10, 400), as_of - 40)
            status = "accepted" if i in accepted else rng.choice(("sent", "sent", "rejected", "expired", "draft"))
            lines = ["kind: quote", f"id: {qid}", f"owner: {owner}", f"customer: {cid}"]
            if self.opportunities.get(cid):
                lines.append(f"opportunity: {rng.choice(self.opportunities[cid])}")
            lines += ["lines:", *lines_out, f"discount_percent: {self.num(str(discount))}",
                      f"total: {self.money(total)}"]
            if status != "draft":
                lines.append(f"sent: {self.d(sent)}")
            lines.append(f"status: {status}")
            if status != "draft":
                lines += ["approvals:", *self.approval("marketing-manager", sent - rng.randint(0, 3), owner,
                                                       "价格和条款符合政策，同意报出。")]
                if total > 500000 or discount >= 20:
                    lines += self.approval("management", sent - rng.randint(0, 2), owner, "同意。")
            self.add("quote", f"quotes/{qid}.yaml", lines)
            if status == "accepted":
                signed_quotes.append((qid, cid, owner, total, sent))
        for i, (qid, cid, owner, total, sent) in enumerate(signed_quotes, 1):
            kid = f"CT-{i:05d}"
            drafted = sent + rng.randint(3, 10)
            signed = drafted + rng.randint(2, 8)
            ends = signed + rng.randint(120, 300)
            lines = ["kind: contract", f"id: {kid}", f"owner: {owner}", f"customer: {cid}", f"quote: {qid}",
                     f"amount: {self.money(total)}", f"drafted: {self.d(drafted)}", f"signed: {self.d(signed)}",
                     f"ends: {self.d(ends)}"]
            day = signed + rng.randint(10, 25)
            if day < min(ends, as_of):
                lines.append("follow_ups:")
            while day < min(ends, as_of):
                lines += [f"  - date: {self.d(day)}", f"    by: {owner}",
                          f"    note: {rng.choice(('首批货物已验收', '安装调试完成', '客户按期付款', '第二批发货中', '客户提出补充培训需求'))}"]
                day += rng.randint(18, 28)
            lines += ["approvals:", *self.approval("legal", signed - rng.randint(0, 2), owner, "条款审核无误。")]
            self.add("contract", f"contracts/{kid}.yaml", lines)
        self.counts_planned["contract"] = len(signed_quotes)

    def gen_sales_reports(self) -> None:
        rng = self.rng
        for year, month in [(y, m) for y in (2025, 2026) for m in range(1, 13)][:22]:
            end = (date(year + month // 12, month % 12 + 1, 1).toordinal()) - 1
            sid = f"SR-{year}-{month:02d}"
            revenue = rng.randint(600, 1200) * 10000
            owner = rng.choice(self.managers)
            lines = ["kind: sales-report", f"id: {sid}", f"owner: {owner}", f'period: "{year}-{month:02d}"',
                     f"submitted: {self.d(end + rng.randint(3, 9))}", f"revenue: {self.money(revenue)}",
                     f"volume: {self.num(str(rng.randint(200, 600)))}",
                     f"profit: {self.money(revenue * rng.randint(18, 26) / 100)}",
                     f"analysis: 华南区销售额低于目标 {rng.randint(3, 15)}%，主要因为渠道商库存偏高；"
                     f"华东区新品销售占比提升。{rng.choice(RESEARCH_FINDINGS)}。",
                     "measures:", *(f"  - {x}" for x in rng.sample(RESEARCH_CONCLUSIONS, 3))]
            self.add("sales-report", f"sales-reports/{sid}.yaml", lines)

    # ------------------------------------------------------------------ chapter 5
    def gen_promotion(self, plans: int, activities: int, research: int) -> None:
        rng = self.rng
        as_of = AS_OF.toordinal()
        quarters = [(y, q) for y in (2025, 2026) for q in (1, 2, 3, 4)]
        per_plan: list[list[tuple[int, int, float]]] = [[] for _ in range(plans)]
        plan_info = []
        for i in range(plans):
            year, q = quarters[i % len(quarters)]
            first = date(year, 3 * q - 2, 1).toordinal() + rng.randint(10, 40)
            plan_info.append((f"PP-{i + 1:04d}", year, q, first))
        for _ in range(activities):
            i = rng.randrange(plans)
            start = plan_info[i][3] + rng.randint(0, 50)
            per_plan[i].append((start, start + rng.randint(0, 3), rng.randint(5, 120) * 1000))
        for i, (pid, year, q, first) in enumerate(plan_info):
            spent = sum(c for _, _, c in per_plan[i])
            budget = (int(spent * 1.3) // 10000 + 5) * 10000
            owner = rng.choice(self.stable["market-specialist"])
            lines = ["kind: promotion-plan", f"id: {pid}", f"owner: {owner}", f'period: "{year}-Q{q}"',
                     f"annual_plan: AP-{year}", "goals:", f"  - 新品线索 {rng.randint(50, 300)} 条",
                     f"  - 品牌曝光 {rng.randint(10, 90)} 万人次", "channels:",
                     *(f"  - {c}" for c in rng.sample(["行业展会", "微信公众号", "行业杂志", "线上直播", "经销商大会"], 3)),
                     "activities:", *(f"  - {a}" for a in rng.sample(
                         ["华东工业展参展", "新品线上发布会", "重点客户技术沙龙", "行业白皮书发布", "渠道伙伴大会"], 3)),
                     f"budget: {self.money(budget)}", f"prepared: {self.d(first - rng.randint(25, 40))}",
                     "approvals:",
                     *self.approval("marketing-manager", first - rng.randint(5, 20), owner, "同意按计划执行。")]
            self.add("promotion-plan", f"promotion/plans/{pid}.yaml", lines)
        k = 0
        for i, acts in enumerate(per_plan):
            for start, end, cost in acts:
                k += 1
                aid = f"PACT-{k:05d}"
                kind = rng.choice(("advertising", "sales-promotion", "public-relations", "event", "online"))
                lines = ["kind: promotion-activity", f"id: {aid}", f"owner: {rng.choice(self.stable['market-specialist'])}",
                         f"plan: {plan_info[i][0]}", f"name: {rng.choice(['华东工业展参展', '新品线上发布会', '重点客户技术沙龙', '行业白皮书发布', '渠道伙伴大会'])}",
                         f"type: {kind}", f"start: {self.d(start)}", f"end: {self.d(end)}",
                         f"cost: {self.money(cost)}"]
                if end + 14 < as_of:
                    lines += [f"evaluation: 获取有效线索 {rng.randint(10, 90)} 条，{rng.choice(['超出目标', '达到目标', '略低于目标'])}；"
                              f"{rng.choice(RESEARCH_CONCLUSIONS)}。",
                              f"evaluated: {self.d(end + rng.randint(2, 12))}"]
                self.add("promotion-activity", f"promotion/activities/{aid}.yaml", lines)
        q_starts = [date(y, 3 * q - 2, 1).toordinal() for y, q in quarters if date(y, 3 * q - 2, 1) < AS_OF]
        for i in range(1, research + 1):
            day = q_starts[(i - 1) % len(q_starts)] + rng.randint(5, 80)
            day = min(day, as_of - 1)
            lines = ["kind: market-research", f"id: MR-{i:04d}", f"owner: {rng.choice(self.stable['market-specialist'])}",
                     f"date: {self.d(day)}", f"topic: {rng.choice(RESEARCH_TOPICS)}",
                     f"findings: {'；'.join(rng.sample(RESEARCH_FINDINGS, 3))}。",
                     f"conclusions: {'；'.join(rng.sample(RESEARCH_CONCLUSIONS, 2))}。"]
            self.add("market-research", f"promotion/research/MR-{i:04d}.yaml", lines)

    # ------------------------------------------------------------------ chapter 6
    def gen_meetings(self, count: int) -> None:
        rng = self.rng
        as_of = AS_OF.toordinal()
        start = date(2025, 1, 6).toordinal()  # a Monday
        dates: list[tuple[str, int]] = []
        day = start
        while day < as_of:
            dates.append(("weekly", day + rng.randint(0, 2)))
            day += 7
        for y, m in [(y, m) for y in (2025, 2026) for m in range(1, 13)]:
            first = date(y, m, 1).toordinal()
            if first < as_of:
                dates.append(("monthly", min(first + rng.randint(2, 20), as_of - 1)))
                if m % 3 == 2:
                    dates.append(("cross-department", min(first + rng.randint(5, 25), as_of - 1)))
        dates = dates[:count]
        while len(dates) < count:
            kind = rng.choice(("weekly", "weekly", "weekly", "monthly", "cross-department"))
            dates.append((kind, start + rng.randint(0, as_of - start - 1)))
        dates.sort(key=lambda x: x[1])
        for i, (kind, day) in enumerate(dates, 1):
            mid = f"MT-{i:06d}"
            owner = rng.choice(self.supervisors)
            attendees = [owner, *rng.sample(self.team, rng.randint(3, 6))]
            attendees = list(dict.fromkeys(attendees))
            minutes = "".join(t.format(n=rng.randint(3, 40), m=rng.randint(1, 9), p=rng.randint(5, 95))
                              for t in rng.sample(MEETING_TOPICS, 3)) + rng.choice(MEETING_PROBLEMS)
            lines = ["kind: meeting", f"id: {mid}", f"owner: {owner}", f"type: {kind}", f"date: {self.d(day)}",
                     "attendees:", *(f"  - {a}" for a in attendees)]
            if kind == "cross-department":
                lines += ["departments:", *(f"  - {x}" for x in rng.sample(OTHER_DEPARTMENTS, 2))]
            lines.append("actions:")
            for _ in range(rng.randint(1, 2)):
                lines += [f"  - action: {rng.choice(ACTIONS)}", f"    by: {rng.choice(attendees)}",
                          f"    due: {self.d(day + rng.randint(3, 14))}"]
            year = self.d(day)[:4]
            if i % 2:  # Markdown record: fields in front matter, minutes as the body
                text = ["---", *lines, "---", "", f"## {self.d(day)} 会议纪要", "", minutes]
                self.add("meeting", f"meetings/{year}/{mid}.md", text)
            else:
                self.add("meeting", f"meetings/{year}/{mid}.yaml", [*lines, f"minutes: {minutes}"])

    # ------------------------------------------------------------------ chapter 7
    def gen_training(self, sessions: int) -> None:
        rng = self.rng
        as_of = AS_OF.toordinal()
        self.courses: dict[int, list[tuple[str, int, str]]] = {}
        for year in (2025, 2026):
            prepared = date(year - 1, 12, 15).toordinal()
            owner = rng.choice(self.managers)
            lines = ["kind: training-plan", f"id: TP-{year}", f"owner: {owner}", f'year: "{year}"',
                     f"prepared: {self.d(prepared)}", "courses:"]
            self.courses[year] = []
            for k, title in enumerate(COURSES[:6]):
                day = date(year, 2 + k * 2 - (k // 3), 10 + k).toordinal()
                method = rng.choice(("internal", "external", "online"))
                self.courses[year].append((title, day, method))
                lines += [f"  - title: {title}", f"    date: {self.d(day)}",
                          f"    hours: {self.num(str(rng.choice((3, 6, 12))))}", f"    method: {method}",
                          "    roles:", *(f"      - {r}" for r in TEAM_ROLES[k % 2::2] if r)]
            lines += ["approvals:", *self.approval("management", prepared + 3, owner, "同意。")]
            self.add("training-plan", f"training/plans/TP-{year}.yaml", lines)
        for i in range(1, sessions + 1):
            year = 2025 if i % 2 else 2026
            title, day, method = rng.choice(self.courses[year])
            day += rng.randint(-20, 60)
            if day >= as_of - 2:
                day = as_of - rng.randint(3, 60)
            lines = ["kind: training-session", f"id: TS-{i:05d}", f"owner: {rng.choice(self.supervisors)}",
                     f"plan: TP-{year}", f"course: {title}", f"date: {self.d(day)}", f"method: {method}",
                     f"trainer: {rng.choice(TRAINERS)}", "attendees:",
                     *(f"  - {a}" for a in rng.sample(self.team, min(len(self.team), rng.randint(4, 9)))),
                     f"evaluation: 课后测验平均 {rng.randint(70, 95)} 分，{rng.choice(['案例讨论积极', '实操环节效果较好', '部分学员需要补课'])}；"
                     f"{rng.choice(MEETING_PROBLEMS)}",
                     f"feedback: {rng.choice(['希望增加案例演练', '课程节奏合适', '建议增加分组练习', '希望提供课后资料'])}",
                     f"evaluated: {self.d(min(day + rng.randint(2, 10), as_of - 1))}"]
            self.add("training-session", f"training/sessions/TS-{i:05d}.yaml", lines)
        for pid in self.team:
            role = self.role_of[pid]
            path = {"salesperson": ["销售人员", "高级销售", "营销主管"],
                    "marketing-supervisor": ["营销主管", "营销经理"],
                    "marketing-manager": ["营销经理", "营销总监"],
                    "market-specialist": ["市场推广专员", "市场推广主管", "市场经理"]}[role]
            lines = ["kind: career-plan", f"id: CAR-{pid}", f"owner: {self.managers[0] if pid != self.managers[0] else self.managers[1]}",
                     f"person: {pid}", "path:", *(f"  - {p}" for p in path),
                     "promotion_criteria:", "  - 连续四个季度考核 B 以上", f"  - 完成{rng.choice(COURSES)}等课程",
                     f"reviewed: {self.d(date(2026, 1, 10).toordinal() + rng.randint(0, 200))}"]
            self.add("career-plan", f"training/careers/CAR-{pid}.yaml", lines)

    # ------------------------------------------------------------------ chapter 8
    def gen_performance(self, appraisals: int, incentives: int) -> None:
        rng = self.rng
        as_of = AS_OF.toordinal()
        for year in (2025, 2026):
            for role in TEAM_ROLES:
                lines = ["kind: kpi-set", f"id: KPI-{role}-{year}", f"owner: {self.managers[0]}", f"role: {role}",
                         f'year: "{year}"', "indicators:"]
                for name, kind, target, unit, weight in (
                        ("季度销售额", "performance", "300", "万元", "40"),
                        ("重点客户拜访完成率", "performance", "95", "百分比", "20"),
                        ("记录提交及时率", "attitude", "98", "百分比", "20"),
                        ("协作满意度", "teamwork", "4.5", "分（5 分制）", "20")):
                    lines += [f"  - name: {name}", f"    type: {kind}", f"    target: {self.num(target)}",
                              f"    unit: {unit}", f"    weight: {self.num(weight)}"]
                lines += ["approvals:", *self.approval("management", date(year - 1, 12, 20).toordinal(),
                                                       self.managers[0])]
                self.add("kpi-set", f"performance/kpi/KPI-{role}-{year}.yaml", lines)
        members = list(self.team)
        periods = [f"2026-Q{q}" for q in (1, 2, 3)]
        slots = [(p, per) for per in periods for p in members]
        others = [f"{y}-Q{q}" for y, q in ((2025, 1), (2025, 2), (2025, 3), (2025, 4))] + \
                 [f"2026-{m:02d}" for m in range(1, 11)]
        while len(slots) < appraisals:
            slots.append((rng.choice(members), rng.choice(others)))
        slots = slots[:appraisals]
        made: list[tuple[str, str, int, str]] = []
        for i, (pid, period) in enumerate(slots, 1):
            year = int(period[:4])
            if "Q" in period:
                q = int(period[-1])
                end = date(year + (q == 4), (3 * q) % 12 + 1, 1).toordinal() - 1
            else:
                m = int(period[5:])
                end = date(year + (m == 12), m % 12 + 1, 1).toordinal() - 1
            appraised = min(end + rng.randint(3, 12), as_of - 8)
            score = rng.randint(55, 98)
            grade = "A" if score >= 90 else "B" if score >= 75 else "C" if score >= 60 else "D"
            manager = self.role_of[pid] == "marketing-manager"
            owner = self.approver("marketing-manager" if manager else "marketing-supervisor", pid)
            aid = f"AR-{i:06d}"
            lines = ["kind: appraisal", f"id: {aid}", f"owner: {owner}", f"person: {pid}", f'period: "{period}"',
                     f"kpi_set: KPI-{self.role_of[pid]}-{year}", f"appraised: {self.d(appraised)}",
                     f"score: {self.num(str(score))}", f"grade: {grade}",
                     f"feedback_date: {self.d(appraised + rng.randint(1, 5))}",
                     f"comments: {rng.choice(['客户拓展积极', '报价及时性需提高', '团队协作表现突出', '记录填写规范', '需加强产品知识'])}，"
                     f"{rng.choice(['下季度重点提升拜访质量', '继续保持', '建议参加大客户管理培训', '需改进跟进节奏'])}。"
                     f"{rng.choice(MEETING_PROBLEMS)}已在面谈中说明，本人认可考核结果。",
                     "approvals:", *self.approval("management" if manager else "marketing-manager",  # above them
                                                  appraised - rng.randint(0, 2), (owner, pid), "考核结果已复核。")]
            self.add("appraisal", f"performance/appraisals/{year}/{aid}.yaml", lines)
            made.append((aid, pid, appraised, grade))
        for i in range(1, incentives + 1):
            aid, pid, appraised, grade = made[rng.randrange(len(made))]
            owner = self.approver("marketing-manager", pid)
            decided = appraised + rng.randint(3, 10)
            if grade in "AB":
                kind, measure = "reward", rng.choice(("bonus", "certificate", "bonus", "promotion"))
            else:
                kind, measure = "penalty", rng.choice(("warning", "demotion", "transfer"))
            lines = ["kind: incentive", f"id: IN-{i:05d}", f"owner: {owner}", f"person: {pid}", f"type: {kind}",
                     f"measure: {measure}", f"appraisal: {aid}", f"decided: {self.d(decided)}"]
            if measure in ("demotion", "transfer"):
                lines += ["coaching:"]
                for back in (40, 20):
                    lines += [f"  - date: {self.d(decided - back)}", f"    by: {owner}",
                              "    note: 制定月度拜访计划并每周复盘，明确改进目标"]
            lines += ["approvals:", *self.approval("management", decided - rng.randint(0, 2), owner, "同意。")]
            self.add("incentive", f"performance/incentives/IN-{i:05d}.yaml", lines)

    # ------------------------------------------------------------------ chapter 9
    def gen_expenses(self, claims: int, adjustments: int) -> None:
        rng = self.rng
        as_of = AS_OF.toordinal()
        spent: dict[tuple[int, str], float] = {}
        categories = ["travel"] * 4 + ["entertainment"] * 2 + ["sales", "promotion", "training", "office"]
        for i in range(1, claims + 1):
            owner = rng.choice(self.team)
            category = rng.choice(categories)
            incurred = START.toordinal() + rng.randint(0, as_of - START.toordinal() - 3)
            receipts = []
            for _ in range(rng.randint(1, 3)):
                r = rng.random()
                amount = rng.randint(50, 2000) if r < .85 else (rng.randint(2000, 15000) if r < .99
                                                                  else rng.randint(15000, 40000))
                receipts.append(amount + rng.choice((0, .5, .8)))
            total = round(sum(receipts), 2)
            year = int(self.d(incurred)[:4])
            spent[(year, category)] = spent.get((year, category), 0) + total
            submitted = min(incurred + rng.randint(1, 10), as_of - 1)
            paid = submitted + rng.randint(3, 10)
            eid = f"EX-{i:06d}"
            lines = ["kind: expense-claim", f"id: {eid}", f"owner: {owner}", f"category: {category}",
                     f"description: {rng.choice(EXPENSE_TEXT[category]).format(city=rng.choice(CITIES)[2:])}，"
                     f"共 {rng.randint(1, 4)} 人，{rng.choice(['事前已报营销主管同意', '按公司差旅标准执行', '附行程单和会议通知', '费用已与预算核对'])}",
                     f"incurred: {self.d(incurred)}", f"amount: {self.money(total)}", "receipts:"]
            for receipt in receipts:
                lines += [f"  - number: {self.num(f'0{rng.randint(1000000, 9999999)}')}",
                          f"    date: {self.d(incurred)}", f"    issuer: {rng.choice(ISSUERS)}",
                          f"    amount: {self.money(receipt)}"]
            lines.append(f"submitted: {self.d(submitted)}")
            role = ("marketing-supervisor" if total <= 5000 else "marketing-manager" if total <= 50000
                    else "management")
            if paid < as_of:
                lines.append(f"paid: {self.d(paid)}")
            lines += ["approvals:", *self.approval(role, submitted + rng.randint(0, 2), owner, "情况属实，同意报销。")]
            self.add("expense-claim", f"expenses/{year}/{eid}.yaml", lines)
        for year in (2025, 2026):
            prepared = date(year - 1, 12, 12).toordinal()
            owner = rng.choice(self.managers)
            lines = ["kind: budget", f"id: BG-{year}", f"owner: {owner}", f'year: "{year}"',
                     f"prepared: {self.d(prepared)}", "lines:"]
            for category in ("promotion", "sales", "travel", "entertainment", "training", "office"):
                limit = (int(spent.get((year, category), 0) * 1.3) // 10000 + 5) * 10000
                lines += [f"  - category: {category}", f"    amount: {self.money(limit)}"]
            lines += ["approvals:", *self.approval("management", prepared + 6, owner, "同意。")]
            self.add("budget", f"budgets/BG-{year}.yaml", lines)
        for i in range(1, adjustments + 1):
            effective = date(2026, 3, 1).toordinal() + rng.randint(0, 200)
            owner = rng.choice(self.managers)
            lines = ["kind: budget-adjustment", f"id: BA-{i:04d}", f"owner: {owner}", "budget: BG-2026",
                     f"category: {rng.choice(('travel', 'promotion', 'training'))}",
                     f"amount: {self.money(rng.randint(1, 10) * 10000)}",
                     f"reason: 新增{rng.choice(CITIES)[:2]}市场开拓，需要追加出差和推广费用",
                     f"effective: {self.d(effective)}", "approvals:",
                     *self.approval("management", effective - rng.randint(1, 10), owner, "同意追加。")]
            self.add("budget-adjustment", f"budgets/adjustments/BA-{i:04d}.yaml", lines)

    def gen_waivers(self, count: int) -> None:
        rng = self.rng
        key = [c for c in self.customers if c[1] == "key"] or self.customers
        for i in range(1, count + 1):
            cid = key[(i - 1) % len(key)][0]
            owner = rng.choice(self.managers)
            lines = ["kind: waiver", f"id: W-{i:04d}", f"owner: {owner}", "rule: key-customers-visited",
                     f"record: {cid}", "reason: 客户停产整顿三个月，暂停拜访，恢复生产后立即安排回访",
                     "expires: 2026-12-31", "approvals:",
                     *self.approval("management", date(2026, 6, 1).toordinal() + i, owner, "同意暂停拜访。")]
            self.add("waiver", f"waivers/W-{i:04d}.yaml", lines)


def add_faults(files: list[tuple[str, str]], count: int, seed: int) -> int:
    """A bad day: ``count`` visits (spread evenly over all of them) name a customer or an
    owner that does not exist, each a finding of its own; return how many were changed."""
    visits = [i for i, (path, _) in enumerate(files) if path.startswith("visits/")]
    rng = random.Random(seed)
    chosen = sorted(rng.sample(visits, min(count, len(visits))))
    for n, index in enumerate(chosen):
        path, text = files[index]
        field = "customer: C-" if n % 2 else "owner: p-"
        at = text.index(field) + len(field)
        files[index] = (path, f"{text[:at]}9{text[at:]}")  # C-00405 -> C-900405: no such record
    return len(chosen)


def write_repository(root: Path, n: int, seed: int = 20261120, quote_numbers: bool = False,
                     findings: int = 0) -> dict[str, int]:
    """Create ``root`` (must not exist or be empty) with pyproject.toml and N records; with
    ``findings``, that many of the visits name a record that does not exist."""
    root.mkdir(parents=True, exist_ok=True)
    if any(root.iterdir()):
        raise SystemExit(f"{root} is not empty")
    gen = Generator(n, seed, quote_numbers)
    files = gen.generate()
    if findings:
        gen.counts["faults"] = add_faults(files, findings, seed)
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    records = root / "records"
    made: set[Path] = set()
    for rel, text in files:
        path = records / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
    return dict(sorted(gen.counts.items(), key=lambda kv: -kv[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=20261120)
    parser.add_argument("--quote-numbers", action="store_true")
    parser.add_argument("--findings", type=int, default=0,
                        help="a bad day: this many visits name a customer or owner that does not exist")
    parser.add_argument("--force", action="store_true", help="delete OUT first")
    args = parser.parse_args()
    if args.force and args.out.exists():
        shutil.rmtree(args.out)
    counts = write_repository(args.out, args.records, args.seed, args.quote_numbers, args.findings)
    for kind, count in counts.items():
        print(f"{kind:20} {count}")


if __name__ == "__main__":
    main()
