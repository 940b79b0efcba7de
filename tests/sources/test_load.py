"""tonecheck/sources/__init__.py: reading bytes or text into a Draft: empty, binary and
undecodable input, and the format named or sniffed."""
import pytest

from tonecheck.errors import InputError
from tonecheck.sources import load_bytes, load_text


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", "\ufeff \xa0\n".encode()])
def test_empty_input(data):
    with pytest.raises(InputError, match="empty input: nothing to check"):
        load_bytes(data, "draft.txt")
    with pytest.raises(InputError, match="empty input"):
        load_text(data.decode())


def test_binary_input():
    with pytest.raises(InputError, match=r"draft.bin: binary data \(NUL byte at offset 8\)"):
        load_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "draft.bin")
    with pytest.raises(InputError, match="UTF-16"):
        load_bytes("Hi Tom".encode("utf-16"), "draft.txt")
    with pytest.raises(InputError, match="binary"):
        load_text("Hi\x00Tom")


def test_invalid_utf8_names_the_byte_and_offset():
    with pytest.raises(InputError) as exc:
        load_bytes(b"Hi Sam,\nYour order \xff is late.\n", "draft.txt")
    assert str(exc.value) == ("draft.txt: not valid UTF-8: byte 0xFF at offset 19 (line 2); "
                              "save the draft as UTF-8")
    with pytest.raises(InputError, match="offset 6"):
        load_bytes(b"<p>Caf\xe9</p>", "draft.html")


def test_unknown_format():
    with pytest.raises(InputError, match="unknown input format 'docx'"):
        load_text("Hi", fmt="docx")


def test_forced_format_wins_over_sniffing():
    assert load_text("<p>Hi</p>", fmt="text").text == "<p>Hi</p>"
    assert load_text("Hi Tom", fmt="html").format == "html"


@pytest.mark.parametrize("data", ["\u200b".encode(), "\u200b \u200b\n\u2060".encode(),
                                  "\ufeff\u200b\u3000\n".encode()])
def test_a_draft_of_only_zero_width_and_unicode_spaces_is_empty(data):
    with pytest.raises(InputError, match="empty input"):
        load_bytes(data, "draft.txt")
    with pytest.raises(InputError, match="HTML has no visible text"):
        load_bytes(b"<p>" + data + b"</p><p>&nbsp;&#8203;</p>", "draft.html")



def test_the_byte_order_mark_is_defined_once():
    from pathlib import Path

    import tonecheck.sources as sources

    literal = '"' + "".join(f"\\x{b:02x}" for b in "\ufeff".encode()) + '"'
    found = [p.name for p in Path(sources.__file__).parent.glob("*.py") if literal in p.read_text()]
    assert found == ["eml.py"], found  # the others take eml.BOM
