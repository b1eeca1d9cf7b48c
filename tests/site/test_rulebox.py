"""Rule boxes and the catalogue: parameters in words, grouped by source, escaped for the site."""

from __future__ import annotations

from typing import Any

from checker.records.ruleset import RuleSpec
from checker.rules.words import Code, Names
from checker.site.rulebox import param_views, words_html

VISIT = {"zh": "定期拜访客户", "en": "visit customers regularly"}


def spec(**changes: Any) -> RuleSpec:
    data: dict[str, Any] = {
        "id": "r", "clause": "3.3.1", "type": "cadence", "severity": "error", "kinds": ["customer"],
        "when": {"field": "class", "equals": "key"},
        "params": {"groups": "records", "every": {"days": 30}, "events": {"kind": "visit", "link": "customer"}},
        "sources": {"groups": {"policy": VISIT}, "events": {"policy": VISIT},
                    "every": {"policy": VISIT, "team": {"zh": "按月走访", "en": "Visited <b>monthly</b>"}},
                    "when": {"policy": {"zh": "重点客户", "en": "key customers"}, "clause": "3.2.1"}},
        "title": {"zh": "t", "en": "t"}, "message": {"zh": "m", "en": "m"}, "fix": {"zh": "f", "en": "f"}}
    data.update(changes)
    return RuleSpec.model_validate(data)


def test_words_are_escaped_piece_by_piece_and_keep_their_spaces() -> None:
    html = words_html(("From each record's ", Code("since<script>"), " on *"))
    assert html == "From each record&\\#x27;s <code>since&#60;script&#62;</code> on \\*"


def test_parameters_sharing_a_source_are_one_line_and_team_settings_are_marked() -> None:
    views = param_views(spec(), "en", Names({}), lambda clause: f"#c{clause}")
    assert [(v.team, v.policy) for v in views] == [(False, "visit customers regularly"),
                                                   (True, "visit customers regularly"), (False, "key customers")]
    assert views[0].words == ("Checked for each record it applies to; events: customer visit "
                              "\\(<code>visit</code>\\) whose <code>customer</code> names the record checked, dated by "
                              "<code>date</code>")
    assert views[1].reason == "Visited &lt;b&gt;monthly&lt;/b&gt;"
    assert (views[2].clause, views[2].clause_link) == ("3.2.1", "#c3.2.1")
    assert views[0].clause == ""


def test_a_parameter_without_a_source_is_shown_without_one() -> None:
    views = param_views(spec(sources={}), "zh", Names({}), lambda clause: clause)
    assert len(views) == 4 and all(not v.team and not v.policy for v in views)
