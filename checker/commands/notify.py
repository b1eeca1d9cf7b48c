"""``handbook notify``: post the day's digest to the team chat's group robot."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import cast

import click

from checker.cli import EXIT_ERRORS
from checker.escaping import terminal_text
from checker.findings import Lang
from checker.notify.digest import build
from checker.notify.dingtalk import DingTalk
from checker.notify.feishu import Feishu
from checker.notify.send import SECRET_VARIABLE, DeliveryError, WebhookMissing, post, webhook
from checker.notify.service import Service
from checker.notify.wecom import WeCom
from checker.options import AS_OF, LANG, ROOT, day_of, settings_of
from checker.pipeline import CheckOptions, run

SERVICES: dict[str, type[Service]] = {"wecom": WeCom, "dingtalk": DingTalk, "feishu": Feishu}


@click.command()
@click.option("--service", type=click.Choice(sorted(SERVICES)), required=True,
              help="The chat service: wecom (企业微信), dingtalk (钉钉) or feishu (飞书).")
@click.option("--dry-run", is_flag=True, help="Print the messages as JSON instead of sending them.")
@click.option("--within", type=click.IntRange(0, 366), default=3, show_default=True,
              help="How many days ahead count as due soon.")
@AS_OF
@LANG
@ROOT
def notify(service: str, dry_run: bool, within: int, as_of: date | None, lang: str | None,
           root: Path | None) -> None:
    """Post the day's overdue and due-soon items, per person, to a team chat's group robot.

    The robot's webhook address comes from the environment variable HANDBOOK_WEBHOOK_URL
    (a CI secret; never in the repository, never printed); a robot that checks
    signatures takes its secret from HANDBOOK_WEBHOOK_SECRET. Long digests are split into
    several messages within the service's size limit.

    Exit code 0: sent (or, with --dry-run, printed; or nothing to send); 1: the service
    could not be reached or refused a message; 2: usage problem (no webhook address).
    """
    settings = settings_of(root)
    language = cast(Lang, lang or settings.lang)
    chosen = SERVICES[service]()
    url = None
    if not dry_run:
        try:
            url = webhook(os.environ)
        except WebhookMissing as exc:
            raise click.UsageError(exc.message(language)) from exc
    report = run(CheckOptions(settings, day_of(settings, as_of), language))
    digest = build(report, language, within, os.environ.get("HANDBOOK_SITE_URL") or None)
    payloads = chosen.messages(digest)
    if dry_run:
        click.echo(json.dumps(payloads, ensure_ascii=False, indent=2))
        return
    if digest.empty:
        click.echo("今天没有逾期或即将到期的事项，没有发送消息。" if language == "zh"
                   else "Nothing is overdue or due soon today; no message was sent.")
        return
    assert url is not None
    try:
        sent = post(chosen, url, payloads, os.environ.get(SECRET_VARIABLE) or None)
    except DeliveryError as exc:
        click.echo(terminal_text(exc.message(language)), err=True)
        sys.exit(EXIT_ERRORS)
    name = chosen.title(language)
    click.echo(f"已发送 {sent} 条消息到{name}。" if language == "zh" else f"Sent {sent} message(s) to {name}.")
