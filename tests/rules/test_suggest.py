"""Did you mean: a broken link names the record it most likely meant; a bad role lists the roles."""

from __future__ import annotations

import difflib
import shutil
from datetime import date
from pathlib import Path

import pytest

from checker.loading.repository import Entry, Source, load
from checker.records import KINDS
from checker.rules.context import Context
from checker.rules.engine import Engine
from checker.rules.suggest import closest, did_you_mean
from tests.conftest import PROJECT, world


@pytest.fixture(scope="module")
def ctx() -> Context:
    entries = [Entry(KINDS[item["kind"]].model_validate(item), Source("records/x.yaml", "records/x.yaml"), ())
               for item in world()]
    return Context(as_of=date(2026, 6, 30), effective=date(2026, 1, 1), entries=entries)


@pytest.mark.parametrize(("target", "meant"), [
    ("li-na", "p-li-na"),            # the prefix left out
    ("李娜", "p-li-na"),              # the name written for the id
    ("P-LI-NA", "p-li-na"),          # another case
    ("p-li-nna", "p-li-na"),         # a typo
    ("p-nobody-at-all", None),       # nothing close
])
def test_the_person_a_link_most_likely_meant(ctx: Context, target: str, meant: str | None) -> None:
    assert closest(target, ("person",), ctx) == meant


def test_the_suggestion_names_the_person_in_both_languages(ctx: Context) -> None:
    hint = did_you_mean("li-na", ("person",), ctx)
    assert hint.zh == "，最接近的是 p-li-na（李娜）"
    assert hint.en == "; the closest is p-li-na (李娜)"


def test_nothing_close_adds_nothing(ctx: Context) -> None:
    assert did_you_mean("zzz-unknown", ("person",), ctx).zh == ""


def test_a_bad_role_lists_every_role(ctx: Context) -> None:
    hint = did_you_mean("marketing-manger", ("role",), ctx)
    assert hint.zh.startswith("，最接近的是 marketing-manager（营销经理）；可用的角色：")
    for role in ctx.roles.values():
        assert f"{role.id}（{role.name_zh}）" in hint.zh and f"{role.id} ({role.name_en})" in hint.en


def test_a_broken_link_in_the_sample_suggests_the_id(tmp_path: Path) -> None:
    """End to end through the links rule: ``li-na`` for an approver suggests ``p-li-na``."""
    shutil.copytree(PROJECT / "records", tmp_path / "records")
    quote = tmp_path / "records" / "quotes" / "QT-2026-001.yaml"
    quote.write_text(quote.read_text(encoding="utf-8").replace("person: p-li-na", "person: li-na"), encoding="utf-8")
    report = Engine(load(tmp_path, tmp_path / "records"), date(2026, 11, 20)).run()
    [finding] = [f for f in report.findings if f.rule == "links-resolve"]
    assert finding.file == "records/quotes/QT-2026-001.yaml"
    assert "li-na" in finding.message.zh and "最接近的是 p-li-na（李娜）" in finding.message.zh
    assert "the closest is p-li-na (李娜)" in finding.message.en


def test_among_many_records_a_typo_is_looked_for_one_edit_away(monkeypatch: pytest.MonkeyPatch) -> None:
    customer = {"kind": "customer", "owner": "p-li-na", "class": "key", "since": "2026-01-10"}
    entries = [Entry(KINDS["customer"].model_validate({**customer, "id": f"C-{n:05d}", "name": f"客户{n}"}),
                     Source("records/c.yaml", "records/c.yaml"), ()) for n in range(5000)]
    many = Context(as_of=date(2026, 6, 30), effective=date(2026, 1, 1), entries=entries)
    compared: list[int] = []
    real = difflib.get_close_matches

    def counting(word: str, possibilities: list[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
        compared.append(len(possibilities))
        return real(word, possibilities, n, cutoff)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    assert closest("C-904005", ("customer",), many) == "C-04005"  # one digit too many
    found = closest("C-0400", ("customer",), many)  # one digit short: any id with one more
    assert found is not None and any(found[:at] + found[at + 1:] == "C-0400" for at in range(len(found)))
    assert closest("客户77", ("customer",), many) == "C-00077"
    assert closest("zzzzzzzz", ("customer",), many) is None
    assert max(compared) < 50  # never the whole pool: each broken link costs the same at any size
