"""Each escaping function against hostile text, checked by rendering or parsing its output
the way its target does: Python-Markdown for the site, a CommonMark parser with GFM tables
and linkify for GitHub, an XML parser, RFC 3986 for SARIF URIs."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import unquote

import markdown
import pytest
from markdown_it import MarkdownIt
from markupsafe import Markup
from mkdocs.structure.pages import _ExtractTitleTreeprocessor

from checker.escaping import (
    annotation_data,
    annotation_property,
    gfm_code,
    gfm_text,
    page_title,
    sarif_uri,
    site_anchor,
    site_code,
    site_text,
    xml_text,
)

HOSTILE = [
    "第一行\n第二行",
    "carriage\rreturn and crlf\r\nend",
    "line\u2028separator\u2029paragraph\x0bvt\x0cff\x85nel\x1cfs",
    "a | b || c",
    "`code` and ``two`` and `",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](http://e/x.png)",
    "*em* **strong** _u_ __uu__ ~~del~~",
    "www.evil.com and evil.com",
    "https://evil.com/a?b=1#c <https://evil.com> mail@evil.com",
    "&lt;b&gt; &amp; &#60;script&#62; &copy;",
    "control \x00\x01\x07\x1b[31m\x7f\x9b end",
    "lone \ud800 surrogate \udcff",
    "{: onclick=alert(1) }",
    "\\ trailing backslash \\",
    "- list",
    "1. ordered",
    "# heading",
    "> quote",
    "~~~",
    "???+ note",
    "!!! danger",
    ": definition",
    "---",
    "===",
    '--8<-- "secret.md"',
    "\x02wzxhzdk:0\x03",
    "全角\u3000空格 and  two  spaces",
]

# Python-Markdown with the extensions of the site's mkdocs.yml.
SITE_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "def_list", "toc",
                   "pymdownx.details", "pymdownx.superfences"]


class _Html(HTMLParser):
    """Tags with their attributes, and the text, of an HTML fragment."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def one_line(value: str) -> str:
    """What prose escapers promise to show: line breaks and space runs as one space, controls as U+FFFD."""
    text = re.sub(r"[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029 ]+", " ", value).strip(" ")
    return re.sub(r"[\x00-\x08\x7f-\x9f\ud800-\udfff]", "\ufffd", text)


def visible(value: str) -> str:
    r"""What code escapers promise to show: characters that do not print as escapes (``\n``)."""
    return "".join(c if c == " " or c.isprintable() else c.encode("unicode_escape").decode() for c in value)


def site_html(source: str) -> str:
    return markdown.markdown(source, extensions=SITE_EXTENSIONS)


def gfm_html(source: str) -> str:
    return str(MarkdownIt("gfm-like", {"linkify": True}).render(source))


def table_cells(rendered: str) -> list[str]:
    """The inner HTML of each body cell of the only table."""
    assert rendered.count("<table") == 1, rendered
    return re.findall(r"<td[^>]*>(.*?)</td>", rendered, re.DOTALL)


# ------------------------------------------------------------------ the site


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("place", ["{}\n", "- {}\n", "## {} {{: #h }}\n", '!!! note "{}"\n    body\n'])
def test_site_text_is_only_text_wherever_it_starts(value: str, place: str) -> None:
    rendered = _Html(site_html(place.format(site_text(value))))
    tags = {tag for tag, _ in rendered.tags}
    assert tags <= {"p", "ul", "li", "h2", "div", "a"}, tags  # the list, heading, admonition of the template
    assert all(name in ("id", "class", "href", "title") for _, attrs in rendered.tags for name, _ in attrs)
    assert one_line(value) in "".join(rendered.text)


@pytest.mark.parametrize("value", HOSTILE)
def test_site_text_and_code_keep_a_table_row_whole(value: str) -> None:
    source = f"| a | b | c |\n|---|---|---|\n| {site_text(value)} | {site_code(value)} | end |\n| 2 | 2 | 2 |\n"
    rendered = site_html(source)
    assert rendered.count("<tr>") == 3, rendered
    text, code, end = table_cells(rendered)[:3]
    assert end == "end"
    parsed_text, parsed_code = _Html(text), _Html(code)
    assert parsed_text.tags == [] and "".join(parsed_text.text) == one_line(value)
    assert parsed_code.tags == [("code", [])] and "".join(parsed_code.text) == visible(value)


def test_site_text_examples() -> None:
    assert site_text("第一行\n第二行") == "第一行 第二行"
    assert site_text("<b>&") == "&lt;b&gt;&amp;"
    assert site_text("a|b [x](y)") == "a\\|b \\[x\\]\\(y\\)"
    assert site_text("- x") == "&#45; x" and site_text("12. x") == "12\\. x"
    assert site_text("QT-2026-001 4.2.2 2026-11-20") == "QT-2026-001 4.2.2 2026-11-20"  # ids stay readable


def test_site_code_shows_line_breaks_and_never_breaks_a_line() -> None:
    code = site_code("records/x\n<img src=x onerror=alert(1)>.yaml:3")
    assert "\n" not in code and "<img" not in code and "|" not in code and "`" not in code
    assert code.startswith("<code>records/x&#92;n&#60;img") and code.endswith(".yaml:3</code>")
    assert site_code("QT-2026-001") == "<code>QT-2026-001</code>"


def test_site_anchor_keeps_ids_and_encodes_the_rest() -> None:
    assert site_anchor("quote-approved-by-manager") == "quote-approved-by-manager"
    assert site_anchor("marketing_manager") == "marketing_manager"
    hostile = site_anchor('x onclick=alert(1) }"<')
    assert re.fullmatch(r"[A-Za-z0-9_-]+", hostile)
    assert site_anchor("") == "_"
    rendered = _Html(site_html(f"## t {{: #{site_anchor('a }{: onclick=alert(1)')} }}\n"))
    assert [name for _, attrs in rendered.tags for name, _ in attrs] == ["id"]


# ------------------------------------------------------------------ a page's <title>


def mkdocs_title(source: str) -> str | None:
    """The page title MkDocs takes from a page's first heading (HTML: tags gone, references kept)."""
    md = markdown.Markdown(extensions=SITE_EXTENSIONS)
    extract = _ExtractTitleTreeprocessor()
    extract._register(md)
    md.convert(source)
    return extract.title


@pytest.mark.parametrize("value", HOSTILE)
def test_page_title_of_a_heading_is_only_the_text_the_heading_shows(value: str) -> None:
    title = mkdocs_title(f"# {site_text(value)}\n")
    assert title is not None
    rendered = _Html(f"<title>{page_title(title)}</title>")
    assert rendered.tags == [("title", [])]
    assert "".join(rendered.text) == " ".join(one_line(value).split())  # MkDocs joins any spaces, U+3000 too


def test_page_title_keeps_the_end_tag_that_the_themes_striptags_decodes() -> None:
    title = mkdocs_title(f"# {site_text('X</title><script>alert(9)</script><title>')}\n")
    assert title == "X&lt;/title&gt;&lt;script&gt;alert(9)&lt;/script&gt;&lt;title&gt;"
    assert Markup(title).striptags() == "X</title><script>alert(9)</script><title>"  # what the theme wrote
    assert page_title(title) == title


def test_page_title_examples() -> None:
    assert page_title("四、销售过程管理") == "四、销售过程管理"
    assert page_title("张伟") == "张伟"
    assert page_title("A &amp; B <code>x</code>") == "A &amp; B x"  # a heading's code span
    assert page_title('a < b "c"') == "a &lt; b &quot;c&quot;"  # a front matter title typed as text
    assert page_title("X</title><script>alert(9)</script>") == "Xalert(9)"  # tags in a front matter title
    assert page_title("第一行\n第二行\x07") == "第一行 第二行\ufffd"


# ------------------------------------------------------------------ GitHub-flavoured Markdown


@pytest.mark.parametrize("value", HOSTILE)
def test_gfm_text_and_code_render_as_the_same_text_in_a_table(value: str) -> None:
    source = f"| a | b | c |\n|---|---|---|\n| {gfm_text(value)} | {gfm_code(value)} | end |\n| 2 | 2 | 2 |\n"
    rendered = gfm_html(source)
    assert rendered.count("<tr>") == 3, rendered
    text, code, end = table_cells(rendered)[:3]
    assert end == "end"
    parsed_text, parsed_code = _Html(text), _Html(code)
    assert parsed_text.tags == [], text
    assert "".join(parsed_text.text) == one_line(value)
    assert parsed_code.tags == [("code", [])], code
    assert "".join(parsed_code.text) == visible(value)


@pytest.mark.parametrize("value", HOSTILE)
def test_gfm_text_is_only_text_outside_a_table(value: str) -> None:
    rendered = _Html(gfm_html(f"{gfm_text(value)}\n"))
    assert {tag for tag, _ in rendered.tags} <= {"p"}
    assert "".join(rendered.text).strip() == one_line(value)


def test_gfm_text_never_holds_a_line_break() -> None:
    for value in HOSTILE:
        text = gfm_text(value)
        assert text.splitlines() == [text] or text == "", repr(value)
        assert gfm_code(value).splitlines() == [gfm_code(value)]
    assert gfm_text("www.evil.com") == "www\\.evil\\.com"
    assert gfm_code("a`b") == "``a`b``" and gfm_code("`") == "`` ` ``" and gfm_code("") == ""


# ------------------------------------------------------------------ XML


@pytest.mark.parametrize("value", HOSTILE)
def test_xml_text_is_well_formed_in_text_and_attributes(value: str) -> None:
    element = ET.Element("case", name=xml_text(value))
    element.text = xml_text(value)
    parsed = ET.fromstring(ET.tostring(element, encoding="unicode").encode("utf-8"))
    allowed = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "\ufffd", value)
    assert parsed.get("name") == allowed
    assert parsed.text == allowed.replace("\r\n", "\n").replace("\r", "\n")  # XML normalises line ends


def test_xml_text_replaces_only_what_xml_forbids() -> None:
    assert xml_text("a\tb\nc\rd é 中 \U0001f600") == "a\tb\nc\rd é 中 \U0001f600"
    assert xml_text("\x00\x1b\ufffe\uffff\ud800") == "\ufffd" * 5


# ------------------------------------------------------------------ SARIF


# RFC 3986 relative-ref without authority: path-absolute / path-noscheme / path-empty, query, fragment.
_PCHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})"
_NOCOLON = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@]|%[0-9A-Fa-f]{2})"
RELATIVE_REF = re.compile(rf"(?:/(?:{_PCHAR}+(?:/{_PCHAR}*)*)?|{_NOCOLON}+(?:/{_PCHAR}*)*|)"
                          rf"(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?")

FILE_NAMES = [
    "records/quotes/QT-1.yaml",
    "records/odd name 100%.yaml",
    "records/a#b?c=d.yaml",
    "records/中文 名称.yaml",
    "records/x\n<img src=x onerror=alert(1)>.yaml",
    "records/tab\tcr\r.yaml",
    "c:/windows-like.yaml",
    "a:b.yaml",
    "//host/share.yaml",
    "records/[x](y) `z` |w|.yaml",
    "records/not-utf8-" + b"\xff\xfe".decode("utf-8", "surrogateescape") + ".yaml",
]


@pytest.mark.parametrize("name", FILE_NAMES)
def test_sarif_uri_is_a_relative_reference_that_decodes_to_the_name(name: str) -> None:
    uri = sarif_uri(name)
    assert RELATIVE_REF.fullmatch(uri), uri
    assert "?" not in uri and "#" not in uri  # all path: no query, no fragment
    assert not uri.startswith("//")
    assert unquote(uri, errors="surrogateescape") == name


def test_sarif_uri_examples() -> None:
    assert sarif_uri("records/quotes/QT-1.yaml") == "records/quotes/QT-1.yaml"
    assert sarif_uri("records/a b%.yaml") == "records/a%20b%25.yaml"
    assert sarif_uri("records/中.yaml") == "records/%E4%B8%AD.yaml"


# ------------------------------------------------------------------ workflow commands


def _unescape(text: str) -> str:
    """What the runner does to a command's data and properties."""
    codes = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}
    return re.sub(r"%(?:25|0D|0A|3A|2C)", lambda m: codes[m.group()], text)


@pytest.mark.parametrize("value", HOSTILE + FILE_NAMES)
def test_annotation_data_and_property_stay_on_one_line_and_decode(value: str) -> None:
    data, prop = annotation_data(value), annotation_property(value)
    for escaped in (data, prop):
        assert "\n" not in escaped and "\r" not in escaped
        escaped.encode("utf-8")  # printable to the log, even from a lone surrogate
    assert ":" not in prop and "," not in prop
    expected = re.sub(r"[\ud800-\udfff]", "\ufffd", value)
    assert _unescape(data) == expected and _unescape(prop) == expected


def test_annotation_examples() -> None:
    assert annotation_data("100%\r\n::error::x") == "100%25%0D%0A::error::x"
    assert annotation_property("a, b: 1%") == "a%2C b%3A 1%25"


# ------------------------------------------------------------------ a terminal


@pytest.mark.parametrize("value", HOSTILE + FILE_NAMES)
def test_terminal_text_stays_on_one_line_with_nothing_a_terminal_acts_on(value: str) -> None:
    from checker.escaping import terminal_text

    shown = terminal_text(value)
    assert shown.isprintable() or all(c.isprintable() or c == "\u3000" or c == " " for c in shown)
    assert "\x1b" not in shown and "\n" not in shown and "\r" not in shown and "\u202e" not in shown
    shown.encode("utf-8")  # even a lone surrogate prints as its escape


def test_terminal_text_examples() -> None:
    from checker.escaping import terminal_text

    assert terminal_text("records/报价/中文 名称.yaml") == "records/报价/中文 名称.yaml"
    assert terminal_text("全角\u3000空格") == "全角\u3000空格"  # spaces people type stay
    assert terminal_text("x\x1b[2J\x07.yaml") == "x\\x1b[2J\\x07.yaml"
    assert terminal_text("a\nb\tc\u2028d") == "a\\nb\\tc\\u2028d"
    assert terminal_text("invoice\u202egpj.exe") == "invoice\\u202egpj.exe"  # no reordering
    assert terminal_text("bad\udcff") == "bad\\udcff"  # a byte that is not UTF-8, as the loader keeps it


@pytest.mark.parametrize("value", HOSTILE + FILE_NAMES)
def test_site_path_is_as_safe_as_site_code(value: str) -> None:
    from checker.escaping import site_path

    shown = site_path(value)
    rendered = markdown.markdown(f"| a |\n|---|\n| {shown} |", extensions=["tables"])
    assert rendered.count("<td>") == 1 and "<script" not in rendered and "onerror=" not in rendered.replace(
        "&#61;", "=").split("<code", 1)[0]
    assert "\n" not in shown and "|" not in shown


def test_site_path_breaks_only_between_folders() -> None:
    from checker.escaping import site_path

    assert site_path("records/quotes/QT-2026-001.yaml:14") == (
        '<code class="hb-path"><span>records/</span><wbr><span>quotes/</span><wbr>'
        "<span>QT-2026-001.yaml:14</span></code>")
