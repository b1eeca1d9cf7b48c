"""``handbook approve``, ``handbook approvals pending`` and ``handbook codeowners``.

Exit codes: 0 done; 1 refused (not yours to approve, already approved, CODEOWNERS out of
date with ``--check``); 2 usage or configuration problem.
"""

from __future__ import annotations

import difflib
import fcntl
import itertools
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import cast

import click

from checker.approvals import codeowners as owners_file
from checker.approvals.branches import Branch, open_branches
from checker.approvals.entry import EntryError, insert, remove, yaml_part
from checker.approvals.gitcheck import Target, VerifyError
from checker.approvals.identity import IdentityError, git_email, person_with_email
from checker.approvals.onbranch import BranchError, branch_commit, make_commit, move_branch, read_file
from checker.approvals.verify import unverified
from checker.findings import Lang, Message
from checker.loading.cache import ParseCache, default_folder
from checker.loading.cache import digest as cache_digest
from checker.loading.gitsource import GitError, GitTree
from checker.loading.repository import Entry, Repository, decode, load
from checker.loading.yamltext import parse_text
from checker.options import AS_OF, LANG, ROOT, day_of, settings_of
from checker.records import Approval, Record
from checker.records.digest import digest, pins
from checker.records.general import Person
from checker.rules.context import Context
from checker.rules.inforce import ConfigurationError, ruleset_in_force
from checker.rules.needs import Need, context, holders, judging, needs, satisfied
from checker.rules.trust import Distrust, Key
from checker.settings import Settings
from checker.writing import UnsafeWrite, write_inside

_TIMEOUT = 600


class Refused(click.ClickException):
    """The command cannot do what was asked (exit 1), said in the user's language."""

    exit_code = 1


def _load(settings: Settings) -> Repository:
    if not settings.records.is_dir():
        raise click.UsageError(f"records folder not found: {settings.records}")
    return load(settings.root, settings.records, ParseCache(default_folder(settings.root)),
                settings.max_file_kib * 1024)


def _me(settings: Settings, ctx: Context) -> Person:
    try:
        return person_with_email(git_email(settings.root), ctx.people.values())
    except IdentityError as exc:
        raise click.UsageError(str(exc)) from exc


@dataclass
class _Words:
    lang: Lang

    def __call__(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def roles(self, ctx: Context, roles: tuple[str, ...] | list[str]) -> str:
        return ctx.role_names(roles)(self.lang)

    def person(self, ctx: Context, person: str) -> str:
        return ctx.person_name(person)


# ---------------------------------------------------------------------- approve


def find(repository: Repository, settings: Settings, wanted: str, words: _Words) -> Entry:
    """The record named by its id or its file (relative to the current folder or the root)."""
    by_id = {e.record.id: e for e in repository.entries}
    if wanted in by_id:
        return by_id[wanted]
    for candidate in (Path.cwd() / wanted, settings.root / wanted):
        try:
            rel = candidate.resolve().relative_to(settings.root.resolve()).as_posix()
        except (OSError, ValueError):
            continue
        in_file = [e for e in repository.entries if e.source.file == rel]
        if len(in_file) == 1:
            return in_file[0]
        if len(in_file) > 1:
            ids = ", ".join(e.record.id for e in in_file)
            raise click.UsageError(words(f"{rel} 中有 {len(in_file)} 条记录，请用编号指明要审批哪一条：{ids}",
                                         f"{rel} holds {len(in_file)} records; name the one to approve by its id: "
                                         f"{ids}"))
        problems = [f for f in repository.findings if f.file == rel]
        if problems:
            said = problems[0].message(words.lang)
            raise Refused(words(f"{rel} 不是有效的记录（{said}）：请先运行 handbook check 修正，再审批",
                                f"{rel} does not load as a valid record ({said}); run `handbook check`, fix it, and "
                                "approve it then"))
    guess = difflib.get_close_matches(wanted, list(by_id), n=1)
    hint = words(f"；是否想写 {guess[0]}？", f"; did you mean {guess[0]}?") if guess else ""
    invalid = [f for f in repository.findings if f.record == wanted]
    if invalid:
        said = invalid[0].message(words.lang)
        raise Refused(words(f"{wanted} 不是有效的记录（{said}）：请先运行 handbook check 修正，再审批",
                            f"{wanted} is not a valid record ({said}); run `handbook check`, fix it, and approve it "
                            "then"))
    folder = settings.records.relative_to(settings.root)
    raise click.UsageError(words(f"{folder} 下没有记录 {wanted!r}{hint}", f"no record {wanted!r} under {folder}{hint}"))


def _own(record: Record, person: str) -> list[int]:
    return [i for i, a in enumerate(record.approvals) if a.person == person]


def _choose(needs_: list[Need], ctx: Context, entry: Entry, held: set[str], role: str | None,
            words: _Words) -> str:
    eligible = [n for n in needs_ if set(n.roles) & held]
    allowed = [r for n in eligible for r in n.roles if r in held]
    if role is not None:
        if role not in allowed:
            raise Refused(words(f"你不能以 {role} 的身份审批 {entry.record.id}：你今天可以使用的角色是 "
                                f"{', '.join(dict.fromkeys(allowed))}",
                                f"you cannot approve {entry.record.id} as {role}: the roles you may use today "
                                f"are {', '.join(dict.fromkeys(allowed))}"))
        return role
    open_needs = [n for n in eligible if not satisfied(ctx, entry, n)]
    need = (open_needs or eligible)[0]
    return next(r for r in need.roles if r in held)


def _reread(file: str, text: str, record: Record, path: tuple[str | int, ...]) -> Record:
    """The record at ``path`` of the edited text, validated."""
    data = parse_text(yaml_part(file, text)[0])
    for step in path:
        data = data[step]
    if file.endswith(".md") and type(record).body_field:
        body_field = cast(str, type(record).body_field)
        data = {**data, body_field: getattr(record, body_field)}
    return type(record).model_validate(data)


def _check_clean(settings: Settings, file: str, words: _Words) -> None:
    """For --commit: the file holds no other uncommitted change (the approval is a commit of its own)."""
    done = subprocess.run(["git", "-C", str(settings.root), "status", "--porcelain", "--", file],
                          capture_output=True, timeout=_TIMEOUT, check=False)
    if done.returncode != 0:
        raise click.UsageError("--commit needs a git repository: " + done.stderr.decode("utf-8", "replace").strip())
    if done.stdout.strip():
        raise Refused(words(f"{file} 还有未提交的改动：请先提交这些改动（或不带 --commit 审批），"
                            "审批须是单独的一个提交",
                            f"{file} has changes that are not committed; commit them first (or approve without "
                            "--commit): the approval must be a commit of its own"))


def _git_config(root: Path, name: str) -> str:
    done = subprocess.run(["git", "-C", str(root), "config", "--get", name], capture_output=True,
                          timeout=_TIMEOUT, check=False)
    return done.stdout.decode("utf-8", "replace").strip() if done.returncode == 0 else ""


def _commit(settings: Settings, file: str, message: str, words: _Words) -> str:
    sign = bool(_git_config(settings.root, "user.signingkey"))
    args = ["git", "-C", str(settings.root), "commit", "--quiet", "--only", "-m", message,
            *(["-S"] if sign else []), "--", file]
    done = subprocess.run(args, capture_output=True, timeout=_TIMEOUT, check=False)
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip()
        again = f"git commit {'-S ' if sign else ''}-- {file}"
        raise Refused(words(f"审批已写入 {file}，但 git 无法提交：{why}\n解决之后（签名、钩子）运行：{again}",
                            f"the approval is written to {file} but git could not commit it: {why}\nfix that "
                            f"(signing, hooks) and run: {again}"))
    sha = subprocess.run(["git", "-C", str(settings.root), "rev-parse", "--short=10", "HEAD"], capture_output=True,
                         timeout=_TIMEOUT, check=False).stdout.decode().strip()
    return f"{sha}{' (signed)' if sign else ''}"


def approval_day() -> date:
    """The day an approval is dated: the clock's today, never an option or a repository
    setting (an approval dated earlier would claim to have come before its gate)."""
    return date.today()


@dataclass(frozen=True)
class _Prepared:
    """One approval ready to write: the file's text with it added, and what to say. Replacing
    an earlier approval of the same person takes two steps: ``withdrawn`` is the file
    without the earlier entry, committed first, so that git shows every line of the fresh
    entry (``edited``, appended after the others) as the approver's, whatever happened to
    the earlier one (a squash merge put it on someone else's commit)."""

    entry: Entry
    me: Person
    approval: Approval
    withdrawn: bytes | None
    edited: bytes
    said: str


def _prepare(settings: Settings, repository: Repository, authority: Repository, text: bytes, entry: Entry,
             today: date, role: str | None, note: str | None, words: _Words,
             broken: Mapping[Key, Distrust] | None = None) -> _Prepared:
    """The approval of ``entry`` (read from ``repository``) by the person running the
    command, who is identified, and whose roles are read, in ``authority``: the approver's
    own checkout, never the change under review. An approval of theirs in ``broken`` (one
    git does not show them adding, as after a squash merge) is replaced, not kept."""
    broken = broken or {}
    try:
        ruleset = judging(repository, entry, today)
        ctx = context(repository, today)
        trusted = context(authority, today) if authority is not repository else ctx
    except ConfigurationError as exc:
        raise click.UsageError(str(exc)) from exc
    me = _me(settings, trusted)
    target = entry.record
    rid, title = target.id, Message(type(target).title_zh, type(target).title_en)(words.lang)
    needed = needs(entry, ruleset, ctx)
    if not needed:
        raise Refused(words(f"规则集没有要求审批{title} {rid}，无需审批",
                            f"no rule asks for an approval of {title.lower()} {rid}: there is nothing to approve"))
    if target.owner == me.id:
        raise Refused(words(f"{rid} 的负责人是你本人，不能自己审批自己：请有权审批的人运行 handbook approve {rid}",
                            f"you own {rid} and cannot approve it yourself: ask someone who may approve it to run "
                            f"`handbook approve {rid}`"))
    if any(me.id in n.barred for n in needed):
        raise Refused(words(f"你是 {rid} 涉及的当事人，不能审批它", f"{rid} is about you, so you cannot approve it"))
    held = me.roles_on(today)
    if not any(set(n.roles) & held for n in needed):
        asked = [words.roles(ctx, n.roles) for n in needed]
        who = sorted({ctx.person_name(p) for n in needed for p in holders(trusted, n.roles, today)} - {
            ctx.person_name(target.owner)})
        mine = words.roles(ctx, sorted(held)) if held else words("无", "none")
        raise Refused(words(f"{rid} 须由{'；'.join(asked)}审批，你（{ctx.person_name(me.id)}）今天担任的角色是："
                            f"{mine}。今天可以审批的人：{'、'.join(who) or '无'}",
                            f"{rid} needs an approval by {'; '.join(asked)}, and you ({ctx.person_name(me.id)}) "
                            f"hold today: {mine}. Who may approve it today: {', '.join(who) or 'nobody'}"))
    now = digest(target)
    replace = None
    for index in _own(target, me.id):
        earlier = target.approvals[index]
        if pins(earlier.digest, target, now) and (target.id, earlier) not in broken:
            raise Refused(words(f"你已于 {earlier.date} 审批过 {rid}，内容此后没有改变，无需再次审批",
                                f"you already approved {rid} on {earlier.date} and it has not changed since"))
        replace = index if replace is None else replace
    chosen = _choose(needed, ctx, entry, held, role, words)
    approval = Approval(role=chosen, person=me.id, date=today, note=note.strip() if note else None, digest=now)
    file = entry.source.file
    kept = [a for index, a in enumerate(target.approvals) if index != replace]
    try:
        withdrawn = remove(text.decode("utf-8"), file, entry.path, replace) if replace is not None else None
        edited = insert(withdrawn if withdrawn is not None else text.decode("utf-8"), file, entry.path, approval)
        again = _reread(file, decode(edited.encode("utf-8")), target, entry.path)
        between = _reread(file, decode(withdrawn.encode("utf-8")), target, entry.path) if withdrawn else None
    except (EntryError, UnicodeDecodeError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise Refused(words(f"{file}：无法在不改动其他内容的情况下加入审批（{exc}），文件未作任何修改",
                            f"{file}: the approval cannot be added without changing something else ({exc}); "
                            "nothing was written")) from exc
    if digest(again) != now or list(again.approvals) != [*kept, approval] or (
            between is not None and (digest(between) != now or list(between.approvals) != kept)):
        raise Refused(words(f"{file}：修改后的文件不再是原记录加上你的审批，文件未作任何修改",
                            f"{file}: the edited file would not hold the same record with your approval added; "
                            "nothing was written"))
    role_name = ctx.role_name(chosen)(words.lang)
    unverified_earlier = replace is not None and pins(target.approvals[replace].digest, target, now)
    replaced = ""
    if unverified_earlier:
        replaced = words("，替换了此前无法核实的审批",
                         ", replacing the earlier approval, which git did not show you adding")
    elif replace is not None:
        replaced = words("，替换了此前失效的审批", ", replacing the earlier approval that had gone stale")
    said = words(f"{file}：{ctx.person_name(me.id)} 以{role_name}身份审批了 {rid}（{today}，{now[:19]}…）{replaced}",
                 f"{file}: {ctx.person_name(me.id)} approved {rid} as {role_name} ({today}, {now[:19]}...)"
                 f"{replaced}")
    return _Prepared(entry, me, approval, withdrawn.encode("utf-8") if withdrawn is not None else None,
                     edited.encode("utf-8"), said)


def _message(prepared: _Prepared) -> str:
    record, approval, me = prepared.entry.record, prepared.approval, prepared.me
    return (f"Approve {record.id} as {approval.role}\n\n"
            f"Approved-by: {me.name} ({me.id})\nApproval-digest: {approval.digest}\n")


def _withdrawal(prepared: _Prepared) -> str:
    me = prepared.me
    return (f"Withdraw {me.name}'s earlier approval of {prepared.entry.record.id} to give it again\n\n"
            f"Withdrawn-by: {me.name} ({me.id})\n")


def _approve_on_branch(settings: Settings, wanted: str, branch: str, today: date, role: str | None,
                       note: str | None, words: _Words) -> None:
    """``approve --branch``: read the record from the branch's git objects, commit the
    approval onto the branch; the branch's own code is never run (see checker.approvals.onbranch)."""
    try:
        parent = branch_commit(settings.root, branch)
    except BranchError as exc:
        raise click.UsageError(str(exc)) from exc
    folder = settings.records.relative_to(settings.root).as_posix()
    cache = ParseCache(default_folder(settings.root))
    repository = load(settings.root, settings.records, cache, settings.max_file_kib * 1024,
                      tree=GitTree(settings.root, parent, folder))
    entry = find(repository, settings, wanted, words)
    try:
        text = read_file(settings.root, parent, entry.source.file)
    except BranchError as exc:
        raise click.UsageError(str(exc)) from exc
    own = _load(settings)  # the approver's own checkout: who they are and which roles they hold
    broken = not_verified(settings, repository, entry.record.id, revision=parent, authority=own)
    prepared = _prepare(settings, repository, own, text, entry, today, role, note, words, broken)
    sign = bool(_git_config(settings.root, "user.signingkey"))
    file = entry.source.file
    try:
        base = parent
        if prepared.withdrawn is not None:
            base = make_commit(settings.root, parent, file, prepared.withdrawn, _withdrawal(prepared), sign)
        commit = make_commit(settings.root, base, file, prepared.edited, _message(prepared), sign)
        move_branch(settings.root, branch, commit, parent)
    except BranchError as exc:
        raise Refused(words(f"审批没有提交到分支 {branch}：{exc}", f"the approval was not committed onto {branch}: "
                            f"{exc}")) from exc
    click.echo(prepared.said)
    signed = words("（已签名）", " (signed)") if sign else ""
    click.echo(words(f"已提交到分支 {branch}：{commit[:10]}{signed}。请推送：git push origin {branch}",
                     f"committed onto branch {branch}: {commit[:10]}{signed}. Push it: "
                     f"git push origin {branch}"))


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """The record file held against another ``handbook approve`` of it until the approval is
    written (and committed): the second one waits, then finds the file changed and stops."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise click.UsageError(f"{path}: {exc}") from exc
    with handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _approve_here(settings: Settings, wanted: str, commit: bool, today: date, role: str | None,
                  note: str | None, words: _Words) -> None:
    """``approve`` in the working tree: for a record already on the branch the approver has
    checked out (their own main branch), never a pull request's branch."""
    repository = _load(settings)
    entry = find(repository, settings, wanted, words)
    path = settings.root / entry.source.file
    if commit:
        _check_clean(settings, entry.source.file, words)
    with _locked(path):
        raw = path.read_bytes()
        if cache_digest(raw, os.path.splitext(entry.source.file)[1]) != entry.source.key:
            raise Refused(words(f"{entry.source.file} 在审批过程中被修改（可能有人同时审批）：文件未作任何修改，"
                                "请重新运行",
                                f"{entry.source.file} changed while the approval was being made (someone may have "
                                "approved it at the same moment): nothing was written; run the command again"))
        prepared = _prepare(settings, repository, repository, raw, entry, today, role, note, words,
                            not_verified(settings, repository, entry.record.id))
        if prepared.withdrawn is not None and not commit and settings.approvals != "text":
            raise Refused(words("替换你此前的审批需要两个提交（先撤下、再加入），这样新审批的每一行都出自你本人的提交："
                                "请加上 --commit 重新运行",
                                "replacing your earlier approval takes two commits (withdraw it, then add the new "
                                "one), so that every line of the new one is yours: run again with --commit"))
        try:
            if prepared.withdrawn is not None and commit:
                write_inside(settings.root, path, prepared.withdrawn)
                _commit(settings, entry.source.file, _withdrawal(prepared), words)
            write_inside(settings.root, path, prepared.edited)
        except UnsafeWrite as exc:
            raise click.UsageError(str(exc)) from exc
        click.echo(prepared.said)
        if commit:
            click.echo(words("已提交：", "committed: ") + _commit(settings, entry.source.file, _message(prepared),
                                                                 words))
    if not commit and settings.approvals != "text":
        click.echo(words(f"这个仓库核实审批（{settings.approvals}）：请以你本人的身份提交这一改动"
                         f"{'并签名' if settings.approvals == 'signed' else ''}（或使用 --commit）。",
                         f"this repository verifies approvals ({settings.approvals}): commit this change as "
                         f"yourself{', signed' if settings.approvals == 'signed' else ''} (or use --commit)."))


@click.command()
@click.argument("record")
@click.option("--role", help="The role you approve in, when you hold several that may approve it.")
@click.option("--note", help="Your note (审批意见), one line.")
@click.option("--branch", metavar="BRANCH", help="Approve the record as it is on this local branch (a pull "
              "request's), from your own main branch: the approval is committed onto BRANCH by the checker you "
              "run here, and nothing of the branch is checked out or run. Push the branch afterwards.")
@click.option("--commit", "commit", is_flag=True, help="Commit the change as you (signed when you have set up "
              "signing: git config user.signingkey). Implied by --branch.")
@LANG
@ROOT
def approve(record: str, role: str | None, note: str | None, branch: str | None, commit: bool,
            lang: str | None, root: Path | None) -> None:
    """Approve RECORD (its id or its file) as yourself, dated today.

    You are the person whose git.emails list your `git config user.email`. You must hold,
    today, a role the rule set asks to approve this record, and must not own it or be
    its subject. The approval entry (role, person, date and the digest of the record's
    content) is added after the record's other approvals; nothing else in the file
    changes. A stale approval of yours is replaced. For a pull request, stay on your
    main branch and name the pull request's branch with --branch.
    """
    settings = settings_of(root)
    words = _Words(cast(Lang, lang or settings.lang))
    if note is not None and ("\n" in note or "\r" in note or not note.strip()):
        raise click.BadParameter("give the note as one line of text", param_hint="--note")
    today = approval_day()
    if branch is not None:
        _approve_on_branch(settings, record, branch, today, role, note, words)
    else:
        _approve_here(settings, record, commit, today, role, note, words)


# ---------------------------------------------------------------------- pending


@dataclass(frozen=True)
class Pending:
    """One approval waiting for a person: by ``role`` (one of those they hold)."""

    entry: Entry
    roles: tuple[str, ...]
    gate: date | None
    stale_since: date | None = None  # their own approval, given on this day, went stale (or does not verify)
    broken: Distrust | None = None  # why their own approval does not count, though it pins the record
    branch: Branch | None = None  # the open branch the record waits on (None: the one checked out)


def not_verified(settings: Settings, repository: Repository, record: str | None = None,
                 person: str | None = None, revision: str | None = None,
                 authority: Repository | None = None) -> dict[Key, Distrust]:
    """At the ``author`` and ``signed`` levels, the approvals (of ``record``, or by
    ``person``) that pin their record but that git does not show their approver adding,
    as after a squash merge; {} at ``text`` or when git cannot tell (a shallow clone).
    ``revision``: the commit ``repository`` was read from (a branch's), verified there with
    the people of ``authority`` (the approver's own checkout)."""
    if settings.approvals == "text":
        return {}
    def asked(target: Target) -> bool:
        return record in (None, target.entry.record.id) and person in (None, target.approval.person)

    try:
        found = unverified(settings, repository, None, ParseCache(default_folder(settings.root)),
                           settings.max_file_kib * 1024, only=asked, revision=revision, authority=authority).distrusted
    except (VerifyError, GitError):
        return {}
    return {k: v for k, v in found.items() if v.severity == "error"}


def pending(repository: Repository, person: str, today: date,
            broken: Mapping[Key, Distrust] | None = None) -> list[Pending]:
    """What waits for ``person``'s approval today: records needing an approval in a role they
    hold that no valid approval satisfies yet (and that they may give), and their own
    approvals the record's later changes made stale or that do not verify (``broken``).
    Soonest gate first."""
    broken = broken or {}
    ctx = context(repository, today)
    me = ctx.people.get(person)
    if me is None:
        return []
    held = me.roles_on(today)
    found: list[Pending] = []
    for entry in repository.entries:
        record = entry.record
        if record.owner == person:
            continue
        try:
            wanted = needs(entry, judging(repository, entry, today), ctx)
        except ConfigurationError:
            continue
        mine = [record.approvals[i] for i in _own(record, person)]
        now = digest(record)
        reason = next((broken[(record.id, a)] for a in mine if (record.id, a) in broken), None)
        if reason is None and any(a.digest is None or pins(a.digest, record, now) for a in mine):
            continue  # given (one without a digest cannot be told stale)
        stale_since = mine[0].date if mine else None
        for need in wanted:
            if person in need.barred or not set(need.roles) & held:
                continue
            if stale_since is None and satisfied(ctx, entry, need):
                continue
            found.append(Pending(entry, tuple(r for r in need.roles if r in held), need.gate, stale_since, reason))
            break
    return sorted(found, key=lambda p: (p.gate or date.max, p.entry.source.file, p.entry.record.id))


@click.group()
def approvals() -> None:
    """Approvals: what waits for yours."""


@approvals.command("pending")
@click.option("--person", help="Whose approvals to list (a person id; default: you, from git config user.email).")
@AS_OF
@LANG
@ROOT
def approvals_pending(person: str | None, as_of: date | None, lang: str | None, root: Path | None) -> None:
    """List the records that wait for your approval (or PERSON's), soonest first."""
    settings = settings_of(root)
    words = _Words(cast(Lang, lang or settings.lang))
    today = day_of(settings, as_of)
    repository = _load(settings)
    try:
        ctx = context(repository, today)
    except ConfigurationError as exc:
        raise click.UsageError(str(exc)) from exc
    if person is None:
        person = _me(settings, ctx).id
    elif person not in ctx.people:
        guess = difflib.get_close_matches(person, list(ctx.people), n=1)
        raise click.UsageError(f"no person {person!r} in the people records"
                               + (f"; did you mean {guess[0]}?" if guess else ""))
    items = pending(repository, person, today, not_verified(settings, repository, person=person))
    items += on_open_branches(settings, repository, person, today)
    who = ctx.person_name(person)
    if not items:
        click.echo(words(f"没有等待 {who} 审批的记录（{today}）。", f"Nothing waits for {who}'s approval ({today})."))
        return
    click.echo(words(f"等待 {who} 审批的记录（{today}）：", f"Waiting for {who}'s approval ({today}):"))
    for item in items:
        record = item.entry.record
        title = Message(type(record).title_zh, type(record).title_en)(words.lang)
        role = words.roles(ctx, item.roles)
        when = (words(f"，须在 {item.gate} 前", f", due by {item.gate}") if item.gate else "")
        late = words("（已逾期）", " (overdue)") if item.gate and item.gate < today else ""
        again = (words(f"；你于 {item.stale_since} 的审批在记录改动后已失效", f"; changed since you approved it on "
                       f"{item.stale_since}") if item.stale_since and item.broken is None else "")
        if item.broken is not None:
            again = words(f"；你于 {item.stale_since} 的审批无法核实：{item.broken.detail.zh}",
                          f"; your approval of {item.stale_since} does not verify: {item.broken.detail.en}")
        where = ""
        if item.branch is not None:
            fetch = (f"git fetch {item.branch.remote} {item.branch.local}:{item.branch.local} && "
                     if item.branch.remote else "")
            where = words(f"（在分支 {item.branch.name} 上：{fetch}handbook approve {record.id} --branch "
                          f"{item.branch.local}）",
                          f" (on branch {item.branch.name}: {fetch}handbook approve {record.id} --branch "
                          f"{item.branch.local})")
        click.echo(f"  {item.entry.source.file}  {title} {record.id}  "
                   + words(f"以{role}身份审批", f"as {role}") + when + late + again + where)
    click.echo(words(f"共 {len(items)} 项。审批拉取请求中的记录：在主分支上运行 "
                     "handbook approve 记录编号 --branch 分支名",
                     f"{len(items)} in all. To approve a pull request's record, from your main branch: handbook "
                     "approve RECORD-ID --branch BRANCH"))


def on_open_branches(settings: Settings, repository: Repository, person: str, today: date) -> list[Pending]:
    """What waits for ``person`` on the open branches (pull requests): each branch's records
    read from git's objects; a record the branch holds exactly as the one checked out is
    not listed again."""
    here = {e.record.id: e.record for e in repository.entries}
    folder = settings.records.relative_to(settings.root).as_posix()
    cache = ParseCache(default_folder(settings.root))
    found: list[Pending] = []
    for branch in open_branches(settings.root):
        try:
            theirs = load(settings.root, settings.records, cache, settings.max_file_kib * 1024,
                          tree=GitTree(settings.root, branch.commit, folder), reuse=repository)
            waiting = pending(theirs, person, today)
        except (GitError, ConfigurationError):
            continue  # a branch that cannot be read or has no rule set in force waits for nothing
        found += [replace(item, branch=branch) for item in waiting
                  if here.get(item.entry.record.id) != item.entry.record]
    return found


# ---------------------------------------------------------------------- codeowners


def expected_codeowners(settings: Settings, repository: Repository, today: date) -> str:
    return next(accepted_codeowners(settings, repository, today))


def accepted_codeowners(settings: Settings, repository: Repository, today: date) -> Iterator[str]:
    """The CODEOWNERS texts that are up to date today: today's first (ConfigurationError, at
    once, without a rule set in force), then, as they are asked for, those prepared for a
    day of the next ``PREPARE_DAYS`` (a role change with a date ahead)."""
    people = list(Context(as_of=today, effective=today, entries=repository.entries).people.values())
    records = settings.records.relative_to(settings.root).as_posix()

    def on(day: date) -> str:
        return owners_file.generate(ruleset_in_force(repository, day).record, people, day,  # type: ignore[arg-type]
                                    records)

    return itertools.chain([on(today)], (on(today + timedelta(days=ahead))
                                         for ahead in range(1, owners_file.PREPARE_DAYS + 1)))


@click.command()
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 when .github/CODEOWNERS is "
              "missing or out of date (for CI and pre-commit).")
@AS_OF
@ROOT
def codeowners(check_only: bool, as_of: date | None, root: Path | None) -> None:
    """Write .github/CODEOWNERS from the roles and people records: each record folder needs a
    review from someone holding a role that approves its records (by their GitHub user
    name, git.github on their person record). Run it after changing roles, people or the
    rule set, and commit the result; `handbook check` fails while it is out of date. A
    role change with a date ahead is prepared with --as-of that day (accepted up to a
    week before it)."""
    settings = settings_of(root)
    today = day_of(settings, as_of)
    repository = _load(settings)
    try:
        accepted = accepted_codeowners(settings, repository, today)
        text = next(accepted)
    except ConfigurationError as exc:
        raise click.UsageError(str(exc)) from exc
    target = settings.root / owners_file.FILE
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if check_only:
        if current is None or (current != text and current not in accepted):
            click.echo(f"{owners_file.FILE} is {'missing' if current is None else 'out of date'}: run "
                       "`handbook codeowners` and commit the result", err=True)
            sys.exit(1)
        click.echo(f"{owners_file.FILE} is up to date")
        return
    if current == text:
        click.echo(f"{owners_file.FILE} is up to date")
        return
    try:
        write_inside(settings.root, target, text.encode("utf-8"))
    except UnsafeWrite as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"wrote {owners_file.FILE}")
