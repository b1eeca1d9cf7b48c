"""WeCom: msgtype markdown, content within 4096 bytes, record text never markup."""

from __future__ import annotations

from datetime import date

from checker.findings import Message
from checker.notify.digest import Block, Digest, Line, build
from checker.notify.wecom import WeCom
from checker.rules.engine import Report

AS_OF = date(2026, 11, 27)


def digest_of(people: int, items: int, text: str = "重点客户至少每 30 天拜访一次：下次截止 2026-12-01") -> Digest:
    digest = Digest(AS_OF, "zh", 3)
    for n in range(people):
        lines = [Line("soon", date(2026, 11, 28), f"C-{n:02d}{i:02d}", "杭州华新机电有限公司", text)
                 for i in range(items)]
        digest.blocks.append(Block(f"p-{n}", f"员工{n}（p-{n}）", 0, items, 0, lines))
    return digest


def test_the_documented_message_shape(company_report: Report) -> None:
    [payload] = WeCom().messages(build(company_report, "zh", within=3))
    assert set(payload) == {"msgtype", "markdown"} and payload["msgtype"] == "markdown"
    content = payload["markdown"]["content"]
    assert content.startswith("### handbook 今日待办 2026-11-27\n逾期 5 项 · 3 天内到期 2 项 · 待审批 1 项\n")
    assert "**张伟（p-zhang）**　逾期 1" in content
    assert '> <font color="warning">逾期</font> 11-02 QT-2 销售报价：宁波东海汽车零部件股份有限公司：' \
        in content


def test_a_long_digest_is_split_between_people_within_4096_bytes() -> None:
    messages = WeCom().messages(digest_of(people=12, items=6))
    assert len(messages) > 1
    assert all(len(m["markdown"]["content"].encode("utf-8")) <= 4096 for m in messages)
    total = len(messages)
    assert [m["markdown"]["content"].splitlines()[0] for m in messages][:2] == [
        f"### handbook 今日待办 2026-11-27 (1/{total})", f"### handbook 今日待办 2026-11-27 (2/{total})"]
    listed = sum(m["markdown"]["content"].count("> <font") for m in messages)
    assert listed == 12 * 6  # nobody's items are lost or repeated


def test_one_persons_part_too_long_for_a_message_is_cut_with_a_count() -> None:
    [message] = WeCom().messages(digest_of(people=1, items=200))
    content = message["markdown"]["content"]
    shown = content.count("> <font")
    assert len(content.encode("utf-8")) <= 4096 and 0 < shown < 200
    assert f"另有 {200 - shown} 项未列出" in content


def test_at_most_ten_messages_and_the_rest_counted() -> None:
    messages = WeCom().messages(digest_of(people=40, items=8))
    assert len(messages) == 10
    assert "行未发送（每次最多 10 条消息）" in messages[-1]["markdown"]["content"]


def test_record_text_cannot_mention_link_or_format() -> None:
    digest = Digest(AS_OF, "zh", 3, [Block("p-1", "<@all>", 1, 0, 0, [
        Line("overdue", AS_OF, "C-1", "[点我](https://evil.example.cn) <font color=\"warning\">",
             "**急**\n### 假标题")])])
    content = WeCom().messages(digest)[0]["markdown"]["content"]
    assert "<@all>" not in content and "](" not in content and "https://" not in content and "**急**" not in content
    assert "\n### 假标题" not in content and "＜@all＞" in content and "［点我］" in content


def test_errcode_zero_is_accepted_and_anything_else_refused() -> None:
    assert WeCom().refused({"errcode": 0, "errmsg": "ok"}) is None
    assert WeCom().refused({"errcode": 93000, "errmsg": "invalid webhook url"}) == Message(
        "企业微信拒绝了消息：errcode 93000（invalid webhook url）",
        "WeCom refused the message: errcode 93000 (invalid webhook url)")
    assert WeCom().refused("<html>") is not None
