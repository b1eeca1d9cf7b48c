"""The machinery of tests/test_live_month.py: a team of nine with their own git identities
and SSH keys, a bare repository standing for GitHub, each person's own checkout of main,
a CI runner that makes GitHub's test merge and runs the workflow's own `run:` scripts with
bash, a chat robot on 127.0.0.1, and a clock.

The clock: the simulated day is in the environment (``LIVE_MONTH_DAY``) of every command
run; git takes its commit dates from ``GIT_AUTHOR_DATE``/``GIT_COMMITTER_DATE``, and the
``handbook`` on the PATH is a shim that runs the checker's command line under
``time_machine.travel(<that day> 09:00 Asia/Shanghai, tick=False)``. Nothing of the
checker is patched.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from checker.loading.yamltext import parse_text
from checker.records import KINDS
from checker.records.digest import digest
from tests.conftest import PROJECT, RULES_FILE, dump
from tests.live_shim import write_client
from tests.notify.conftest import Robot, serving_robot

HAS_SSH_KEYGEN = shutil.which("ssh-keygen") is not None
WORKFLOW = PROJECT / ".github" / "workflows" / "handbook.yml"
GITHUB = ("GitHub", "noreply@github.com")  # who GitHub's merges and test merges are committed as

# ------------------------------------------------------------------------------ the team

# person id -> (name, github name); roles below
PEOPLE: dict[str, tuple[str, str]] = {
    "p-zhao-min": ("赵敏", "zhao-min-qm"),  # management
    "p-wang-jun": ("王军", "wang-jun-qm"),  # marketing manager
    "p-li-qiang": ("李强", "li-qiang-qm"),  # marketing supervisor, last day 2026-12-20
    "p-chen-jing": ("陈静", "chen-jing-qm"),  # salesperson; the supervisor from 2026-12-21
    "p-zhang-wei": ("张伟", "zhang-wei-qm"),  # salesperson
    "p-sun-li": ("孙丽", "sun-li-qm"),  # salesperson
    "p-gao-yuan": ("高远", "gao-yuan-qm"),  # salesperson
    "p-liu-yang": ("刘洋", "liu-yang-qm"),  # legal
    "p-xu-fang": ("徐芳", "xu-fang-qm"),  # finance
}
ROLES_OF: dict[str, list[dict[str, str]]] = {
    "p-zhao-min": [{"role": "management", "start": "2020-01-01"}],
    "p-wang-jun": [{"role": "marketing-manager", "start": "2020-01-01"}],
    "p-li-qiang": [{"role": "marketing-supervisor", "start": "2021-01-01"}],
    "p-chen-jing": [{"role": "salesperson", "start": "2023-01-01"}],
    "p-zhang-wei": [{"role": "salesperson", "start": "2022-01-01"}],
    "p-sun-li": [{"role": "salesperson", "start": "2024-03-01"}],
    "p-gao-yuan": [{"role": "salesperson", "start": "2025-06-01"}],
    "p-liu-yang": [{"role": "legal", "start": "2020-01-01"}],
    "p-xu-fang": [{"role": "finance", "start": "2020-01-01"}],
}
DEPARTMENT = {"p-zhao-min": "总经理办公室", "p-liu-yang": "法务部", "p-xu-fang": "财务部"}


def email(person: str) -> str:
    return f"{person.removeprefix('p-')}@qiming.example.cn"


def role(role_id: str, zh: str, en: str, *, team: bool, reports_to: str | None = None,
         duties: Sequence[str] = ()) -> dict[str, Any]:
    return {"kind": "role", "id": role_id, "owner": "p-zhao-min", "name_zh": zh, "name_en": en, "team": team,
            **({"reports_to": reports_to} if reports_to else {}), "responsibilities": ["见制度"],
            **({"duties": list(duties)} if duties else {})}


ROLES = [
    role("management", "公司管理层", "Company management", team=False),
    role("marketing-manager", "营销经理", "Marketing manager", team=True, reports_to="management",
         duties=["budget-every-year", "training-plan-every-year", "kpi-set-per-role"]),
    role("marketing-supervisor", "营销主管", "Marketing supervisor", team=True, reports_to="marketing-manager",
         duties=["weekly-meeting"]),
    role("salesperson", "销售人员", "Salesperson", team=True, reports_to="marketing-supervisor"),
    role("legal", "法务部门", "Legal department", team=False, reports_to="management"),
    role("finance", "财务部门", "Finance department", team=False, reports_to="management"),
]


def person(person_id: str, public_key: str, *, roles: list[dict[str, str]] | None = None,
           until: str | None = None) -> dict[str, Any]:
    name, github = PEOPLE[person_id]
    git: dict[str, Any] = {"emails": [email(person_id)], "github": github, "signing_keys": [public_key]}
    if until:
        git["until"] = until
    return {"kind": "person", "id": person_id, "owner": "p-zhao-min", "name": name,
            "department": DEPARTMENT.get(person_id, "营销部"), "roles": roles or ROLES_OF[person_id], "git": git}


# The rules of the real rule set the team lives by this month (the sample's full set asks for
# plans, reports and appraisals a four-week test has no room for).
RULE_IDS = ("rule-set-approved", "links-resolve", "holiday-calendar-approved", "customer-strategy",
            "key-customers-visited", "visit-by-salesperson",
            "quote-approved-by-manager", "quote-large-approved-by-management", "quote-total-matches-lines",
            "contract-legal-review", "contract-on-approved-quote", "weekly-meeting", "budget-approved",
            "budget-every-year", "training-plan-every-year", "training-plan-content", "kpi-set-per-role",
            "claim-approved-by-tier")


def rule_set() -> dict[str, Any]:
    real = parse_text(RULES_FILE.read_text(encoding="utf-8"))  # YAML 1.2, as the checker reads it
    chosen = [r for r in real["rules"] if r["id"] in RULE_IDS]
    assert [r["id"] for r in chosen] == [i for i in (r["id"] for r in real["rules"]) if i in RULE_IDS]
    assert len(chosen) == len(RULE_IDS), "a rule this test relies on left the real rule set"
    return {"kind": "rule-set", "id": "rules", "owner": "p-wang-jun", "version": "2026.1", "effective": "2026-01-01",
            "approvals": [{"role": "management", "person": "p-zhao-min", "date": "2025-12-20",
                           "note": "经总经理办公会审议通过"}],
            "waivers_approved_by": ["management"], "rules": chosen}


def pinned(record: dict[str, Any]) -> dict[str, Any]:
    """``record`` with the digest of its content on each of its (typed-in, pre-baseline) approvals."""
    model = KINDS[record["kind"]].model_validate(record)
    return {**record, "approvals": [{**a, "digest": digest(model)} for a in record.get("approvals", [])]}


def customer(customer_id: str, owner: str, name: str, since: str) -> dict[str, Any]:
    return {"kind": "customer", "id": customer_id, "owner": owner, "name": name, "class": "key", "since": since,
            "strategy": "重点客户：每月至少拜访一次", "service_plan": "专属客户经理对接，4 小时内响应"}


def visit(visit_id: str, owner: str, customer_id: str, day: str) -> dict[str, Any]:
    return {"kind": "visit", "id": visit_id, "owner": owner, "customer": customer_id, "date": day,
            "method": "visit", "summary": "上门拜访，了解年度采购计划"}


def quote(quote_id: str, owner: str, customer_id: str, quantity: int, unit_price: int, *, sent: str | None = None,
          status: str = "draft") -> dict[str, Any]:
    return {"kind": "quote", "id": quote_id, "owner": owner, "customer": customer_id,
            "lines": [{"product": "QM-L500 激光位移传感器", "quantity": quantity, "unit_price": f"{unit_price}.00"}],
            "discount_percent": 0, "total": f"{quantity * unit_price}.00",
            **({"sent": sent} if sent else {}), "status": status}


def meeting(week: str, owner: str, day: str, attendees: Sequence[str]) -> dict[str, Any]:
    return {"kind": "meeting", "id": f"MT-{week}", "owner": owner, "type": "weekly", "date": day,
            "attendees": list(attendees), "minutes": "各人汇报本周拜访与报价进展，确认下周重点客户。"}


def kpi_set(role_id: str, year: int) -> dict[str, Any]:
    return {"kind": "kpi-set", "id": f"KPI-{role_id}-{year}", "owner": "p-wang-jun", "role": role_id, "year": year,
            "indicators": [
                {"name": "销售额", "type": "performance", "target": "100", "unit": "万元/季度", "weight": 60},
                {"name": "按时提交记录", "type": "attitude", "target": "100", "unit": "%", "weight": 20},
                {"name": "协助同事", "type": "teamwork", "target": "2", "unit": "次/月", "weight": 20}]}


def budget(year: int, owner: str, prepared: str, approvals: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"kind": "budget", "id": f"BG-{year}", "owner": owner, "year": year, "prepared": prepared,
            "lines": [{"category": "promotion", "amount": "600000.00"}, {"category": "travel", "amount": "72000.00"},
                      {"category": "training", "amount": "80000.00"}],
            **({"approvals": approvals} if approvals else {})}


def holiday_calendar(year: int, owner: str) -> dict[str, Any]:
    """The team's record of a year's holidays: this test's own data (New Year's Day and a
    spring festival week with one make-up Saturday), not the State Council's schedule."""
    return {"kind": "holiday-calendar", "id": f"HC-{year}", "owner": owner, "year": year,
            "source": {"title": f"国务院办公厅关于{year}年部分节假日安排的通知", "published": f"{year - 1}-11-04"},
            "holidays": [{"name": "元旦", "from": f"{year}-01-01", "to": f"{year}-01-01"},
                         {"name": "春节", "from": f"{year}-02-06", "to": f"{year}-02-12"}],
            "workdays": [f"{year}-02-13"]}


def training_plan(year: int, owner: str, prepared: str) -> dict[str, Any]:
    return {"kind": "training-plan", "id": f"TP-{year}", "owner": owner, "year": year, "prepared": prepared,
            "courses": [{"title": f"{year} 年度目标分解", "date": f"{year}-01-15", "hours": 3, "method": "internal",
                         "roles": ["marketing-manager", "marketing-supervisor", "salesperson"]}]}


def path_of(record: Mapping[str, Any]) -> str:
    """Where a record lives in the repository, as the team files them."""
    kind, rid = record["kind"], record["id"]
    if kind == "rule-set":
        return "records/policy/rules.yaml"
    if kind == "meeting":
        return f"records/meetings/{rid[3:7]}/{rid}.yaml"
    if kind == "visit":
        return f"records/visits/{record['date'][:7]}/{rid}.yaml"
    return f"records/{KINDS[kind].folder}/{rid}.yaml"


# ------------------------------------------------------------------------------ the workflow


def workflow_steps(job: str, skip: Sequence[str]) -> list[tuple[str, str, dict[str, str]]]:
    """The `run:` steps of ``job`` in the team's workflow, as (name, script, step env), without
    the steps whose name contains one of ``skip`` (the ones that install the checker)."""
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    steps = []
    for step in jobs[job]["steps"]:
        if "run" not in step or any(word in step.get("name", "") for word in skip):
            continue
        steps.append((step["name"], step["run"], {k: str(v) for k, v in (step.get("env") or {}).items()}))
    return steps


def job_env(job: str) -> dict[str, str]:
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    return {k: str(v) for k, v in (jobs[job].get("env") or {}).items()}


_EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


def expand(value: str, context: Mapping[str, str]) -> str:
    """A workflow value with its ${{ … }} expressions replaced from ``context`` (an unknown
    one fails the test: the workflow reads something this test does not provide)."""
    def one(found: re.Match[str]) -> str:
        assert found.group(1) in context, f"the workflow reads ${{{{ {found.group(1)} }}}}, unknown to this test"
        return context[found.group(1)]

    return _EXPRESSION.sub(one, value)


# ------------------------------------------------------------------------------ the robot


def robot() -> AbstractContextManager[Robot]:
    """A WeCom group robot on 127.0.0.1 that keeps each message posted to it."""
    return serving_robot("LIVE-MONTH-KEY")


ADDRESSED = re.compile(r"^\*\*[^*（]+（(p-[a-z0-9-]+)）\*\*", re.MULTILINE)


def addressed(message: Any) -> list[str]:
    """The people a WeCom message has a part for, in its order."""
    return ADDRESSED.findall("\n".join(line.lstrip() for line in message["markdown"]["content"].splitlines()))


# ------------------------------------------------------------------------------ the clock

def run(args: Sequence[str], cwd: Path, env: Mapping[str, str], *, stdin: str | None = None,
        check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(list(args), cwd=cwd, env=dict(env), capture_output=True, text=True, check=False,
                          input=stdin)
    if check:
        assert done.returncode == 0, f"{' '.join(args)} in {cwd}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def write_records(root: Path, records: Sequence[Mapping[str, Any]]) -> list[str]:
    written = []
    for record in records:
        rel = path_of(record)
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dump(dict(record)), encoding="utf-8")
        written.append(rel)
    return written


def day_of(value: str | date) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


os_environ = os.environ  # (the test builds each command's environment from this one)


def iso_weeks(first: date, last: date) -> list[tuple[str, date]]:
    """(``2026-W07``, its Monday) for each ISO week from the one holding ``first`` to ``last``'s."""
    from datetime import timedelta

    monday = first - timedelta(days=first.weekday())
    found = []
    while monday <= last:
        year, week, _ = monday.isocalendar()
        found.append((f"{year}-W{week:02d}", monday))
        monday += timedelta(days=7)
    return found


TEAM_MEETING = ("p-li-qiang", "p-chen-jing", "p-zhang-wei", "p-sun-li", "p-gao-yuan", "p-wang-jun")


def history(keys: Mapping[str, str]) -> list[dict[str, Any]]:
    """The records on main on 2026-12-04, before the team goes live (approvals typed in)."""
    from datetime import timedelta

    records: list[dict[str, Any]] = [*ROLES, *(person(p, keys[p]) for p in PEOPLE), pinned(rule_set())]
    records += [pinned(budget(2026, "p-wang-jun", "2025-12-15",
                              [{"role": "management", "person": "p-zhao-min", "date": "2025-12-26"}])),
                training_plan(2026, "p-wang-jun", "2025-12-18"),
                *(kpi_set(r, 2026) for r in ("marketing-manager", "marketing-supervisor", "salesperson"))]
    records += [customer("C-0001", "p-zhang-wei", "杭州华新机电有限公司", "2026-10-20"),
                customer("C-0002", "p-sun-li", "宁波东海汽车零部件股份有限公司", "2026-11-01"),
                customer("C-0003", "p-li-qiang", "绍兴越达纺织机械有限公司", "2026-11-10"),
                customer("C-0004", "p-chen-jing", "嘉兴恒通精密制造有限公司", "2026-11-15"),
                customer("C-0005", "p-gao-yuan", "湖州南太湖电子科技有限公司", "2026-11-05")]
    records += [visit("V-2026-0301", "p-zhang-wei", "C-0001", "2026-11-08"),
                visit("V-2026-0302", "p-sun-li", "C-0002", "2026-11-20"),
                visit("V-2026-0303", "p-li-qiang", "C-0003", "2026-11-25"),
                visit("V-2026-0304", "p-chen-jing", "C-0004", "2026-12-01"),
                visit("V-2026-0305", "p-gao-yuan", "C-0005", "2026-11-30")]
    for week, monday in iso_weeks(date(2026, 1, 1), date(2026, 12, 4)):  # Thursdays
        records.append(meeting(week, "p-li-qiang", (monday + timedelta(days=3)).isoformat(), TEAM_MEETING))
    return records


# ------------------------------------------------------------------------------ GitHub, people, CI


@dataclass(frozen=True)
class Key:
    private: Path
    public: str


def make_keys(folder: Path, names: Sequence[str]) -> dict[str, Key]:
    folder.mkdir(parents=True, exist_ok=True)
    found = {}
    for name in names:
        path = folder / name
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(path)], check=True,
                       capture_output=True)
        found[name] = Key(path, (folder / f"{name}.pub").read_text(encoding="utf-8").strip())
    return found


@dataclass
class Step:
    """One `run:` step of a workflow job as the runner ran it."""

    name: str
    code: int
    stdout: str
    stderr: str


@dataclass
class JobRun:
    steps: list[Step]
    summary: str  # what the job wrote to $GITHUB_STEP_SUMMARY

    def step(self, word: str) -> Step:
        found = [s for s in self.steps if word in s.name]
        assert len(found) == 1, f"no single step named like {word!r} in {[s.name for s in self.steps]}"
        return found[0]

    @property
    def passed(self) -> bool:
        return all(s.code == 0 for s in self.steps)


ANNOTATION = re.compile(r"^::(error|warning|notice) (?:file=([^,]*),)?.*?title=([a-z0-9-]+)", re.MULTILINE)


def annotated(output: str, level: str = "error") -> set[tuple[str, str]]:
    """(rule, file) of each annotation of ``level`` in the github format's output."""
    return {(rule, file) for found_level, file, rule in ANNOTATION.findall(output) if found_level == level}


class Team:
    """GitHub (a bare repository), each person's checkout of main, and the CI runner."""

    def __init__(self, root: Path, keys: Mapping[str, Key], robot_url: str) -> None:
        self.root = root
        self.keys = keys
        self.robot_url = robot_url
        self.origin = root / "github.git"
        self.shims = write_client(root / "bin")
        self.socket_folder = Path(tempfile.mkdtemp(prefix="live-month-"))  # a short path: sockets allow ~100 bytes
        self.server = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("live_shim.py")), str(self.socket_folder / "handbook")],
            stdout=subprocess.PIPE, env={**os_environ, "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"}, text=True)
        assert self.server.stdout is not None and self.server.stdout.readline() == "ready\n"
        self.home = root / "home"
        self.home.mkdir()
        self.day = date(2026, 12, 4)
        self.minute = 8 * 60
        self.signing = False  # people sign their commits (from the day approvals = "signed")
        self.checkouts: dict[str, Path] = {}
        self.signers: set[str] = set()  # whose checkouts sign their commits already
        self.pulls = 0
        run(["git", "init", "-q", "--bare", "-b", "main", str(self.origin)], root, self.env())

    def stop(self) -> None:
        """End the command server this team started."""
        self.server.terminate()
        self.server.wait(timeout=10)
        shutil.rmtree(self.socket_folder, ignore_errors=True)

    # -- the clock
    def morning_of(self, day: str | date) -> None:
        self.day = day_of(day)
        self.minute = 8 * 60

    def now(self) -> str:
        """The next minute of the day, as a commit date (each command a minute later)."""
        self.minute += 1
        return f"{self.day.isoformat()}T{self.minute // 60:02d}:{self.minute % 60:02d}:00+08:00"

    def env(self, **more: str) -> dict[str, str]:
        stamp = self.now()
        keep = {k: v for k, v in os_environ.items() if k in ("PATH", "LANG", "LC_ALL", "SYSTEMROOT", "TMPDIR")}
        return {**keep, "PATH": f"{self.shims}{os.pathsep}{keep.get('PATH', '/usr/bin:/bin')}",
                "HOME": str(self.home), "LIVE_MONTH_SERVER": str(self.socket_folder / "handbook"),
                "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "LIVE_MONTH_DAY": self.day.isoformat(),
                "HANDBOOK_CACHE_DIR": str(self.root / "cache" / more.pop("cache", "people")),
                "LANG": "C.UTF-8", **more}

    # -- git
    def git(self, where: Path, *args: str, check: bool = True, env: Mapping[str, str] | None = None) -> str:
        return run(["git", *args], where, self.env(**(env or {})), check=check).stdout

    def checkout(self, who: str) -> Path:
        """``who``'s own clone, on main as GitHub has it now."""
        if who not in self.checkouts:
            where = self.root / "people" / who
            run(["git", "clone", "-q", str(self.origin), str(where)], self.root, self.env())
            name, _ = PEOPLE.get(who, (who, ""))
            self.git(where, "config", "user.name", name)
            self.git(where, "config", "user.email", email(who))
            self.checkouts[who] = where
        where = self.checkouts[who]
        if self.signing and who in self.keys and who not in self.signers:
            self.git(where, "config", "gpg.format", "ssh")
            self.git(where, "config", "user.signingkey", str(self.keys[who].private))
            self.git(where, "config", "commit.gpgsign", "true")
            self.signers.add(who)
        self.git(where, "fetch", "-q", "--prune", "origin")
        self.git(where, "switch", "-q", "-C", "main", "origin/main")  # (git pull: nobody commits on main)
        return where

    def handbook(self, who: str | Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        where = who if isinstance(who, Path) else self.checkout(who)
        return run(["handbook", *args], where, self.env(**env), check=False)

    def write(self, where: Path, files: Mapping[str, str | Mapping[str, Any] | None]) -> list[str]:
        """Write (a text, a record) or delete (None) files in ``where``; the paths written."""
        for rel, content in files.items():
            target = where / rel
            if content is None:
                target.unlink()
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content if isinstance(content, str) else dump(dict(content)), encoding="utf-8")
        return list(files)

    def commit(self, who: str, where: Path, message: str, paths: Sequence[str] = (), author: str | None = None) -> str:
        self.git(where, "add", "-A", "--", *(paths or ["."]))
        self.git(where, "commit", "-q", "-m", message, *(["--author", author] if author else []))
        return self.git(where, "rev-parse", "HEAD").strip()

    def branch(self, who: str, name: str, files: Mapping[str, str | Mapping[str, Any] | None], message: str,
               author: str | None = None) -> None:
        """``who`` starts branch ``name`` from main with one commit and pushes it (a pull request);
        ``author``: what they claim as the commit's author (git lets anyone claim anyone)."""
        where = self.checkout(who)
        self.git(where, "switch", "-q", "-c", name, "origin/main")
        self.write(where, files)
        self.commit(who, where, message, author=author)
        self.git(where, "push", "-q", "origin", name)
        self.git(where, "switch", "-q", "main")
        self.pulls += 1

    def push_more(self, who: str, name: str, files: Mapping[str, str | Mapping[str, Any] | None], message: str) -> None:
        """``who`` adds a commit to pull request ``name`` (their branch as GitHub has it)."""
        where = self.checkout(who)
        self.git(where, "switch", "-q", "-C", name, f"origin/{name}")
        self.write(where, files)
        self.commit(who, where, message)
        self.git(where, "push", "-q", "origin", name)
        self.git(where, "switch", "-q", "main")

    def run_on_branch(self, who: str, name: str, args: Sequence[str], message: str) -> str:
        """``who`` runs ``handbook ARGS`` on their branch ``name`` and pushes what it wrote."""
        where = self.checkout(who)
        self.git(where, "switch", "-q", "-C", name, f"origin/{name}")
        done = self.handbook(where, *args)
        assert done.returncode == 0, done.stdout + done.stderr
        self.commit(who, where, message)
        self.git(where, "push", "-q", "origin", name)
        self.git(where, "switch", "-q", "main")
        return done.stdout

    def approve(self, who: str, record: str, name: str, note: str) -> subprocess.CompletedProcess[str]:
        """``who`` approves ``record`` on pull request ``name`` from their main checkout, as the guide says."""
        where = self.checkout(who)
        self.git(where, "fetch", "-q", "origin", f"+{name}:{name}")
        done = self.handbook(where, "approve", record, "--branch", name, "--note", note, "--lang", "en")
        if done.returncode == 0:
            self.git(where, "push", "-q", "origin", name)
        return done

    def read(self, ref: str, rel: str) -> str:
        return self.git(self.origin, "show", f"{ref}:{rel}")

    # -- GitHub's merges
    def merge(self, name: str, style: str, by: str) -> None:
        """Merge pull request ``name`` into main as GitHub does: a merge commit, a squash
        (one commit authored by the branch's author) or a rebase (the commits recreated,
        authorship kept, signatures dropped); then the branch is deleted."""
        where = self.root / "github-merges"
        if not where.exists():
            run(["git", "clone", "-q", str(self.origin), str(where)], self.root, self.env())
        merger, merger_email = PEOPLE[by][0], email(by)
        github = {"GIT_COMMITTER_NAME": GITHUB[0], "GIT_COMMITTER_EMAIL": GITHUB[1]}
        self.git(where, "fetch", "-q", "--prune", "origin")
        self.git(where, "switch", "-q", "-C", "main", "origin/main")
        head = f"origin/{name}"
        if style == "merge":
            self.git(where, "-c", f"user.name={merger}", "-c", f"user.email={merger_email}", "merge", "-q",
                     "--no-ff", "-m", f"Merge pull request from qiming/{name}", head, env=github)
        elif style == "squash":  # authored by the pull request's author: its first commit's
            author = self.git(where, "log", "--reverse", "--format=%an <%ae>", f"main..{head}").splitlines()[0]
            self.git(where, "merge", "-q", "--squash", head)
            self.git(where, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-q", "--author", author, "-m",
                     f"{name} (squashed)", env=github)
        elif style == "rebase":
            self.git(where, "switch", "-q", "-C", "rebasing", head)
            self.git(where, "-c", "commit.gpgsign=false", "rebase", "-q", "--no-gpg-sign", "--force-rebase", "main",
                     env=github)
            self.git(where, "switch", "-q", "main")
            self.git(where, "merge", "-q", "--ff-only", "rebasing")
        else:
            raise AssertionError(style)
        self.git(where, "push", "-q", "origin", "main")
        self.git(where, "push", "-q", "origin", "--delete", name)

    def close(self, name: str) -> None:
        """A pull request closed without merging: its branch is deleted."""
        self.git(self.origin, "branch", "-q", "-D", name)

    # -- the CI runner
    def _runner(self, job: str) -> tuple[Path, dict[str, str]]:
        """A fresh checkout, as actions/checkout makes one (the whole history), and a fresh runner."""
        self.runs = getattr(self, "runs", 0) + 1
        where = self.root / "runner" / f"{self.runs:03d}-{job}"
        temp = self.root / "runner" / f"{self.runs:03d}-temp"
        temp.mkdir(parents=True)
        run(["git", "clone", "-q", "--no-checkout", str(self.origin), str(where)], self.root, self.env())
        summary = temp / "step-summary.md"
        summary.touch()
        return where, {"GITHUB_STEP_SUMMARY": str(summary), "RUNNER_TEMP": str(temp), "CI": "true",
                       "GITHUB_ACTIONS": "true", "cache": f"runner-{self.runs:03d}"}

    def _steps(self, job: str, where: Path, env: dict[str, str], context: Mapping[str, str],
               skip: Sequence[str]) -> JobRun:
        steps: list[Step] = []
        base = {k: expand(v, context) for k, v in job_env(job).items()}
        for name, script, step_env in workflow_steps(job, skip):
            script_file = Path(env["RUNNER_TEMP"]) / f"step-{len(steps)}.sh"
            script_file.write_text(script, encoding="utf-8")
            done = run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script_file)], where,
                       self.env(**{**env, **base, **{k: expand(v, context) for k, v in step_env.items()}}),
                       check=False)
            steps.append(Step(name, done.returncode, done.stdout, done.stderr))
        return JobRun(steps, Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8"))

    def pr_check(self, name: str) -> JobRun:
        """The `check` job on pull request ``name``: GitHub's test merge of the branch into main."""
        where, env = self._runner("check")
        github = {"GIT_COMMITTER_NAME": GITHUB[0], "GIT_COMMITTER_EMAIL": GITHUB[1]}
        self.git(where, "-c", f"user.name={GITHUB[0]}", "-c", f"user.email={GITHUB[1]}", "switch", "-q",
                 "--detach", "origin/main")
        self.git(where, "-c", f"user.name={GITHUB[0]}", "-c", f"user.email={GITHUB[1]}", "merge", "-q",
                 "--no-ff", "-m", f"Merge {name} into main", f"origin/{name}", env=github)
        context = {"github.base_ref": "main"}
        return self._steps("check", where, env, context, skip=("Install",))

    def morning(self) -> JobRun:
        """The `today` job as the schedule runs it, on main."""
        where, env = self._runner("today")
        self.git(where, "switch", "-q", "--detach", "origin/main")
        context = {"secrets.HANDBOOK_WEBHOOK_URL": self.robot_url, "secrets.HANDBOOK_WEBHOOK_SECRET": "",
                   "vars.HANDBOOK_CHAT_SERVICE": "", "github.repository_owner": "qiming",
                   "github.event.repository.name": "handbook"}
        return self._steps("today", where, env, context, skip=("Install",))


def records(*found: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """Files for a pull request: each record at its place."""
    return {path_of(r): r for r in found}


def contract(contract_id: str, owner: str, customer_id: str, quote_id: str, amount: str, drafted: str,
             signed: str | None = None) -> dict[str, Any]:
    return {"kind": "contract", "id": contract_id, "owner": owner, "customer": customer_id, "quote": quote_id,
            "amount": amount, "drafted": drafted, **({"signed": signed} if signed else {})}


def claim(claim_id: str, owner: str, amount: str, day: str, *, paid: str | None = None) -> dict[str, Any]:
    return {"kind": "expense-claim", "id": claim_id, "owner": owner, "category": "travel",
            "description": "拜访重点客户差旅费", "incurred": day, "amount": amount,
            "receipts": [{"number": f"{claim_id[-3:]}0001", "date": day, "issuer": "中国铁路", "amount": amount}],
            "submitted": day, **({"paid": paid} if paid else {})}


def edited(text: str, *changes: tuple[str, str]) -> str:
    """``text`` with each (old, new) replaced once; each old must be there."""
    for old, new in changes:
        assert old in text, f"{old!r} is not in the file"
        text = text.replace(old, new, 1)
    return text
