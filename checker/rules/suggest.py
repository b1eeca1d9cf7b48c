"""Did you mean: the record a broken link most likely meant, so the fix takes one round trip.

A link names a record by id (``p-li-na``); people write the name (``李娜``), drop the
prefix (``li-na``), change the case or mistype a letter. Roles are few, so a bad role
lists them all.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from checker.findings import Message
from checker.rules.context import Context

_CUTOFF = 0.6  # difflib's ratio below which two ids are not taken for one another


def _label(ctx: Context, record_id: str) -> Message:
    """The id with the record's name beside it (a person, a customer, a role), when it has one."""
    entry = ctx.by_id.get(record_id)
    record = entry.record if entry else None
    zh = getattr(record, "name_zh", None) or getattr(record, "name", None)
    en = getattr(record, "name_en", None) or getattr(record, "name", None)
    if not isinstance(zh, str) or not isinstance(en, str):
        return Message(record_id, record_id)
    return Message(f"{record_id}（{zh}）", f"{record_id} ({en})")


def closest(target: str, kinds: Sequence[str], ctx: Context) -> str | None:
    """The id of a record of one of ``kinds`` that ``target`` most likely meant, or None."""
    entries = [e for kind in kinds for e in ctx.by_kind.get(kind, [])]
    ids = [e.record.id for e in entries]
    wanted = target.strip()
    if not wanted or not ids:
        return None
    by_name = [e.record.id for e in entries if getattr(e.record, "name", None) == wanted]
    if len(by_name) == 1:
        return by_name[0]
    folded = [i for i in ids if i.casefold() == wanted.casefold()]
    if folded:
        return folded[0]
    tails = [i for i in ids if i.endswith(f"-{wanted}") or i.startswith(f"{wanted}-")]
    if len(tails) == 1:
        return tails[0]
    close = difflib.get_close_matches(wanted, ids, n=1, cutoff=_CUTOFF)
    return close[0] if close else None


def _roles(ctx: Context) -> Message:
    roles = sorted(ctx.roles.values(), key=lambda r: r.id)
    return Message("、".join(f"{r.id}（{r.name_zh}）" for r in roles),
                   ", ".join(f"{r.id} ({r.name_en})" for r in roles))


def did_you_mean(target: str, kinds: Sequence[str], ctx: Context) -> Message:
    """A clause to add to a broken link's message: the record it most likely meant, and for a
    role every role there is; empty when there is nothing to suggest."""
    guess = closest(target, kinds, ctx)
    label = _label(ctx, guess) if guess is not None else None
    zh = f"，最接近的是 {label.zh}" if label else ""
    en = f"; the closest is {label.en}" if label else ""
    if "role" in kinds and ctx.roles:
        roles = _roles(ctx)
        zh, en = f"{zh}；可用的角色：{roles.zh}", f"{en}; the roles are {roles.en}"
    return Message(zh, en)
