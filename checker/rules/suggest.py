"""Did you mean: the record a broken link most likely meant, so the fix takes one round trip.

A link names a record by id (``p-li-na``); people write the name (``李娜``), drop the
prefix (``li-na``), change the case or mistype a letter. Roles are few, so a bad role
lists them all.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Sequence

from checker.findings import Message
from checker.loading.repository import Entry
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


_WHOLE_POOL = 200  # above this many ids, the typo search looks only one edit away


class _Pool:
    """The ids of some kinds of record, indexed once for every broken link that asks: by
    name, folded case, the parts around each '-', and (for a large pool) as a set."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.ids = [e.record.id for e in entries]
        self.known = set(self.ids)
        self.by_name: dict[str, list[str]] = defaultdict(list)
        self.folded: dict[str, str] = {}
        self.tails: dict[str, list[str]] = defaultdict(list)
        for entry, record_id in zip(entries, self.ids, strict=True):
            name = getattr(entry.record, "name", None)
            if isinstance(name, str):
                self.by_name[name].append(record_id)
            self.folded.setdefault(record_id.casefold(), record_id)
            parts = record_id.split("-")  # "a-b-c" ends with -"b-c" and -"c", starts with "a"- and "a-b"-
            for key in {key: None for at in range(1, len(parts))
                        for key in ("-".join(parts[at:]), "-".join(parts[:at]))}:
                self.tails[key].append(record_id)
        self.alphabet = sorted(set("".join(self.ids)))
        self.guesses: dict[str, str | None] = {}  # the same broken link is often written many times

    def one_edit_away(self, wanted: str) -> list[str]:
        """The ids one deletion, insertion, replacement or swap of neighbours from ``wanted``."""
        found: set[str] = set()
        for at in range(len(wanted) + 1):
            head, tail = wanted[:at], wanted[at:]
            variants = [head + c + tail for c in self.alphabet]
            if tail:
                variants.append(head + tail[1:])
                variants += [head + c + tail[1:] for c in self.alphabet]
            if len(tail) > 1:
                variants.append(head + tail[1] + tail[0] + tail[2:])
            found.update(v for v in variants if v in self.known)
        return sorted(found)


def _pool(kinds: Sequence[str], ctx: Context) -> _Pool:
    pools: dict[tuple[str, ...], _Pool] = ctx.__dict__.setdefault("_suggest_pools", {})
    key = tuple(kinds)
    if key not in pools:
        pools[key] = _Pool([e for kind in kinds for e in ctx.by_kind.get(kind, [])])
    return pools[key]


def closest(target: str, kinds: Sequence[str], ctx: Context) -> str | None:
    """The id of a record of one of ``kinds`` that ``target`` most likely meant, or None.

    Each broken link costs the same however many records there are: the ids are indexed
    once per run, and among more than ``_WHOLE_POOL`` ids a typo is looked for only one
    edit away (difflib over every id would make a bad day's findings quadratic)."""
    pool = _pool(kinds, ctx)
    wanted = target.strip()
    if wanted not in pool.guesses:
        pool.guesses[wanted] = _guess(pool, wanted)
    return pool.guesses[wanted]


def _guess(pool: _Pool, wanted: str) -> str | None:
    if not wanted or not pool.ids:
        return None
    by_name = pool.by_name.get(wanted, [])
    if len(by_name) == 1:
        return by_name[0]
    folded = pool.folded.get(wanted.casefold())
    if folded is not None:
        return folded
    tails = pool.tails.get(wanted, [])
    if len(tails) == 1:
        return tails[0]
    candidates = pool.ids if len(pool.ids) <= _WHOLE_POOL else pool.one_edit_away(wanted)
    close = difflib.get_close_matches(wanted, candidates, n=1, cutoff=_CUTOFF)
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
