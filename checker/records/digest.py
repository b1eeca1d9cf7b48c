"""The digest an approval pins: what the record means, not how it is written.

``digest(record)`` is ``"sha256:"`` followed by the SHA-256 (hex) of the record's
canonical JSON, which is:

- the record as its model validated it (a value is what the model makes of the text:
  ``6800.00`` and ``6,800`` are one amount), under the field names written in YAML;
- without ``approvals``, without the fields that record what happens after the
  approval (marked ``after`` on the record models: a quote's ``sent`` and ``status``, a
  contract's ``signed`` and ``follow_ups``, a claim's ``paid``, every record's
  ``owner``: the approver decided the content, not that it would be sent, signed, paid
  or handed over, and the rules check those against the approval's date) and without
  fields left at their default (an omitted field and one written with its default value
  mean the same, and a field added to a model later changes no digest);
- numbers in their shortest exact decimal form (``6800``), dates and times in ISO 8601
  (``2026-01-27``), lists in their order, texts as validated (trimmed);
- keys sorted, no spaces, UTF-8 (``json.dumps(..., sort_keys=True,
  separators=(",", ":"), ensure_ascii=False)``).

So comments, key order, quoting, indentation and flow or block style never change a
digest; any change to a value does.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from checker.records import Approval, Record
from checker.records.base import DIGEST_PATTERN
from checker.records.fields import after_approval

PREFIX = "sha256:"
PATTERN = DIGEST_PATTERN


def _plain(value: Any) -> Any:
    """A dumped value as JSON data, in the canonical form described above."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "0") else text
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Enum):
        return _plain(value.value)
    return str(value)


@functools.cache
def after_approval_fields(model: type[Record]) -> frozenset[str]:
    """The fields of ``model`` an approval does not pin (see the module docs)."""
    return frozenset(name for name, info in model.model_fields.items() if after_approval(info))


def canonical(record: Record, *, legacy: bool = False) -> bytes:
    """The bytes the digest is taken of; ``legacy``: as digests were taken before the
    fields recorded after an approval were left out (every field but the approvals)."""
    left_out = {"approvals"} if legacy else {"approvals", *after_approval_fields(type(record))}
    data = record.model_dump(by_alias=True, exclude=left_out, exclude_defaults=True)
    return json.dumps(_plain(data), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def digest(record: Record) -> str:
    return PREFIX + hashlib.sha256(canonical(record)).hexdigest()


def pins(pinned: str | None, record: Record, now: str | None = None) -> bool:
    """Whether the digest ``pinned`` (an approval's) pins ``record`` as it is now (``now``:
    its digest, when already taken). A digest taken the older way, of every field, still
    pins a record nothing changed in since: approvals given before the change stay valid."""
    if pinned is None:
        return False
    if pinned == (now or digest(record)):
        return True
    return pinned == PREFIX + hashlib.sha256(canonical(record, legacy=True)).hexdigest()


def current(approval: Approval, record: Record) -> bool | None:
    """Whether ``approval`` pins ``record`` as it is now; None when it pins nothing."""
    if approval.digest is None:
        return None
    return pins(approval.digest, record)
