"""Facts read off the record models: YAML names, nested models, links, private fields."""

from __future__ import annotations

from checker.records import MODELS
from checker.records.base import Approval
from checker.records.customers import Contact, Customer, Visit
from checker.records.expenses import ExpenseClaim, Receipt
from checker.records.general import Person
from checker.records.introspect import (
    attribute_of,
    field_names,
    links,
    private_paths,
    submodel_at,
    yaml_name,
)
from checker.records.performance import Incentive
from checker.records.sales import Contract, Quote


def test_aliases_are_the_yaml_names() -> None:
    assert "class" in field_names(Customer) and "class_" not in field_names(Customer)
    assert yaml_name(Customer, "class_") == "class"
    assert attribute_of(Customer, "class") == "class_"
    assert attribute_of(Customer, "nope") is None


def test_submodel_at() -> None:
    assert submodel_at(Customer, ("contacts", 0)) is Contact
    assert submodel_at(ExpenseClaim, ("receipts", 3)) is Receipt
    assert submodel_at(Visit, ("approvals", 0)) is Approval
    assert submodel_at(Customer, ()) is Customer
    assert submodel_at(Customer, ("name",)) is None
    assert submodel_at(Customer, ("missing",)) is None


def test_links() -> None:
    found = dict(links(Visit))
    assert found[("customer",)] == ("customer",)
    assert found[("owner",)] == ("person",)
    assert found[("approvals", "role")] == ("role",)
    assert found[("approvals", "person")] == ("person",)
    assert dict(links(Person))[("roles", "role")] == ("role",)
    assert dict(links(Quote))[("opportunity",)] == ("opportunity",)  # optional link
    assert dict(links(Contract))[("follow_ups", "by")] == ("person",)
    assert dict(links(Incentive))[("coaching", "by")] == ("person",)


def test_every_model_links_its_owner() -> None:
    for model in MODELS:
        assert dict(links(model))[("owner",)] == ("person",), model


def test_private_paths() -> None:
    assert ("contacts", "phone") in private_paths(Customer)
    assert ("contacts", "email") in private_paths(Customer)
    assert ("contacts", "name") not in private_paths(Customer)
    assert ("phone",) in private_paths(Person)
    assert ("coaching", "note") in private_paths(Incentive)
