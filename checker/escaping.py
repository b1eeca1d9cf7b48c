"""Text from the repository made safe for each place it is written to.

Anyone can open a pull request, so record text, ids and even file names are hostile input.
Each output target has exactly one function here, and every repository value written to
that target goes through it:

- a page of the site (Python-Markdown, then HTML): ``site_text`` for text, ``site_code`` for
  ids, ``site_path`` for file paths, ``site_anchor`` for HTML ids and link fragments (the
  templates' ``text``, ``code``, ``path`` and ``anchor`` filters, and ``checker.site.links``);
- GitHub-flavoured Markdown (the pull request's job summary, SARIF rule help): ``gfm_text``
  and, for ids and paths in a table, ``gfm_code``;
- XML text and attribute values (JUnit): ``xml_text``;
- a SARIF ``artifactLocation.uri``: ``sarif_uri``;
- a GitHub workflow command (annotations): ``annotation_data`` for its message,
  ``annotation_property`` for ``file=`` and ``title=``;
- a terminal (the text formats of ``handbook check``): ``terminal_text`` for file names and
  record text alike;
- a team chat message (``handbook notify``): ``chat_markdown`` for WeCom's and DingTalk's
  Markdown, ``chat_plain`` for Feishu's structured text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import quote

# Everything Python or Markdown might take for the end of a line or a table row: ASCII
# whitespace, the information separators, NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR.
_BREAKS = re.compile(r"[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029 ]+")
# Other control characters, lone surrogates and the two non-characters of the BMP.
_CONTROLS = re.compile(r"[\x00-\x08\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_REPLACEMENT = "\ufffd"


def _one_line(text: str) -> str:
    """Line breaks and runs of spaces as one space; other control characters and lone
    surrogates as U+FFFD."""
    return _CONTROLS.sub(_REPLACEMENT, _BREAKS.sub(" ", text)).strip(" ")


def _visible(text: str) -> str:
    r"""Every character that does not print (line breaks, controls, format characters such as
    bidi overrides, lone surrogates) as its escape sequence: ``a\nb``, ``\x07``, ``\u202e``."""
    return "".join(c if c == " " or c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


# ------------------------------------------------------------------ the site (Python-Markdown)

# The characters Python-Markdown (with its tables extension, for "|") lets a backslash escape,
# less "-" and "." which only matter at the start of a line (handled by _SITE_LEADING).
_SITE_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+!|])")
# What could open a block if the text starts a line: a list ("-", "1. "), a rule or setext
# line ("-", "="), a fence ("~~~"), a definition (":") or a collapsible block ("???").
_SITE_LEADING = re.compile(r"^(?:[-=~:?]|(\d+)\.(?= |$))")
# In code every ASCII punctuation character but these (common in ids and paths, never markup
# where code is put) is written as a character reference.
_CODE_KEEP = frozenset("-./:")


def site_text(value: object) -> str:
    """Text for a page of the site, as Markdown that shows exactly the text, on one line.

    Never markup, HTML, a link, an attribute list, a table-cell separator or a block, wherever
    in a line the template puts it. Control characters show as U+FFFD.
    """
    escaped = html.escape(_one_line(str(value)), quote=True)
    escaped = _SITE_PUNCTUATION.sub(r"\\\1", escaped)
    return _SITE_LEADING.sub(lambda m: f"{m.group(1)}\\." if m.group(1) else f"&#{ord(m.group())};", escaped)


def site_code(value: object) -> str:
    r"""An id or a path for a page of the site, as ``<code>`` HTML.

    Shows exactly the value, with characters that do not print written as escapes (a newline
    in a file name as ``\n``); the content is character references for everything Markdown or
    HTML might read, so it never holds a line break, a table-cell separator, a tag or markup.
    """
    return "<code>" + _code_characters(_visible(str(value))) + "</code>"


def _code_characters(text: str) -> str:
    return "".join(f"&#{ord(c)};" if c.isascii() and not c.isalnum() and c != " " and c not in _CODE_KEEP else c
                   for c in text)


def site_path(value: object) -> str:
    r"""A file path (with ``:line``) for a page of the site, as ``<code>`` HTML that wraps only
    after a "/": each folder and the file name is one unbreakable piece (the stylesheet keeps
    ``.hb-path span`` on one line), with a break opportunity between them. Escaped as
    ``site_code`` escapes, so it is as safe wherever it is put.
    """
    pieces = re.findall(r"[^/]*/|[^/]+$", _visible(str(value))) or [""]
    return ('<code class="hb-path">' + "<wbr>".join(f"<span>{_code_characters(p)}</span>" for p in pieces)
            + "</code>")


def site_anchor(value: object) -> str:
    """An HTML id or URL fragment made from an id: letters, digits, "-" and "_" as they are,
    any other character as ``_<hex code point>_``. The same id always gives the same anchor."""
    return re.sub(r"[^A-Za-z0-9_-]", lambda m: f"_{ord(m.group()):x}_", str(value)) or "_"


# A tag as MkDocs leaves one in a page title (it drops tags, but a front matter title is as written).
_TAG = re.compile(r"<[^>]*>")


def page_title(value: object) -> str:
    """A page's title for its HTML ``<title>`` element, shown as the heading shows it.

    MkDocs's page title is HTML: the first heading's inner HTML without its tags, character
    references kept (``X&lt;/title&gt;`` for a heading made with ``site_text``). Tags are dropped,
    references decoded, and the text escaped again on one line: it is never markup. The theme's
    own ``page.title | striptags`` decodes the references and writes the result unescaped, so
    ``&lt;/title&gt;&lt;script&gt;`` in a heading became a real end tag and a script.
    """
    return html.escape(_one_line(html.unescape(_TAG.sub("", str(value)))), quote=True)


# ------------------------------------------------------------------ GitHub-flavoured Markdown

_ASCII_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")


def gfm_text(value: object) -> str:
    """Text for GitHub-flavoured Markdown (a pull request's job summary, SARIF help), on one line.

    Every ASCII punctuation character is backslash-escaped, as CommonMark allows: no link,
    image, autolink (``www.x.com``, ``https://…``, e-mail), emphasis, HTML, entity or
    table-cell separator can form. Line breaks become spaces, control characters U+FFFD.
    """
    return _ASCII_PUNCTUATION.sub(r"\\\g<0>", _one_line(str(value)))


def gfm_code(value: object) -> str:
    r"""An id or a path as a code span in a GitHub-flavoured Markdown table cell.

    Characters that do not print are written as escapes (``\n``); the fence is longer than any
    run of backticks inside; "|" is escaped for the table (GFM removes that backslash).
    """
    text = _visible(str(value)).replace("|", "\\|")
    if not text:
        return ""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# ------------------------------------------------------------------ XML, SARIF, workflow commands

# Characters XML 1.0 does not allow anywhere in a document, even as character references.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Text for an XML 1.0 element or attribute value: characters XML forbids become U+FFFD.

    The serializer (ElementTree) escapes "<", "&" and quotes; this makes the rest well-formed.
    """
    return _XML_ILLEGAL.sub(_REPLACEMENT, str(value))


def sarif_uri(path: str) -> str:
    """A repository-relative file name as a SARIF ``artifactLocation.uri``.

    A relative URI reference (RFC 3986) whose percent-decoding (UTF-8, or the original bytes of
    a name that is not UTF-8) is the file name: every character but letters, digits, "-._~" and
    "/" percent-encoded, and a leading "//" kept from reading as a host name.
    """
    path = re.sub(r"[\ud800-\udc7f\udd00-\udfff]", _REPLACEMENT, path)  # not from surrogateescape
    uri = quote(path, safe="/", errors="surrogateescape")
    return "%2F" + uri[1:] if uri.startswith("//") else uri


def annotation_data(value: object) -> str:
    """The message of a GitHub workflow command (after ``::``), or any line of its log.

    "%", CR and LF percent-encoded, as the runner decodes them (actions/toolkit escapeData):
    the text stays on its line and cannot start a command of its own.
    """
    text = re.sub(r"[\ud800-\udfff]", _REPLACEMENT, str(value))
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def annotation_property(value: object) -> str:
    """A property value of a workflow command (``file=``, ``title=``): as data, and ":" and ","
    percent-encoded too so the value cannot end the property list (actions/toolkit escapeProperty)."""
    return annotation_data(value).replace(":", "%3A").replace(",", "%2C")


# ------------------------------------------------------------------ a terminal


def _unsafe_in_terminal(c: str) -> bool:
    """Control characters (escape sequences start with ESC), format characters (bidi
    overrides, zero-width joiners), line and paragraph separators, surrogates and non-characters."""
    category = unicodedata.category(c)
    return category in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") or c in "\ufffe\uffff"


def terminal_text(value: object) -> str:
    r"""A file name or record text for a terminal, on one line, printing exactly what it holds.

    Every character a terminal would act on or hide instead of showing (ESC and every other
    control character, line breaks, bidi overrides and other format characters, lone
    surrogates) is written as its escape sequence: ``a\nb``, ``\x1b``, ``\u202e``. Nothing can
    move the cursor, change colours, retitle the window, reorder the line or start a line that
    looks like another finding. Spaces, CJK text and full-width punctuation stay as they are.
    """
    text = str(value)
    if text.isprintable():  # the common case: nothing to do
        return text
    return "".join(c.encode("unicode_escape", "backslashreplace").decode("ascii") if _unsafe_in_terminal(c)
                   else c for c in text)


# ------------------------------------------------------------------ team chats

# Characters a chat's Markdown (WeCom, DingTalk) may read as markup, a mention (<@user>),
# HTML (<font>) or a link or image ([x](url)): each shown as its full-width form instead.
# Parentheses stay: without "[" and "]" they cannot make a link.
_CHAT_MARKUP = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "<>[]*_`~|\\"})


def chat_markdown(value: object) -> str:
    """Record text for a message in a team chat's Markdown (WeCom and DingTalk group robots), on
    one line: markup, mentions, HTML and links show as the same characters in their full-width
    forms (``［x］(…)``, ``＜@all＞``), and "://" as "：//" so no address is made a link.
    Control characters become U+FFFD."""
    return _one_line(str(value)).translate(_CHAT_MARKUP).replace("://", "：//")


def chat_plain(value: object) -> str:
    """Record text for a chat message that is plain text by construction (a Feishu ``post``
    text element): on one line, control characters as U+FFFD."""
    return _one_line(str(value))
