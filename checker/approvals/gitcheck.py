"""Approvals verified against git: was each approval entry added by its approver?

The repository setting ``[tool.handbook] approvals`` chooses the level:

- ``text``: what the file says is believed (only the digest is checked);
- ``author``: every line of the approval entry was last changed by a commit authored
  with one of the approver's registered git e-mails (``git.emails``);
- ``signed``: every such commit carries a good SSH or OpenPGP signature made with a key
  registered on the approver's person record (``git.signing_keys``), verified offline
  by git itself against an allowed-signers file and a GnuPG home built from the people
  records and nothing else.

The commits come from ``git blame -w`` over the entry's lines, so an entry someone else
edited later (a re-typed digest, a changed date) fails too. At these levels an
approval must also carry a digest: without one it pins nothing. Approvals blamed on the
``approvals_baseline`` commit or its ancestors (the history before the team switched
the level on) are accepted as they are.

What is verified: with ``--base``, the approvals the change adds (any entry not on the
base exactly as it is now); otherwise every approval. The identities, keys, level and
baseline are read from the base when there is one, so a change cannot register a key
and use it at once, or lower the level it is judged at.

Results are cached outside the repository (beside the parse cache): blame results by
the commit checked out and the content of the file (the same bytes on the same history
always blame the same commits), commit authors and signature verdicts by commit id (and
the registered keys). A second run over the same files asks git only which commit is
checked out.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from checker.approvals.entry import EntryError, approval_spans, yaml_part
from checker.approvals.identity import emails, signing_keys
from checker.approvals.signers import Keyring, fingerprint_of, keyring
from checker.findings import Message
from checker.loading.repository import Entry, Repository
from checker.records import Approval, Record
from checker.records.general import Person
from checker.rules.trust import UNVERIFIED, Distrust, Key, key
from checker.settings import full_commit_id

Level = Literal["text", "author", "signed"]
LEVELS: tuple[Level, ...] = ("text", "author", "signed")
UNCOMMITTED = "0" * 40
_TIMEOUT = 600
# How many days an approval's date may come before the commit that adds it: an approval
# written on a Friday and committed on the Monday. A checker setting, not the policy's.
DATE_TOLERANCE = 3
_CACHE_VERSION = "2"
_HEADER = re.compile(r"^([0-9a-f]{40,64}) \d+ (\d+)(?: \d+)?$")


# Who last changed a line is git's answer only when nothing tells blame to look past a
# commit (an ignore-revs file, named in anyone's configuration and listing the change's own
# commit: cleared by blame's --ignore-revs-file= option, since git sorts an empty config
# value before the configured file and so never clears it), swaps commits for others
# (replace objects, grafts) or renames people (mailmap; only commit ids and raw e-mails are
# read, but it costs nothing to say so).
HARDENED = ("-c", "blame.ignoreRevsFile=", "-c", "blame.markIgnoredLines=false",
            "-c", "blame.markUnblamableLines=false", "-c", "log.mailmap=false", "-c", "mailmap.file=",
            "-c", "mailmap.blob=")
HARDENED_ENV = {"GIT_NO_REPLACE_OBJECTS": "1", "GIT_GRAFT_FILE": os.devnull}


class VerifyError(Exception):
    """Approvals cannot be verified here: no git, not a repository, a shallow clone."""


def stricter(*levels: Level) -> Level:
    return max(levels, key=LEVELS.index)


Runner = Callable[..., bytes]


def run_git(root: Path, *args: str, env: Mapping[str, str] | None = None) -> bytes:
    """One git command in ``root``; VerifyError when git cannot run or fails."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=_TIMEOUT,
                              check=False, env=dict(env) if env is not None else None)
    except (OSError, subprocess.SubprocessError) as exc:
        raise VerifyError(f"git could not run ({exc})") from exc
    if done.returncode != 0:
        raise VerifyError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return done.stdout


@dataclass(frozen=True)
class Target:
    """One approval to verify."""

    entry: Entry
    index: int
    approval: Approval


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str  # e-mail, lower case
    day: str = ""  # the author date, YYYY-MM-DD in the author's own time zone
    status: str = ""  # git's %G?: G good, U good but unknown key, N none, B bad, E cannot check...
    signer: str = ""  # the person id the key is registered to, "" when none


class Cache:
    """Blame results by file content, commit facts by commit id; a damaged file is ignored."""

    def __init__(self, folder: Path | None) -> None:
        self.file = folder / f"approvals-{_CACHE_VERSION}.json" if folder else None
        self.data: dict[str, dict[str, Any]] = {"blame": {}, "author": {}, "signature": {}, "ancestor": {}}
        self.dirty = False
        if self.file is None:
            return
        try:
            loaded = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(loaded, dict) and all(isinstance(loaded.get(k), dict) for k in self.data):
            self.data = {k: loaded[k] for k in self.data}

    def get(self, section: str, name: str) -> Any:
        return self.data[section].get(name)

    def put(self, section: str, name: str, value: Any) -> None:
        self.data[section][name] = value
        self.dirty = True

    def save(self) -> None:
        if self.file is None or not self.dirty:
            return
        temp = None
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.file.parent, prefix=".approvals-")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(self.data, out)
            os.replace(temp, self.file)
            temp = None
        except OSError:
            pass  # the cache only saves time
        finally:
            if temp is not None:
                Path(temp).unlink(missing_ok=True)


class Verifier:
    """Verifies approvals of one repository at one level against git."""

    def __init__(self, root: Path, level: Level, people: Mapping[str, Person], cache: Cache,
                 baseline: str | None = None, git: Runner = run_git, revision: str | None = None) -> None:
        """``revision``: a commit whose files are verified (a branch's, for ``approve --branch``)
        instead of the working tree's."""
        self.root = root
        self.revision = revision
        self.level = level
        self.people = people
        self.cache = cache
        self.baseline = baseline
        self._git = git
        self._checked = False
        self._head_commit: str | None = None
        self._signers = fingerprint_of(people.values())

    def git(self, *args: str, env: Mapping[str, str] | None = None) -> bytes:
        """git with the settings that would let it look away switched off, whatever the
        user's or the runner's configuration says (see ``HARDENED``)."""
        env = {**(env if env is not None else os.environ), **HARDENED_ENV}
        if not self._checked:  # only when something is not cached
            self._checked = True
            if self._git(self.root, "rev-parse", "--is-shallow-repository").strip() == b"true":
                raise VerifyError("this clone is shallow, so git cannot show who added each approval: fetch the "
                                  "whole history (git fetch --unshallow; in CI, actions/checkout with "
                                  "fetch-depth: 0)")
            if self.baseline:
                self._baseline_is_a_commit(self.baseline)
        return self._git(self.root, *HARDENED, *args, env=env)

    def _baseline_is_a_commit(self, baseline: str) -> None:
        """The baseline names a commit by its whole id: never a tag, branch or abbreviation."""
        if not full_commit_id(baseline):
            raise VerifyError(f"approvals_baseline must be a full commit id (40 or 64 hexadecimal digits), "
                              f"not {baseline!r}")
        try:
            kind = self._git(self.root, "cat-file", "-t", baseline).strip()
        except VerifyError:
            kind = b""
        if kind != b"commit":
            raise VerifyError(f"approvals_baseline {baseline} is not a commit of this repository: set it to a "
                              "commit id on the main branch (`git rev-parse HEAD` prints one)")

    # ------------------------------------------------------------------ blame

    def _head(self) -> str:
        """The commit checked out: blame's answer for the same bytes changes with the history
        behind them (an approval withdrawn and put back by someone else reads the same)."""
        if self._head_commit is None and self.revision is not None:
            self._head_commit = self.revision
        if self._head_commit is None:
            try:
                self._head_commit = self._git(self.root, "rev-parse", "--verify", "--quiet", "HEAD",
                                              env={**os.environ, **HARDENED_ENV}).decode().strip()
            except VerifyError:
                self._head_commit = ""  # no commit yet
        return self._head_commit

    def _blame(self, entry: Entry, spans: list[tuple[int, int]], fresh: bool = False) -> list[list[str]]:
        """The commits that last changed each span's lines (1-based, inclusive); ``fresh``
        asks git even when the cache knows (the cached commits may be from a history this
        clone no longer has)."""
        if self.revision is not None:
            raw = self._git(self.root, "cat-file", "blob", f"{self.revision}:./{entry.source.file}",
                            env={**os.environ, **HARDENED_ENV})
        else:
            raw = Path(self.root, entry.source.file).read_bytes()
        name = f"{self._head()}:{hashlib.sha256(raw).hexdigest()}"
        cached = self.cache.get("blame", name)
        wanted = [f"{a}-{b}" for a, b in spans]
        if not fresh and isinstance(cached, dict) and all(isinstance(cached.get(w), list) for w in wanted):
            return [[str(c) for c in cached[w]] for w in wanted]
        args = ["blame", "--porcelain", "-w", "--ignore-revs-file="]  # (an empty -c value does not clear it)
        for a, b in spans:
            args += ["-L", f"{a},{b}"]
        try:
            at = [self.revision] if self.revision is not None else []
            out = self.git(*args, *at, "--", entry.source.file).decode("utf-8", "replace")
        except VerifyError as exc:
            if "no such path" in str(exc):  # a new file nobody committed yet
                return [[UNCOMMITTED] for _ in spans]
            raise
        by_line: dict[int, str] = {}
        for line in out.splitlines():
            found = _HEADER.match(line)
            if found:
                sha = found.group(1)
                by_line[int(found.group(2))] = UNCOMMITTED if set(sha) == {"0"} else sha
        result = [sorted({by_line.get(n, UNCOMMITTED) for n in range(a, b + 1)}) for a, b in spans]
        if not any(UNCOMMITTED in commits for commits in result):  # what is not committed yet may change
            entry_cache = dict(cached) if isinstance(cached, dict) else {}
            entry_cache.update(dict(zip(wanted, result, strict=True)))
            self.cache.put("blame", name, entry_cache)
        return result

    # ------------------------------------------------------------------ commits

    def _commits(self, shas: Iterable[str]) -> dict[str, Commit]:
        """Author and (at ``signed``) signature of each commit, from the cache or one git call."""
        found: dict[str, Commit] = {}
        missing = []
        for sha in sorted(set(shas)):
            author = self.cache.get("author", sha)
            signature = self.cache.get("signature", f"{sha}:{self._signers}")
            if (isinstance(author, list) and len(author) == 2
                    and (self.level != "signed" or isinstance(signature, list))):
                status, signer = (signature if isinstance(signature, list) else ["", ""])[:2]
                found[sha] = Commit(sha, str(author[0]), str(author[1]), str(status), str(signer))
            else:
                missing.append(sha)
        if not missing:
            return found
        if self.level == "signed":
            with keyring(self.people.values()) as keys:
                found.update(self._show(missing, keys))
        else:
            found.update(self._show(missing, None))
        return found

    def _show(self, shas: list[str], keys: Keyring | None) -> dict[str, Commit]:
        fmt = "%H%x1f%ae%x1f%as" + ("%x1f%G?%x1f%GS%x1f%GF%x1f%GP" if keys else "") + "%x1e"
        config = keys.config if keys else ["-c", "log.showSignature=false"]
        out = self.git(*config, "show", "-s", "--no-notes", f"--format={fmt}", *shas,
                       env=keys.env if keys else None)
        found: dict[str, Commit] = {}
        for record in out.decode("utf-8", "replace").split("\x1e"):
            parts = record.strip("\n").split("\x1f")
            if len(parts) < 3 or not parts[0]:
                continue
            sha, author, day = parts[0], parts[1].lower(), parts[2]
            self.cache.put("author", sha, [author, day])
            commit = Commit(sha, author, day)
            if keys is not None:
                status, principal, fpr, primary = [*parts, "", "", "", ""][3:7]
                signer = principal if status == "G" and principal in self.people else ""
                if status in ("G", "U") and not signer:  # OpenPGP: whose registered key signed it
                    signer = keys.pgp_owner.get(fpr.upper(), "") or keys.pgp_owner.get(primary.upper(), "")
                    status = "G" if signer else status
                commit = Commit(sha, author, day, status, signer)
                self.cache.put("signature", f"{sha}:{self._signers}", [status, signer])
            found[sha] = commit
        return found

    def _before_baseline(self, sha: str) -> bool:
        if not self.baseline:
            return False
        name = f"{sha}:{self.baseline}"
        cached = self.cache.get("ancestor", name)
        if isinstance(cached, bool):
            return cached
        try:
            self.git("merge-base", "--is-ancestor", sha, self.baseline)
        except VerifyError as exc:
            if str(exc) == "git merge-base failed":  # a plain no; anything else (an unknown commit) is not cached
                self.cache.put("ancestor", name, False)
            return False
        self.cache.put("ancestor", name, True)
        return True

    # ------------------------------------------------------------------ verdicts

    def verify(self, targets: Iterable[Target], name: Callable[[str], str]) -> dict[Key, Distrust]:
        """Why each of ``targets`` does not count, for those that do not. A verdict against an
        approval that rests on cached blame is checked once more with git itself: only a
        passing verdict may come from the cache alone."""
        wanted = [t for t in targets if t.approval.person in self.people]  # an unknown approver: the rules say so
        found = self._verify(wanted, name, fresh=False)
        if found:  # the fresh verdicts decide for these
            found = self._verify([t for t in wanted if key(t.entry.record, t.approval) in found], name, fresh=True)
        self.cache.save()
        return found

    def _verify(self, targets: list[Target], name: Callable[[str], str], fresh: bool) -> dict[Key, Distrust]:
        by_file: dict[str, list[Target]] = {}
        for target in targets:
            by_file.setdefault(target.entry.source.file, []).append(target)
        blamed: list[tuple[Target, list[str]]] = []
        for file in sorted(by_file):
            group = by_file[file]
            entry = group[0].entry
            try:
                yaml_text, offset = yaml_part(file, entry.source.text)
                spans = {id(t.entry): approval_spans(yaml_text, t.entry.path) for t in group}
            except EntryError as exc:
                raise VerifyError(f"{file}: {exc}") from exc
            lines = [(spans[id(t.entry)][t.index].first + 1 + offset, spans[id(t.entry)][t.index].last + 1 + offset)
                     for t in group]
            blamed.extend(zip(group, self._blame(entry, lines, fresh), strict=True))
        shas = {sha for _, commits in blamed for sha in commits if sha != UNCOMMITTED}
        commits = self._commits(shas) if shas else {}
        found: dict[Key, Distrust] = {}
        for target, their in blamed:
            problem = self._verdict(target, their, commits, name)
            if problem is not None:
                found[key(target.entry.record, target.approval)] = problem
        return found

    def _verdict(self, target: Target, blamed: list[str], commits: Mapping[str, Commit],
                 name: Callable[[str], str]) -> Distrust | None:
        approval, record = target.approval, target.entry.record
        person = self.people[approval.person]
        who = name(approval.person)
        says = _Says(record, approval, who, self.level)
        if UNCOMMITTED in blamed:
            return says.uncommitted()
        later = [sha for sha in blamed if not self._before_baseline(sha)]
        if not later:
            return None
        if approval.digest is None:
            return says.unpinned()
        problem = self._identity(person, says, later, commits, name)
        return problem if problem is not None else _dated(says, [commits[sha] for sha in later])

    def _identity(self, person: Person, says: _Says, later: list[str], commits: Mapping[str, Commit],
                  name: Callable[[str], str]) -> Distrust | None:
        """Why the commits that wrote the entry are not the approver's, at the run's level."""
        ended = person.git.until if person.git else None
        for sha in later:
            if ended is not None and commits[sha].day > ended.isoformat():
                return says.identity_ended(sha, commits[sha].day, ended)
        if self.level == "author":
            if not emails(person):
                return says.no_identity("git.emails")
            for sha in later:
                if commits[sha].author not in emails(person):
                    return says.not_by_approver(sha)
            return None
        if not signing_keys(person):
            return says.no_identity("git.signing_keys")
        for sha in later:
            commit = commits[sha]
            if commit.status == "N":
                return says.unsigned(sha)
            if commit.status == "B":
                return says.bad_signature(sha)
            if commit.status != "G" or commit.signer != person.id:
                return says.wrong_key(sha, name(commit.signer) if commit.signer else "")
        return None


def _dated(says: _Says, commits: list[Commit]) -> Distrust | None:
    """Why the approval's date is not the day its first commit was made (within
    ``DATE_TOLERANCE`` days before it): an approval dated earlier would claim to have come
    before the gate it was late for."""
    first = min(commits, key=lambda c: c.day)
    try:
        made = date.fromisoformat(first.day)
    except ValueError:
        return None  # git gave no date: nothing to compare (never seen; the commit is still verified)
    given = says.approval.date
    if given > made:
        return says.dated_after(first.sha, made)
    if given < made - timedelta(days=DATE_TOLERANCE):
        return says.backdated(first.sha, made)
    return None


@dataclass(frozen=True)
class _Says:
    """The words for each way an approval fails verification."""

    record: Record
    approval: Approval
    who: str
    level: Level

    def _one(self, zh: str, en: str, fix_zh: str, fix_en: str) -> Distrust:
        date = self.approval.date
        return Distrust(UNVERIFIED, Message(f"{self.who} {date} 的审批{zh}", f"the approval by {self.who} dated "
                                            f"{date} {en}"), Message(fix_zh, fix_en))

    def _approve_again(self) -> tuple[str, str]:
        rid = self.record.id
        signed = self.level == "signed"
        return (f"审批只能由审批人本人添加：删除这条审批，请 {self.who} 在其主分支上运行 handbook approve {rid} "
                f"--branch 本拉取请求的分支{'（提交会用其登记的密钥签名）' if signed else ''}。",
                f"Only the approver can add an approval: remove this one and ask {self.who} to run "
                f"`handbook approve {rid} --branch <this pull request's branch>` from their main branch"
                f"{' (signed with their registered key)' if signed else ''}.")

    def uncommitted(self) -> Distrust:
        found = self._one("尚未提交到 git：提交之后才能核实是否由本人添加（在此之前暂且算数，拉取请求的检查会核实）",
                          "is not committed yet: git can show who added it once it is committed (it counts until "
                          "then; the pull request's check verifies it)",
                          f"请 {self.who} 本人提交这条审批（handbook approve {self.record.id} --commit 会这样做）；"
                          "不是审批人本人添加的审批请删除。",
                          f"{self.who} commits it themselves (`handbook approve {self.record.id} --commit` does); "
                          "an approval someone else added is removed.")
        return Distrust(found.rule, found.detail, found.fix, "warning")

    def unpinned(self) -> Distrust:
        fix = self._approve_again()
        return self._one("没有内容摘要（digest），不能说明批准的是哪一版内容",
                         "has no digest, so it does not say which content was approved", *fix)

    def no_identity(self, field: str) -> Distrust:
        pid = self.approval.person
        return self._one(f"无法核实：{self.who} 的人员记录没有登记 {field}",
                         f"cannot be verified: {self.who}'s person record registers no {field}",
                         f"在 records/people/{pid}.yaml 中登记 {field}（经管理层审核的拉取请求），然后重新检查。",
                         f"Register {field} in records/people/{pid}.yaml (by a pull request management reviews), "
                         "then check again.")

    def not_by_approver(self, sha: str) -> Distrust:
        fix = self._approve_again()
        pid = self.approval.person
        return self._one(f"由提交 {sha[:10]} 添加或修改，该提交的作者不是 {self.who} 登记的 git 身份",
                         f"was added or changed by commit {sha[:10]}, whose author is not one of {self.who}'s "
                         "registered git identities",
                         fix[0] + f"如果确是 {self.who} 本人提交的，请在 records/people/{pid}.yaml 的 git.emails "
                         "中登记其提交用的邮箱。",
                         fix[1] + f" If {self.who} did commit it, register the e-mail they commit with under "
                         f"git.emails in records/people/{pid}.yaml.")

    def identity_ended(self, sha: str, made: str, ended: date) -> Distrust:
        pid = self.approval.person
        return self._one(f"由提交 {sha[:10]}（{made}）添加或修改，而 {self.who} 的 git 身份在 {ended} 已停用",
                         f"was added or changed by commit {sha[:10]} ({made}), after {self.who}'s git identities "
                         f"ended on {ended}",
                         f"停用之后的提交不能代表 {self.who}：请仍在任的审批人审批；如果 {self.who} 仍在职，请在 "
                         f"records/people/{pid}.yaml 中更正 git.until。",
                         f"A commit made after that cannot stand for {self.who}: ask an approver still in post; "
                         f"if {self.who} still works here, correct git.until in records/people/{pid}.yaml.")

    def dated_after(self, sha: str, made: date) -> Distrust:
        return self._one(f"日期晚于添加它的提交 {sha[:10]}（{made}）：审批的日期是审批人提交它的那一天",
                         f"is dated after commit {sha[:10]} that added it ({made}): an approval is dated the day "
                         "its approver commits it", *self._approve_again())

    def backdated(self, sha: str, made: date) -> Distrust:
        return self._one(f"日期比添加它的提交 {sha[:10]}（{made}）早 {DATE_TOLERANCE} 天以上：审批不能倒签日期",
                         f"is dated more than {DATE_TOLERANCE} days before commit {sha[:10]} that added it "
                         f"({made}): an approval cannot be backdated", *self._approve_again())

    def unsigned(self, sha: str) -> Distrust:
        return self._one(f"由提交 {sha[:10]} 添加或修改，该提交没有签名", f"was added or changed by commit {sha[:10]}, "
                         "which is not signed", *self._approve_again())

    def bad_signature(self, sha: str) -> Distrust:
        return self._one(f"由提交 {sha[:10]} 添加或修改，该提交的签名无效（内容与签名不符）",
                         f"was added or changed by commit {sha[:10]}, whose signature is bad (the commit does not "
                         "match it)", *self._approve_again())

    def wrong_key(self, sha: str, signer: str) -> Distrust:
        by_zh = f"签名密钥登记在 {signer} 名下" if signer else "签名密钥没有登记在任何人员记录上"
        by_en = f"is signed with a key registered to {signer}" if signer else "is signed with a key no person " \
                "record registers"
        fix = self._approve_again()
        pid = self.approval.person
        return self._one(f"由提交 {sha[:10]} 添加或修改，该提交的{by_zh}，不是 {self.who} 的密钥",
                         f"was added or changed by commit {sha[:10]}, which {by_en}, not {self.who}",
                         fix[0] + f"如果这是 {self.who} 的新密钥，请先在 records/people/{pid}.yaml 的 "
                         "git.signing_keys 中登记。",
                         fix[1] + f" If it is a new key of {self.who}'s, register it under git.signing_keys in "
                         f"records/people/{pid}.yaml first.")


# ---------------------------------------------------------------------- what to verify


def identity(record: Record, approval: Approval) -> tuple[str, Approval]:
    """An approval entry as written (with its note and digest): one on the base exactly so is not new."""
    return (record.id, approval)


def targets(repository: Repository, base: Repository | None) -> list[Target]:
    """Every approval (no base), or those not on ``base`` exactly as they are now."""
    on_base = {identity(e.record, a) for e in base.entries for a in e.record.approvals} if base else set()
    return [Target(entry, index, approval) for entry in repository.entries
            for index, approval in enumerate(entry.record.approvals)
            if identity(entry.record, approval) not in on_base]


def people_of(repository: Repository) -> dict[str, Person]:
    return {e.record.id: e.record for e in repository.entries if isinstance(e.record, Person)}


def level_of(value: object, where: str) -> Level:
    if value not in LEVELS:
        raise VerifyError(f"{where}: [tool.handbook] approvals must be one of {', '.join(LEVELS)}, not {value!r}")
    return value
