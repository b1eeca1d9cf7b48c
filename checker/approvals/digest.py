"""The digest an approval pins: what the record means, not how it is written.

``digest(record)`` is ``"sha256:"`` followed by the SHA-256 (hex) of the record's
canonical JSON, which is:

- the record as its model validated it (a value is what the model makes of the text:
  ``6800.00`` and ``6,800`` are one amount), under the field names written in YAML;
- without ``approvals`` and without fields left at their default (an omitted field
  and one written with its default value mean the same, and a field added to a model
  later changes no digest);
- numbers in their shortest exact decimal form (``6800``), dates and times in ISO 8601
  (``2026-01-27``), lists in their order, texts as validated (trimmed);
- keys sorted, no spaces, UTF-8 (``json.dumps(..., sort_keys=True,
  separators=(",", ":"), ensure_ascii=False)``).

So comments, key order, quoting, indentation and flow or block style never change a
digest; any change to a value does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from checker.records import Approval, Record
from checker.records.base import DIGEST_PATTERN

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


def canonical(record: Record) -> bytes:
    """The bytes the digest is taken of."""
    data = record.model_dump(by_alias=True, exclude={"approvals"}, exclude_defaults=True)
    return json.dumps(_plain(data), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def digest(record: Record) -> str:
    return PREFIX + hashlib.sha256(canonical(record)).hexdigest()


def current(approval: Approval, record: Record) -> bool | None:
    """Whether ``approval`` pins ``record`` as it is now; None when it pins nothing."""
    if approval.digest is None:
        return None
    return approval.digest == digest(record)
