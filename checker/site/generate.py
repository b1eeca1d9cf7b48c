"""Write the generated parts of the handbook: status pages, reference pages, rule boxes
for every clause, charts and the training calendar. Run before ``mkdocs build``."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

import jinja2

from checker.builtin import BUILTIN_CHECKS
from checker.escaping import site_anchor, site_code, site_path, site_text
from checker.findings import Finding, Lang, Message
from checker.records import MODELS, Record, kind_of
from checker.records.customers import CLASS_NAMES
from checker.records.expenses import CATEGORY_NAMES
from checker.records.fields import after_approval
from checker.records.general import Duty, Person, Role, TeamDuty
from checker.records.introspect import private_paths
from checker.records.sales import QUOTE_STATUS_NAMES, STAGE_NAMES
from checker.records.scaffold import example
from checker.records.training import METHOD_NAMES
from checker.rules.engine import Report
from checker.rules.types import RULE_TYPES
from checker.rules.versions import rule_changes
from checker.rules.words import Names
from checker.site import people as people_pages
from checker.site import status, svg
from checker.site.calendar import training_calendar
from checker.site.links import chapter_pages, clause_link, findings_link
from checker.site.rulebox import ParamView, param_views

LANGS: tuple[Lang, ...] = ("zh", "en")
# Rows a list shows on a page before it says how many more there are: on a bad day a page
# listing every finding would run to megabytes (and minutes of mkdocs build). Everything is
# in REPORT_FILE, and in ``handbook check`` / ``handbook todo``.
LIST_LIMIT = 20
RECORD_LIMIT = 100  # rows of a list of records (quotes, contracts, complaints): the sample shows them all
REPORT_FILE = "status/report.json"
STATUS_PAGES = ("index", "findings", "deadlines", "budgets", "pipeline", "customers", "training", "team")
_INCLUDE = re.compile(r'--8<-- "(clause-[0-9.]+)\.md"')



@dataclass
class RuleView:
    id: str
    clause: str
    type: str
    severity: str
    title: str
    params: list[ParamView]  # in words, grouped by source: the policy's words or a team setting
    checked: int
    passed: int
    findings: int
    waived: int
    clause_link: str
    findings_link: str
    drafted: bool = False  # the clause is a drafted completion, not the policy's words
    pending: bool = False  # drafted and not yet adopted by management: its findings are warnings


def _commit(root: Path) -> str:
    try:
        result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                                text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return result.stdout.strip() or "unknown"


class Site:
    def __init__(self, report: Report, root: Path) -> None:
        self.report = report
        self.root = root
        self.docs = root / "docs"
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("checker.site", "templates"), trim_blocks=True, lstrip_blocks=True,
            keep_trailing_newline=True, autoescape=False, undefined=jinja2.StrictUndefined)
        self.env.filters.update(text=site_text, code=site_code, path=site_path, anchor=site_anchor,
                                money=status.money, pct=lambda v: f"{float(v):.0%}")
        people = {e.record.id: e.record for e in report.entries if isinstance(e.record, Person)}
        roles = {e.record.id: e.record for e in report.entries if isinstance(e.record, Role)}
        self.people: dict[str, Person] = people
        self.roles: dict[str, Role] = roles
        self.names = Names(roles)
        people_pages.install(self)  # templates link owners to their pages
        self.env.globals.update(limit=LIST_LIMIT, record_limit=RECORD_LIMIT)

    # ------------------------------------------------------------------ helpers
    def _render(self, name: str, lang: Lang, folder: str, **context: Any) -> str:
        def t(zh: str, en: str) -> str:
            return zh if lang == "zh" else en

        def pick(table: dict[str, tuple[str, str]]) -> Callable[[str], str]:
            return lambda key: table.get(key, (key, key))[0 if lang == "zh" else 1]

        def role_name(role: str) -> str:
            found = self.roles.get(role)
            return (found.name_zh if lang == "zh" else found.name_en) if found else role

        def person(person_id: str) -> str:
            found = self.people.get(person_id)
            return f"{found.name} ({person_id})" if found else person_id

        self.env.filters["role_name"] = role_name
        base = dict(lang=lang, t=t, as_of=self.report.as_of, category=pick(CATEGORY_NAMES),
                    class_name=pick(CLASS_NAMES), stage_name=pick(STAGE_NAMES), method_name=pick(METHOD_NAMES),
                    status_name=pick(QUOTE_STATUS_NAMES),
                    role_name=role_name, person=person,
                    clause_link=lambda c: clause_link(self.docs, c, folder),
                    chapter_link=lambda ch: clause_link(self.docs, ch, folder).split("#")[0])
        return self.env.get_template(name).render(**base, **context)

    def _write(self, path: Path, content: str | bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    def _page(self, relative: str, template_name: str,
              per_lang: Callable[[Lang], dict[str, Any]] | None = None, **context: Any) -> None:
        """Write ``relative``.md (Chinese) and ``relative``.en.md from one template."""
        folder = relative.rsplit("/", 1)[0] if "/" in relative else ""
        for lang in LANGS:
            suffix = ".md" if lang == "zh" else ".en.md"
            extra = per_lang(lang) if per_lang else {}
            self._write(self.docs / f"{relative}{suffix}",
                        self._render(template_name, lang, folder, **context, **extra))

    def rule_views(self, lang: Lang, folder: str) -> list[RuleView]:
        views = []
        for rule in self.report.ruleset.rules:
            result = self.report.results.get(rule.id)
            views.append(RuleView(
                id=rule.id, clause=rule.clause, type=rule.type, severity=rule.severity_in_force(),
                title=rule.describe(lang), checked=result.checked if result else 0,
                params=param_views(rule, lang, self.names, lambda c: clause_link(self.docs, c, folder)),
                passed=result.passed if result else 0, findings=result.findings if result else 0,
                waived=result.waived if result else 0, clause_link=clause_link(self.docs, rule.clause, folder),
                findings_link=findings_link(rule.id, folder), drafted=rule.drafted,
                pending=rule.pending))
        return views

    # ------------------------------------------------------------------ parts
    def snippets(self, out: Path) -> int:
        """A rule box file for every clause the policy pages include (empty without rules)."""
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        clauses: set[str] = set()
        for page in (self.docs / "policy").glob("*.md"):
            clauses.update(m.group(1) for m in _INCLUDE.finditer(page.read_text(encoding="utf-8")))
        for lang in LANGS:
            views = self.rule_views(lang, "policy")
            for name in clauses:
                clause = name.removeprefix("clause-")
                rules = [v for v in views if v.clause == clause]
                body = self._render("clause.md.j2", lang, "policy", rules=rules) if rules else ""
                self._write(out / f"{name}{'.en' if lang == 'en' else ''}.md", body)
            after = [{"kind": kind_of(model), "title": model.title_zh if lang == "zh" else model.title_en,
                      "fields": [info.alias or name for name, info in model.model_fields.items()
                                 if after_approval(info) and name != "owner"]} for model in MODELS]
            self._write(out / f"after-approval{'.en' if lang == 'en' else ''}.md",
                        self._render("after_approval.md.j2", lang, "guide", kinds=[k for k in after if k["fields"]]))
        return len(clauses)

    def status_pages(self) -> None:
        from checker.reports import json_report

        self._write(self.docs / REPORT_FILE, json_report.render(self.report, "zh"))  # every finding and due item
        self._dashboard()
        people_pages.write(self)  # a page and calendars per person, the team's calendar
        self._page("status/findings", "status_findings.md.j2", findings=self.report.findings,
                   waived=self.report.waived,
                   per_lang=lambda lang: {"groups": finding_groups(self.report, self.docs, lang)})
        self._page("status/deadlines", "status_deadlines.md.j2", overdue=status.overdue(self.report),
                   upcoming=status.upcoming(self.report), horizon=self.report.as_of + timedelta(days=30))
        self._budgets()
        care = status.customer_care(self.report)
        self._pipeline(care["names"])
        self._customers(care)
        self._training()
        self._page("status/team", "status_team.md.j2", rhythm=status.team_rhythm(self.report),
                   per_lang=lambda lang: {"title": lambda rule: rule.describe(lang)})

    def _chart(self, name: str, lang: Lang, chart: str) -> None:
        self._write(self.docs / "status" / "charts" / f"{name}-{lang}.svg", chart)

    def _dashboard(self) -> None:
        report = self.report
        counts = status.counts(report)
        errors = [f for f in report.findings if f.severity == "error"]
        self._page("status/index", "status_index.md.j2", counts=counts, urgent=errors[:10],
                   soon=status.upcoming(report, days=7), commit=_commit(self.root), ruleset=report.ruleset,
                   files=report.files, records=report.records)
        labels = [row[0] for row in counts.by_chapter] or ["-"]
        for lang in LANGS:
            errors_label, warnings_label, title = (("错误", "警告", "按章节统计的问题") if lang == "zh"
                                                   else ("Errors", "Warnings", "Findings by chapter"))
            series = [(errors_label, [r[1] for r in counts.by_chapter] or [0]),
                      (warnings_label, [r[2] for r in counts.by_chapter] or [0])]
            self._chart("findings", lang, svg.bars(labels, series, title=title, colors=("#e53935", "#fb8c00")))

    def _budgets(self) -> None:
        rows, burn, months = status.budgets(self.report)
        self._page("status/budgets", "status_budgets.md.j2", rows=rows, burn=burn)
        current = {row.key: float(row.allowed.amount) for row in rows if row.key in burn}
        for lang in LANGS:
            budget_label, spent_label = ("预算", "累计支出") if lang == "zh" else ("Budget", "Spent to date")
            for category, values in burn.items():
                name = CATEGORY_NAMES.get(category, (category, category))[0 if lang == "zh" else 1]
                self._chart(f"burn-{category}", lang, svg.lines(
                    months, [(budget_label, [current.get(category, 0.0)] * len(months)),
                             (spent_label, [float(v) for v in values])],
                    title=name, width=420, height=220, colors=("#9e9e9e", "#3f51b5")))

    def _pipeline(self, names: dict[str, str]) -> None:
        p = status.pipeline(self.report)
        self._page("status/pipeline", "status_pipeline.md.j2", p=p, names=names)
        for lang in LANGS:
            self._chart("pipeline", lang, svg.bars(
                [STAGE_NAMES[s][0 if lang == "zh" else 1] for s, _, _ in p["stages"]],
                [("机会数" if lang == "zh" else "Opportunities", [c for _, c, _ in p["stages"]])],
                title="销售机会阶段" if lang == "zh" else "Opportunity stages"))

    def _customers(self, care: dict[str, Any]) -> None:
        self._page("status/customers", "status_customers.md.j2", care=care, per_lang=lambda lang: {
            "elapsed": lambda fact: status.elapsed(fact, lang),
            "columns": [(rule.describe(lang), rule.clause) for rule in care["columns"]]})

    def _training(self) -> None:
        tr = status.training(self.report)
        self._page("status/training", "status_training.md.j2", tr=tr)
        events = [(f"course-{i}", course.date, course.title, f"{course.hours} h · {course.method}")
                  for i, (course, _) in enumerate(tr["courses"])]
        events += [(f"session-{s.id}", s.date, s.course, s.trainer) for s in tr["sessions"]]
        self._write(self.docs / "status" / f"training-{tr['year']}.ics", training_calendar(events, tr["year"]))

    def reference_pages(self) -> None:
        report = self.report
        self._page("reference/rules", "reference_rules.md.j2", ruleset=report.ruleset,
                   ruleset_file=report.ruleset_file, builtin=list(BUILTIN_CHECKS.items()),
                   per_lang=lambda lang: {"rules": self.rule_views(lang, "reference")})
        self._page("reference/roles", "reference_roles.md.j2",
                   per_lang=lambda lang: {"roles": self._role_views(lang)})
        types = [{"name": name, "doc": sys.modules[type(rule_type).__module__].__doc__ or "",
                  "rules": [r.id for r in report.ruleset.rules if r.type == name]}
                 for name, rule_type in RULE_TYPES.items()]
        self._page("reference/rule-types", "reference_rule_types.md.j2", types=types)
        self._page("reference/policy-version", "reference_version.md.j2", ruleset=report.ruleset,
                   ruleset_file=report.ruleset_file, upcoming=report.upcoming,
                   changes=rule_changes(report.ruleset, report.upcoming) if report.upcoming else [])
        self._page("reference/records/index", "reference_kinds.md.j2",
                   per_lang=lambda lang: {"kinds": [self._kind_view(model, lang) for model in MODELS]})
        for model in MODELS:
            self._page(f"reference/records/{kind_of(model)}", "reference_kind.md.j2",
                       per_lang=partial(self._kind_context, model))

    def _role_views(self, lang: Lang) -> list[dict[str, Any]]:
        views = []
        for role in sorted(self.roles.values(), key=lambda r: (not r.team, r.id)):
            holders = sorted(p.name for p in self.people.values() if p.holds(role.id, self.report.as_of))
            views.append({"id": role.id, "team": role.team, "holders": holders,
                          "name": lambda lang, role=role: role.name_zh if lang == "zh" else role.name_en,
                          "responsibilities": [_duty(item, lang) for item in role.responsibilities],
                          "clauses": [(c, clause_link(self.docs, c, "reference")) for c in role.clauses]})
        return views

    def _kind_context(self, model: type[Record], lang: Lang) -> dict[str, Any]:
        return {"kind": self._kind_view(model, lang)}

    def _kind_view(self, model: type[Record], lang: Lang) -> dict[str, Any]:
        kind = kind_of(model)
        private = private_paths(model)
        fields = []
        for attribute, info in model.model_fields.items():
            name = info.alias or attribute
            fields.append({"name": name, "required": info.is_required(),
                           "description": model.field_description(attribute, lang), "private": (name,) in private,
                           "after": after_approval(info)})
        example_id = model.id_example
        rules = [{"id": r.id, "clause": r.clause, "title": r.describe,
                  "clause_link": clause_link(self.docs, r.clause, "reference/records")}
                 for r in self.report.ruleset.rules if kind in r.kinds]
        return {"kind": kind, "folder": model.folder, "chapter": model.chapter,
                "title": lambda lang: model.title_zh if lang == "zh" else model.title_en,
                "fields": fields, "template": example(model, lang), "example_id": example_id,
                "rules": rules}


def _duty(item: Duty | str | TeamDuty, lang: Lang) -> tuple[str, bool]:
    """A responsibility's text in ``lang`` and whether the team decided it."""
    if isinstance(item, Duty):
        return item.text(lang), item.team
    return (item.team, True) if isinstance(item, TeamDuty) else (item, False)


def finding_groups(report: Report, docs: Path, lang: Lang) -> list[dict[str, Any]]:
    """Findings grouped by chapter, then by rule, in catalogue order."""
    titles = {r.id: (r.describe(lang), r.clause) for r in report.ruleset.rules}
    by_rule: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    groups: dict[str, list[dict[str, Any]]] = {}
    order = [r.id for r in report.ruleset.rules] + sorted(k for k in by_rule if k not in titles)
    for rule_id in order:
        if rule_id not in by_rule:
            continue
        title, clause = titles.get(rule_id, (BUILTIN_CHECKS.get(rule_id, Message(rule_id, rule_id))(lang), ""))
        chapter = clause.split(".", 1)[0] if clause else ""
        heading = (f"{'第' if lang == 'zh' else 'Chapter '}{chapter}{'章' if lang == 'zh' else ''}" if chapter
                   else ("记录格式" if lang == "zh" else "Record format"))
        groups.setdefault(heading, []).append({
            "id": rule_id, "title": title, "clause": clause,
            "clause_link": clause_link(docs, clause, "status") if clause else "",
            "findings": by_rule[rule_id]})
    return [{"title": title, "rules": rules} for title, rules in groups.items()]


def generate(report: Report, root: Path) -> dict[str, int]:
    """Write every generated file; return counts for the command's summary."""
    site = Site(report, root)
    for folder in ("status", "reference"):
        target = site.docs / folder
        if target.exists():
            shutil.rmtree(target)
    clauses = site.snippets(root / ".generated" / "snippets")
    site.status_pages()
    site.reference_pages()
    pages = sum(1 for _ in (site.docs / "status").rglob("*.md")) + sum(
        1 for _ in (site.docs / "reference").rglob("*.md"))
    return {"pages": pages, "clauses": clauses, "chapters": len(chapter_pages(site.docs))}
