"""Authority comes from the base: under ``check --base``, an approval the change adds counts
only when its approver is a person on the base who held, by the base's people records,
the role they approve in on the approval's date.

A change may add a person or grant a role (a new salesperson, a promotion): that grant
is itself reviewed (CODEOWNERS asks the roles that approve the rule set for a review of
``records/people/`` and ``records/roles/``) and counts from the next change on, once it
is merged. Without this, anyone could add a person holding ``management`` and approve
with them in the same pull request, or give themselves a role and use it at once.

The reporting lines are authority too: an approval that must rank above someone
(``superior_of``) is judged by the roles' ``reports_to`` and ``team``. A change that
redraws them (the supervisor's role made to report to the salesperson's) cannot use the
new lines for its own approvals: an approval the change adds in a role whose place in the
lines the change moves does not count until the new lines are merged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from checker.approvals.gitcheck import Target
from checker.findings import Finding, Message
from checker.loading.repository import Entry
from checker.records.general import Person, Role
from checker.rules.trust import UNVERIFIED, Distrust, Key, key


@dataclass(frozen=True)
class _Says:
    who: str
    date: str
    role: str

    def not_on_base(self) -> Distrust:
        return Distrust(UNVERIFIED,
                        Message(f"{self.who} {self.date} 的审批不算数：{self.who} 不在基准版本的人员记录中；"
                                "本次改动新增的人员，要等人员记录合并之后才能审批",
                                f"the approval by {self.who} dated {self.date} does not count: {self.who} is not a "
                                "person on the base; a person added in this change may approve once their record "
                                "is merged"),
                        Message("先单独提交新增人员的拉取请求并合并（由管理层审阅），再请其审批本记录。",
                                "Merge the new person's record first, in a pull request of its own that "
                                "management reviews; then ask them to approve this record."))

    def role_not_held(self) -> Distrust:
        return Distrust(UNVERIFIED,
                        Message(f"{self.who} {self.date} 的审批不算数：按基准版本的人员记录，{self.who} 当天不担任 "
                                f"{self.role}；本次改动授予的角色，要等合并之后才能用于审批",
                                f"the approval by {self.who} dated {self.date} does not count: by the base's people "
                                f"records {self.who} did not hold {self.role} that day; a role granted in this change "
                                "counts once it is merged"),
                        Message(f"先单独提交授予 {self.role} 的拉取请求并合并（由管理层审阅），再审批本记录；"
                                "或请基准版本中担任该角色的人审批。",
                                f"Merge the grant of {self.role} first, in a pull request of its own that management "
                                "reviews, then approve this record; or ask someone who holds the role on the base."))

    def lines_redrawn(self) -> Distrust:
        return Distrust(UNVERIFIED,
                        Message(f"{self.who} {self.date} 的审批不算数：本次改动修改了 {self.role} 在汇报关系"
                                "（reports_to、team）中的位置；新的汇报关系要等合并之后才能用于审批",
                                f"the approval by {self.who} dated {self.date} does not count: this change moves "
                                f"{self.role} in the reporting lines (reports_to, team); new lines count once they "
                                "are merged"),
                        Message("先单独提交修改角色汇报关系的拉取请求并合并（由管理层审阅），再审批本记录。",
                                "Merge the change to the roles' reporting lines first, in a pull request of its own "
                                "that management reviews; then approve this record."))


def from_base(targets: Iterable[Target], base_people: Mapping[str, Person],
              name: Callable[[str], str], base_roles: Mapping[str, Role] | None = None,
              roles: Mapping[str, Role] | None = None) -> dict[Key, Distrust]:
    """The approvals among ``targets`` (those the change adds) that the base gives no authority
    for: an approver not on the base, a role the base does not give them that day, or a role
    whose place in the reporting lines the change moves (given both versions' roles)."""
    moved = moved_roles(base_roles, roles) if base_roles is not None and roles is not None else frozenset()
    found: dict[Key, Distrust] = {}
    for target in targets:
        approval = target.approval
        says = _Says(name(approval.person), str(approval.date), approval.role)
        person = base_people.get(approval.person)
        if person is None:
            found[key(target.entry.record, approval)] = says.not_on_base()
        elif not person.holds(approval.role, approval.date):
            found[key(target.entry.record, approval)] = says.role_not_held()
        elif approval.role in moved:
            found[key(target.entry.record, approval)] = says.lines_redrawn()
    return found


def _lines(roles: Mapping[str, Role]) -> dict[str, tuple[tuple[str, ...], bool]]:
    """Each role's chain of roles above it and its team flag."""
    def above(role: Role) -> tuple[str, ...]:
        chain: list[str] = []
        current: Role | None = role
        while current is not None and current.reports_to and current.reports_to not in chain:
            chain.append(current.reports_to)
            current = roles.get(current.reports_to)
        return tuple(chain)

    return {role.id: (above(role), role.team) for role in roles.values()}


def moved_roles(base: Mapping[str, Role], change: Mapping[str, Role]) -> frozenset[str]:
    """The roles whose rank the change may move: each whose chain above it or team flag
    differs (or that one side lacks), and every role in those chains, before or after."""
    before, after = _lines(base), _lines(change)
    moved: set[str] = set()
    for role in before.keys() | after.keys():
        if before.get(role) != after.get(role):
            moved.add(role)
            for side in (before.get(role), after.get(role)):
                moved.update(side[0] if side else ())
    return frozenset(moved)


REMOVED = "identity-removed"


def removed_identities(entries: Iterable[Entry], base_people: Mapping[str, Person]) -> list[Finding]:
    """A finding at each person record whose change deletes a git e-mail or signing key the
    base registers: the approvals given with them are verified with them for as long as the
    history is kept, so an identity that is no longer used gets ``git.until``, never a deletion."""
    found = []
    for entry in entries:
        person = entry.record
        before = base_people.get(person.id)
        if not isinstance(person, Person) or before is None or before.git is None:
            continue
        kept_emails = {e.lower() for e in person.git.emails} if person.git else set()
        kept_keys = set(person.git.signing_keys) if person.git else set()
        emails = sum(1 for e in before.git.emails if e.lower() not in kept_emails)
        keys = sum(1 for k in before.git.signing_keys if k not in kept_keys)
        if not emails and not keys:
            continue
        path = (*entry.path, "git")
        line, column = entry.source.locate(path) or (None, None)
        # how many, never which: the identities are private and findings are published
        zh = "、".join(part for part in (f"{emails} 个邮箱" if emails else "",
                                        f"{keys} 个密钥" if keys else "") if part)
        en = " and ".join(part for part in (f"{emails} e-mail{'s' * (emails > 1)}" if emails else "",
                                            f"{keys} key{'s' * (keys > 1)}" if keys else "") if part)
        found.append(Finding(
            file=entry.source.file, rule=REMOVED, severity="error", record=person.id, path=path, line=line,
            column=column, owner=person.owner,
            message=Message(f"人员 {person.id} 的 git 身份删除了基准版本登记的{zh}：用它们做出的审批仍要用它们核实，"
                            "删除后这些审批都会失效",
                            f"Person {person.id}: the change deletes {en} the base registers. The approvals made with "
                            "them are still verified with them; deleting them would void every one"),
            fix=Message("把删除的邮箱和密钥放回去；不再使用时在 git.until 中写最后可用的日期。",
                        "Put the deleted e-mails and keys back; to stop using them, set git.until to the last day "
                        "they may be used.")))
    return found
