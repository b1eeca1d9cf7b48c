"""Value types used across record kinds: money, numbers, periods, ids.

Every number a record holds is exact (``Decimal``), finite and within a sane range,
and is written as plain decimal text (``12``, ``12.5``; no exponent, ``NaN`` or
``Infinity``). One type per meaning, each with its range on the type, where the
models' JSON schema shows it:

=================  ==========================  ==============  ========
type               range                       decimal places  used for
=================  ==========================  ==============  ========
``Amount``         0 <= x < 10^12              2               money that cannot be negative
``SignedAmount``   -10^12 < x < 10^12          2               money that may be negative
``Quantity``       0 <= x < 10^9               3               units quoted or sold
``Percent``        0 <= x <= 100               2               discounts, weights
``Score``          0 <= x <= 100               2               appraisal scores (out of 100)
``Hours``          0 < x <= 1000               2               course hours
=================  ==========================  ==============  ========

Money is below one trillion (10^12) per amount and holds whole cents (two decimal
places, as CNY does), so sums over a large repository and quote lines (quantity times
unit price) stay exact in Decimal's 28 digits.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, PydanticKnownError, core_schema

from checker.construct import constructed
from checker.records.fields import Link

DEFAULT_CURRENCY = "CNY"
# Monday first, as date.weekday() counts: the Chinese name and the English one
WEEKDAYS = (("周一", "Monday"), ("周二", "Tuesday"), ("周三", "Wednesday"), ("周四", "Thursday"),
            ("周五", "Friday"), ("周六", "Saturday"), ("周日", "Sunday"))
MONEY_LIMIT = Decimal(10) ** 12  # one trillion (一万亿), exclusive
MONEY_PLACES = 2
QUANTITY_LIMIT = Decimal(10) ** 9  # exclusive
HOURS_LIMIT = Decimal(1000)

_PLAIN_NUMBER = re.compile(r"^[-+]?[0-9]+(?:\.[0-9]+)?$")
_MONEY_TEXT = re.compile(
    r"^\s*([-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)\s*([A-Z]{3})?\s*$")


def _plain_number(value: Any) -> Any:
    """Text must be a plain decimal number; Decimal would also take 1e400, NaN, Infinity."""
    if isinstance(value, str):
        text = value.strip()
        if not _PLAIN_NUMBER.match(text):
            raise PydanticKnownError("decimal_parsing")
        return text
    return value


def _unsigned_zero(value: Decimal) -> Decimal:
    """``-0`` and ``-0.00`` are zero: keep them from printing as negative."""
    return value.copy_abs() if value.is_zero() else value


def _decimal_constraints(schema: CoreSchema) -> dict[str, Any]:
    inner = cast(dict[str, Any], schema)
    while inner.get("type") != "decimal" and "schema" in inner:
        inner = inner["schema"]
    return inner


class _DecimalText:
    """Annotation of the number types: reads plain decimal text only, turns ``-0`` into
    ``0``, and shows in the JSON schema which texts are accepted (sign, decimal places).
    Put it after the type's ``Field`` constraints."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(
            _unsigned_zero, core_schema.no_info_before_validator_function(_plain_number, handler(source)))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        json_schema = handler(schema)
        limits = _decimal_constraints(schema)
        low = limits.get("ge", limits.get("gt"))
        sign = "[-+]?" if low is None or low < 0 else "\\+?"
        places = limits.get("decimal_places")
        fraction = f"(\\.[0-9]{{1,{places}}})?" if places else "(\\.[0-9]+)?"
        for branch in json_schema.get("anyOf", ()):
            if branch.get("type") == "string":
                branch["pattern"] = f"^{sign}[0-9]+{fraction}$"
        return json_schema


MoneyAmount = Annotated[Decimal, Field(ge=0, lt=MONEY_LIMIT, decimal_places=MONEY_PLACES, allow_inf_nan=False),
                        _DecimalText()]
SignedMoneyAmount = Annotated[Decimal, Field(gt=-MONEY_LIMIT, lt=MONEY_LIMIT, decimal_places=MONEY_PLACES,
                                             allow_inf_nan=False), _DecimalText()]
Quantity = Annotated[Decimal, Field(ge=0, lt=QUANTITY_LIMIT, decimal_places=3, allow_inf_nan=False),
                     _DecimalText()]
Percent = Annotated[Decimal, Field(ge=0, le=100, decimal_places=2, allow_inf_nan=False), _DecimalText()]
Score = Annotated[Decimal, Field(ge=0, le=100, decimal_places=2, allow_inf_nan=False), _DecimalText()]
Hours = Annotated[Decimal, Field(gt=0, le=HOURS_LIMIT, decimal_places=2, allow_inf_nan=False), _DecimalText()]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class Money(BaseModel):
    """An exact amount with its currency. Written ``1250.00`` (CNY), ``1,250.00`` or ``1250.00 USD``.

    The value every money field holds (rules test ``isinstance(x, Money)``). Record
    fields are typed :class:`Amount` (never negative) or :class:`SignedAmount`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: SignedMoneyAmount
    currency: Currency = DEFAULT_CURRENCY

    @model_validator(mode="wrap")
    @classmethod
    def _from_text(cls, value: Any, handler: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
            return handler(value)
        parsed: dict[str, Any] = {"amount": value}
        if isinstance(value, str):
            match = _MONEY_TEXT.match(value)
            if not match:
                raise PydanticKnownError("decimal_parsing")
            try:
                parsed = {"amount": Decimal(match.group(1).replace(",", "")),
                          "currency": match.group(2) or DEFAULT_CURRENCY}
            except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
                raise PydanticKnownError("decimal_parsing") from exc
        try:
            return handler(parsed)
        except ValidationError as exc:
            # written as one value: the problem is this field's, not a nested "amount" field's
            first = exc.errors(include_url=False)[0]
            raise PydanticCustomError(first["type"], first["msg"], first.get("ctx")) from None

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        """Authors write money as one value; the schema shows that form before the fields."""
        json_schema = handler(schema)
        target = handler.resolve_ref_schema(json_schema)
        fields = dict(target)
        amount = fields["properties"]["amount"]
        forms = {branch["type"]: branch for branch in amount.get("anyOf", ())}
        number, text = dict(forms["number"]), forms["string"]["pattern"]
        grouped = "([0-9]{1,3}(,[0-9]{3})+|[0-9]+)"  # 1,250 or 1250
        as_text = {"type": "string", "pattern": text.removesuffix("$").replace("[0-9]+", grouped) + "( [A-Z]{3})?$"}
        target.clear()
        target.update(title=fields.pop("title", cls.__name__), description=fields.pop("description", ""),
                      anyOf=[as_text, number, fields])
        return json_schema

    def __str__(self) -> str:
        return f"{self.amount:,.2f} {self.currency}"

    # Arithmetic and comparison: the one definition of money every rule and page uses.
    # Amounts in different currencies are never added or compared (there is no exchange
    # rate in the records): doing so raises CurrencyMismatch.

    @classmethod
    def of(cls, amount: Decimal | int | str, currency: str = DEFAULT_CURRENCY) -> Money:
        """A computed amount (a sum, a limit), without the range check records get."""
        return constructed(Money, {"amount": Decimal(amount), "currency": currency}, _BOTH)

    @classmethod
    def parse(cls, value: Any) -> Money:
        """A threshold from the rule data (``500000`` is CNY, ``500000 USD`` is not)."""
        if isinstance(value, Money):
            return value
        try:
            return _threshold(value)
        except TypeError:  # not hashable: read it every time
            return _threshold.__wrapped__(value)

    @classmethod
    def total(cls, amounts: Iterable[Money], currency: str = DEFAULT_CURRENCY) -> Money:
        """The sum of ``amounts`` (zero in ``currency`` when there are none)."""
        total = Decimal(0)
        for amount in amounts:
            if amount.currency != currency:
                raise CurrencyMismatch(Money.of(total, currency), amount)
            total += amount.amount
        return Money.of(total, currency)

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise CurrencyMismatch(self, other)

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money.of(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money.of(self.amount - other.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        return Money.of(self.amount * factor, self.currency)

    def ratio(self, other: Money) -> Decimal:
        """``self / other`` (zero when ``other`` is zero)."""
        self._same(other)
        return self.amount / other.amount if other.amount else Decimal(0)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        self._same(other)
        return self.amount >= other.amount

    def same_as(self, other: Money) -> bool:
        """Equal amount in the same currency (whatever the field type: Amount, Money)."""
        return self.currency == other.currency and self.amount == other.amount


@functools.lru_cache(maxsize=1024, typed=True)
def _threshold(value: Any) -> Money:
    """``Money.parse`` of a value from the rule data, read once: rules compare every record
    with the same few thresholds."""
    found = Money.model_validate(str(value).strip() if not isinstance(value, (int, Decimal)) else value)
    return Money.of(found.amount, found.currency)


_BOTH = frozenset(("amount", "currency"))  # the fields of a computed Money


class CurrencyMismatch(ValueError):
    """Two amounts in different currencies were added or compared."""

    def __init__(self, left: Money, right: Money) -> None:
        self.zh = f"{left} 与 {right} 币种不同，不能相加或比较（记录中没有汇率）"
        self.en = f"{left} and {right} are in different currencies and cannot be added or compared (no exchange rate)"
        super().__init__(self.en)
        self.left, self.right = left, right


class Amount(Money):
    """Money that cannot be negative: prices, budgets, costs, claims, receipts."""

    amount: MoneyAmount


class SignedAmount(Money):
    """Money that may be negative: a reduction of a budget, a loss."""


FLAG_WORDS = {"true": True, "false": False}


def _flag(value: Any) -> bool:
    """Only ``true`` or ``false`` (any case, as YAML 1.2 writes them). The YAML 1.1 words
    ``yes``/``no``/``on``/``off``/``y``/``n`` and ``1``/``0`` are refused: ``team: on``
    must not quietly mean true."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in FLAG_WORDS:
        return FLAG_WORDS[value.strip().lower()]
    raise PydanticKnownError("bool_parsing")


Flag = Annotated[bool, PlainValidator(_flag), PlainSerializer(bool, return_type=bool),
                 WithJsonSchema({"type": "boolean"})]
"""A true/false field: ``true`` or ``false`` only."""


def flag(value: Any) -> bool:
    """``value`` as a true/false value, as a Flag field reads it (ValueError otherwise)."""
    try:
        return _flag(value)
    except PydanticKnownError as exc:
        raise ValueError(f"write true or false, not {value!r}") from exc


TEAM_TIMEZONE = timezone(timedelta(hours=8), "UTC+08:00")  # the team works on China Standard Time


def team_time(moment: datetime) -> datetime:
    """A moment on the team's clock (China Standard Time, UTC+8), without an offset: a time
    written with an offset (``+00:00``, ``Z``) is converted; one written without is
    already the team's time. So every time compares with every other, whoever wrote it."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(TEAM_TIMEZONE).replace(tzinfo=None)


TeamTime = Annotated[datetime, AfterValidator(team_time)]
"""A date and time, read as China Standard Time unless written with another offset."""


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
        return _period_of(unit, day)

    @classmethod
    def _of(cls, unit: str, day: date) -> Period:
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


@functools.lru_cache(maxsize=8192)
def _period_of(unit: str, day: date) -> Period:
    """``Period.of``, worked out once for each day: the rules ask it of every record."""
    return Period._of(unit, day)

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

# A well-formed id: one that names a file the checker reads (not hidden, no path separator,
# a sane length) and reads the same in every report and on the site. ``handbook new``
# accepts only these; records written by hand are not held to it yet.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
ID_MAX_LENGTH = 64
ID_RULE = (f"an id starts with a letter or digit (A-Z, a-z, 0-9) and holds only letters, digits, '-', '_' "
           f"and '.', at most {ID_MAX_LENGTH} characters")
WellFormedId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
PersonRef = Annotated[str, Link("person")]
RoleRef = Annotated[str, Link("role")]
CustomerRef = Annotated[str, Link("customer")]
