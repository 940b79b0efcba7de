"""tonecheck/sources/formats.py: one entry per input format, and the registry that picks
one by name, by file ending or by the data itself."""
import pytest

from tonecheck.errors import InputError
from tonecheck.sources import Format, Formats, format_for, load_all, load_bytes, load_text
from tonecheck.sources.formats import BUILTIN
from tonecheck.sources.plain import plain_draft


def shouted(text, path):
    return plain_draft(text.lower(), path)


SHOUTED = Format("shouted", shouted, aliases=("caps",), suffixes=(".md",), sniff=str.isupper, source="house")


def test_the_built_in_formats_by_name_alias_and_ending():
    formats = Formats()
    assert formats.names == ["text", "html", "eml"]
    assert formats.suffixes == {".txt", ".md", ".html", ".htm", ".eml", ".mbox"}
    assert [formats.get(n).name for n in ("TXT", "plain", "htm", "mbox")] == ["text", "text", "html", "eml"]
    with pytest.raises(InputError, match=r"unknown input format 'docx': use text, html or eml$"):
        formats.get("docx")


def test_the_format_registered_last_wins():
    formats = Formats([*BUILTIN, SHOUTED])
    assert formats.get("caps") is SHOUTED and formats.names == ["text", "html", "eml", "shouted"]
    assert format_for("notes.MD", b"hi", formats) == "shouted"  # the built-in text format sniffs a .md
    assert format_for("notes.md", b"hi") is None
    draft = load_text("HI SAM, WE'RE SORRY.", formats=formats)  # sniffed before the built-in ones
    assert draft.text == "hi sam, we're sorry." and draft.meta["reader"] is SHOUTED
    assert load_text("Hi Sam, we're sorry.", formats=formats).meta == {"reader": BUILTIN[0]}  # not its data: plain text
    [draft] = load_all(b"HI SAM", "notes.md", "shouted", formats)
    assert draft.text == "hi sam"


def test_a_format_says_what_is_wrong_with_its_entry():
    with pytest.raises(ValueError, match="a suffix starts with a dot"):
        Format("shouted", shouted, suffixes=("md",))
    with pytest.raises(TypeError, match="suffixes must be a tuple of strings"):
        Format("shouted", shouted, suffixes=".md")
    with pytest.raises(TypeError, match="parse must be a function"):
        Format("shouted", "shouted")
    with pytest.raises(ValueError, match="name must be a word"):
        Format(" ", shouted)
    # said when the entry is made, not as every draft's input error
    with pytest.raises(TypeError, match=r"^format 'shouted': sniff must be a function or None, not 'upper'$"):
        Format("shouted", shouted, sniff="upper")
    with pytest.raises(TypeError, match=r"^format 'shouted': split must be a function or None, not b'---'$"):
        Format("shouted", shouted, split=b"---")
    with pytest.raises(TypeError, match=r"^format 'shouted': write must be a function or None, not 'utf-8'$"):
        Format("shouted", shouted, write="utf-8")
    with pytest.raises(TypeError, match=r"^format 'shouted': by_suffix must be True, False or a function of the file's bytes, not 'yes'$"):
        Format("shouted", shouted, by_suffix="yes")


def test_a_plugin_format_that_fails_is_the_draft_s_input_error():
    def broken(data, path):
        raise KeyError("page 2")

    raw = Format("pdf", broken, suffixes=(".pdf",), raw=True, source="house")
    formats = Formats([*BUILTIN, raw, Format("none", lambda text, path: None, source="house")])
    with pytest.raises(InputError, match=r"^a\.pdf: plugin 'house': format 'pdf' raised KeyError: 'page 2'$"):
        load_bytes(b"%PDF-1.7", "a.pdf", "pdf", formats)
    with pytest.raises(InputError, match="format 'none' raised TypeError: returned NoneType, not a tonecheck.draft.Draft"):
        load_text("Hi", fmt="none", formats=formats)
