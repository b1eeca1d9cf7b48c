"""The envelope every record shares: kind, id, owner and approvals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from checker.findings import FieldPath, Message
from checker.records.fields import description, field
from checker.records.types import PersonRef, RecordId, RoleRef


class Part(BaseModel):
    """A nested part of a record (a line, an item, an approval). Unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


DIGEST_PATTERN = r"^sha256:[0-9a-f]{64}$"  # see checker.records.digest


@dataclass(frozen=True)
class Problem:
    """One thing a model's own validator finds wrong with a record's values (its fields are
    each valid, they do not fit together): where, as YAML names and list indexes from the
    model that found it (``("holidays", 2, "to")``), what is wrong and how to fix it."""

    at: FieldPath
    message: Message
    fix: Message


class RecordProblems(ValueError):
    """Raised by a model's validator with every problem it found. The loader reports each
    as a finding of its own, in both languages, at its line (``checker.loading.problems``)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(problem.message.en for problem in self.problems))


class Approval(Part):
    role: RoleRef = field("审批人审批时所担任的角色", "Role the approver held when approving",
                          example="marketing-manager")
    person: PersonRef = field("审批人的人员编号", "Person id of the approver", example="p-li-na")
    date: dt.date = field("审批日期", "Date of the approval", example="2026-03-02")
    note: str | None = field("审批意见", "Note", default=None, example="同意。")
    digest: str | None = field(
        "审批所针对的记录内容摘要（由 handbook approve 写入；记录内容改动后审批即失效）",
        "Digest of the record's content as approved (written by handbook approve; a later change to the "
        "record makes the approval stale)", default=None, pattern=DIGEST_PATTERN)


class Record(BaseModel):
    """Base of every record kind.

    A subclass narrows ``kind`` to its own literal and sets ``chapter`` (the policy
    chapter it serves), ``folder`` (its directory under ``records/``), ``id_example``
    (an id in the sample's pattern, e.g. ``QT-2026-001``) and its titles.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    chapter: ClassVar[str]
    folder: ClassVar[str]
    id_example: ClassVar[str]
    title_zh: ClassVar[str]
    title_en: ClassVar[str]
    body_field: ClassVar[str | None] = None  # field that takes the body of a Markdown record
    # fields whose date decides which rule-set version judges the record (first with a value);
    # None: its first date field (see checker.records.dating)
    judged_by: ClassVar[tuple[str, ...] | None] = None

    kind: str = field("记录类型", "Record kind")
    id: RecordId = field("记录编号，全库唯一", "Record id, unique in the repository")
    owner: PersonRef = field("负责人（人员编号）", "Person responsible for the record (person id)",
                             example="p-zhang-wei", after=True)  # handing a record over re-approves nothing
    approvals: tuple[Approval, ...] = field("审批记录", "Approvals given to this record",
                                            default=())

    @classmethod
    def field_description(cls, attribute: str, lang: str) -> str:
        """A field's description in ``lang``; a kind that narrows an envelope field
        (``kind``) without describing it gets the envelope's description."""
        text = description(cls.model_fields[attribute], lang)
        if not text and attribute in Record.model_fields:
            text = description(Record.model_fields[attribute], lang)
        return text
