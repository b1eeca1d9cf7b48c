"""Value types used across record kinds: money, periods, ids."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)

from checker.records.fields import Link

DEFAULT_CURRENCY = "CNY"
_MONEY_TEXT = re.compile(r"^\s*([-+]?[0-9][0-9,]*(?:\.[0-9]+)?)\s*([A-Z]{3})?\s*$")


class Money(BaseModel):
    """An exact amount with its currency. Written ``1250.00`` (CNY) or ``1250.00 USD``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: Decimal
    currency: str = DEFAULT_CURRENCY

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, (int, Decimal)):
            return {"amount": value}
        if isinstance(value, str):
            match = _MONEY_TEXT.match(value)
            if not match:
                raise ValueError(f"not an amount of money: {value!r} (write e.g. 1250.00 or 1250.00 USD)")
            try:
                amount = Decimal(match.group(1).replace(",", ""))
            except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
                raise ValueError(f"not an amount of money: {value!r}") from exc
            return {"amount": amount, "currency": match.group(2) or DEFAULT_CURRENCY}
        return value

    def __str__(self) -> str:
        return f"{self.amount:,.2f} {self.currency}"


def _period_text(value: Any) -> Any:
    return value if not isinstance(value, int) else str(value)


@dataclass(frozen=True, order=True)
class Period:
    """A calendar period: a year ``2026``, quarter ``2026-Q1``, month ``2026-03`` or ISO week ``2026-W05``."""

    start: date
    end: date
    text: str

    def __str__(self) -> str:
        return self.text

    @property
    def unit(self) -> str:
        if "W" in self.text:
            return "week"
        if "Q" in self.text:
            return "quarter"
        return "month" if "-" in self.text else "year"

    @classmethod
    def parse(cls, text: str) -> Period:
        text = text.strip()
        if m := re.fullmatch(r"(\d{4})", text):
            year = int(m.group(1))
            return cls(date(year, 1, 1), date(year, 12, 31), text)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", text):
            year, quarter = int(m.group(1)), int(m.group(2))
            first = date(year, 3 * quarter - 2, 1)
            last_month = 3 * quarter
            return cls(first, date(year, last_month, calendar.monthrange(year, last_month)[1]), text)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
            year, month = int(m.group(1)), int(m.group(2))
            if not 1 <= month <= 12:
                raise ValueError(f"month {month} does not exist in {text!r}")
            return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), text)
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", text):
            year, week = int(m.group(1)), int(m.group(2))
            try:
                first = date.fromisocalendar(year, week, 1)
            except ValueError as exc:
                raise ValueError(f"week {week} does not exist in {year}") from exc
            return cls(first, first + timedelta(days=6), text)
        raise ValueError(f"not a period: {text!r} (write 2026, 2026-Q1, 2026-03 or 2026-W05)")

    @classmethod
    def of(cls, unit: str, day: date) -> Period:
        """The period of ``unit`` (week, month, quarter, year) that contains ``day``."""
        if unit == "week":
            year, week, _ = day.isocalendar()
            return cls.parse(f"{year}-W{week:02d}")
        if unit == "month":
            return cls.parse(f"{day.year}-{day.month:02d}")
        if unit == "quarter":
            return cls.parse(f"{day.year}-Q{(day.month - 1) // 3 + 1}")
        if unit == "year":
            return cls.parse(str(day.year))
        raise ValueError(f"unknown period unit {unit!r}")

    def next(self) -> Period:
        return Period.of(self.unit, self.end + timedelta(days=1))


def _parse_period(value: Any) -> Any:
    if isinstance(value, Period):
        return value
    return Period.parse(str(_period_text(value)))


PeriodField = Annotated[
    Period,
    PlainValidator(_parse_period),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}(-Q[1-4]|-\d{2}|-W\d{2})?$"}),
]

RecordId = Annotated[str, BeforeValidator(_period_text)]
PersonRef = Annotated[str, Link("person")]
RoleRef = Annotated[str, Link("role")]
CustomerRef = Annotated[str, Link("customer")]
