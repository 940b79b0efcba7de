"""Grammar through LanguageTool (tested against a server that speaks its protocol:
LanguageTool itself needs Java and a download this machine cannot have) and offline
spelling, as a user meets them."""
import json
import time

import pytest

from languagetool_stub import Stub
from tonecheck.languagetool import Utf16


@pytest.fixture
def lt(monkeypatch):
    with Stub() as stub:
        monkeypatch.setenv("TONECHECK_LANGUAGETOOL", stub.url)
        yield stub


def test_utf16_offsets_round_trip_over_emoji_and_accents():
    text = "Zoë 😀 said: café 👍🏽 I has it"
    units = Utf16(text)
    for i in range(len(text) + 1):
        u = len(text[:i].encode("utf-16-le")) // 2
        assert units.to_units(i) == u and units.to_index(u) == i


def test_grammar_and_spelling_findings_point_at_the_words(run, lt):
    draft = "Hi Zoë 😀,\n\nI has sent it 🎉 and it was recieved today.\n\nTom\n\nOn Mon, Ann wrote:\n> I has a question\n"
    result = run("check", "--format", "json", "-", input=draft)
    found = {f["rule"]: f for f in json.loads(result.stdout)["files"][0]["findings"] if f["rule"].startswith("LanguageTool.")}
    grammar, spelling = found["LanguageTool.HAVE_PART_AGREEMENT"], found["LanguageTool.MORFOLOGIK_RULE_EN_US"]
    assert draft[grammar["offset"]:grammar["offset"] + grammar["length"]] == "I has"
    assert draft[spelling["offset"]:spelling["offset"] + spelling["length"]] == "recieved"
    assert grammar["category"] == "grammar" and spelling["category"] == "spelling"
    assert spelling["suggestions"][-1]["fix"]["edits"][0]["content"] == "received"
    # the quoted customer message and the signature never left
    assert lt.received and all("question" not in t and "Ann wrote" not in t for t in lt.received)
    assert len(lt.received[0]) == len(draft)  # blanked, not cut: offsets hold


def test_grammar_required_but_missing_fails_fast(run, monkeypatch):
    monkeypatch.setenv("TONECHECK_LANGUAGETOOL", "http://127.0.0.1:9")  # nothing listens on the discard port
    start = time.monotonic()
    result = run("check", "--grammar", "-", input="Hi Jo,\nThanks.\nTom\n")
    assert result.exit_code == 2 and time.monotonic() - start < 5
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "no LanguageTool answers" in lines[0] and "[grammar] server" in lines[0]


def test_no_grammar_and_auto_without_a_server_are_silent(run, lt, monkeypatch):
    draft = "Hi Jo,\nI has sent it.\nTom\n"
    result = run("check", "--no-grammar", "--format", "json", "-", input=draft)
    assert not [f for f in json.loads(result.stdout)["files"][0]["findings"] if f["category"] == "grammar"]
    monkeypatch.setenv("TONECHECK_LANGUAGETOOL", "off")
    result = run("check", "-v", "--format", "json", "-", input=draft)
    assert not [f for f in json.loads(result.stdout)["files"][0]["findings"] if f["category"] == "grammar"]


def test_grammar_selected_by_name_with_no_server_says_it_was_not_checked(run, monkeypatch):
    # "All clear" alone would read as "the grammar is fine"
    monkeypatch.setenv("TONECHECK_LANGUAGETOOL", "http://127.0.0.1:9")
    result = run("check", "--select", "grammar", "-", input="Hi Jo,\nI has sent it.\nTom\n")
    assert result.exit_code == 0 and "grammar is not checked" in result.stderr
    assert "grammar is not checked" not in run("check", "-", input="Hi Jo,\nI has sent it.\nTom\n").stderr


def test_grammar_server_from_config(run, tmp_path, monkeypatch):
    monkeypatch.setenv("TONECHECK_LANGUAGETOOL", "off")
    with Stub() as stub:
        (tmp_path / ".tonecheck.toml").write_text(f'[grammar]\nserver = "{stub.url}"\nlanguage = "en-GB"\n')
        (tmp_path / "d.txt").write_text("Hi Jo,\nI has sent it.\nTom\n")
        result = run("check", "--format", "json", "d.txt")
    assert any(f["rule"] == "LanguageTool.HAVE_PART_AGREEMENT" for f in json.loads(result.stdout)["files"][0]["findings"])


def test_a_bad_grammar_table_is_a_config_error(run, tmp_path):
    (tmp_path / ".tonecheck.toml").write_text('[grammar]\nserver = "ftp://x"\n')
    result = run("check", "-", input="Hi\n")
    assert result.exit_code == 2 and "[grammar] 'server' must be an http:// or https:// address" in result.output


def test_spelling_is_opt_in_and_offline(run, tmp_path):
    draft = ("Hi Jo,\nYour refund was recieved. Our colour and color charts and the fibre cable are in your inbox. "
             "Have a marvellous weekend.\nTom\n")
    result = run("check", "--format", "json", "-", input=draft)
    assert not [f for f in json.loads(result.stdout)["files"][0]["findings"] if f["category"] == "spelling"]
    result = run("check", "--select", "spelling", "--format", "json", "-", input=draft)
    words = [draft[f["offset"]:f["offset"] + f["length"]] for f in json.loads(result.stdout)["files"][0]["findings"]]
    assert words == ["recieved"]


def test_spelling_leaves_text_speak_and_a_bare_address_alone(run, tmp_path):
    """'tmrw' is TextSpeak's to flag, not a slip; a link without https:// and a file type
    named alone ('.ics') are no prose."""
    (tmp_path / ".tonecheck.toml").write_text('select = ["spelling"]\n')
    (tmp_path / "d.txt").write_text("Hi Jo, see you tmrw at 10. Her page is stcuthberts.example.org/tribute/grace-adeyemi "
                                    "and the delivry is booked. The calendar file (.ics) is attached.\nTom\n")
    result = run("check", "--format", "json", "d.txt")
    text = (tmp_path / "d.txt").read_text()
    words = [text[f["offset"]:f["offset"] + f["length"]] for f in json.loads(result.stdout)["files"][0]["findings"]]
    assert words == ["delivry"]


def test_spelling_dialect_and_company_words(run, tmp_path):
    (tmp_path / ".tonecheck.toml").write_text('select = ["spelling"]\ncompany = ["Zyntrax"]\n[spelling]\ndialect = "en-GB"\nwords = ["balayage"]\n')
    (tmp_path / "d.txt").write_text("Hi Jo,\nYour balayage by zyntrax stylists is booked, and the color is organized.\nTom\n")
    result = run("check", "--format", "json", "d.txt")
    text = (tmp_path / "d.txt").read_text()
    words = [text[f["offset"]:f["offset"] + f["length"]] for f in json.loads(result.stdout)["files"][0]["findings"]]
    assert words == ["color", "organized"]


def test_spelling_raises_no_false_alarm_on_good_mail(tmp_path):
    """Every good draft of every corpus, with the trade words their businesses would
    list in config: not one word flagged."""
    from conftest import ROOT, requires_shared
    from tonecheck.config import Config
    from tonecheck.engine import Linter
    from tonecheck.sources import load_text

    # a bike shop's, an optician's, a salon's, a builder's and a game's words, a shop's discount code
    trade = ["derailleur", "derailleurs", "varifocal", "varifocals", "balayage", "colourist", "bifold", "aimbot", "oopsnotoops",
             # a caterer's menu, a decking timber, an Australian cool box, a builder's subcontractors
             "makhani", "aloo", "gulab", "jamun", "kesar", "hara", "bhara", "panna", "mein", "kwila", "esky", "subbies",
             # a caterer's Italian dishes, a telecoms firm's alarm service for older customers
             "arancini", "pappardelle", "telecare",
             # an engineer's calculations (New Zealand), a database tool, a council's own name in lower case,
             # a New Zealand care home's kapa haka group, a clinic's medicine
             "calcs", "pgloader", "dlr", "kapa", "haka", "sertraline",
             # a pharmacist's and a vet's medicines
             "lisinopril", "ramipril", "amlodipine", "meloxicam", "carprofen", "atorvastatin", "fumarate",
             # a CRM's word for a customer's own instance ("your sandbox org")
             "org",
             # a developer tool's own name, signed in lower case
             "migrato",
             # a tailor's garment, an Italian venue's sign-off
             "kurta", "kurtas", "auguri", "affetto",
             # a deposit scheme's own name, written as it brands itself; a steward's "hi-vis" vest, a wholesaler's passata
             "mydeposits", "vis", "passata",
             # an IT contract's licences for virtual machines, a marquee hirer's chairs
             "virtualisation", "chiavari",
             # a health plan's drug name; a builder's shower upstand
             "methotrexate", "upstand",
             # an architect's "calcs" (structural calculations), a tiler's Moroccan "zellige"
             "calcs", "zellige",
             # a theme park's animatronic dinosaur, a vape shop, a gardener's strimmer, an account's handle
             "animatronic", "vape", "strimmer", "laurentbissette",
             # an online pharmacy's medicines
             "levothyroxine", "sertraline", "omeprazole", "methylphenidate", "varenicline", "apixaban", "bisoprolol",
             "naproxen", "inflammatories", "oxycodone",
             # a gardener's hedge and ground work; a private clinic's procedures and staff
             "leylandii", "rotavated", "colonoscopy", "hysteroscopy", "nuchal", "sonographers",
             # a university's degree conferred "in absentia", a curry house's dish
             "absentia", "bhuna",
             # a pharmacy's co-codamol, a bike shop's rear "mech" (derailleur) hanger
             "codamol", "mech",
             # a garden centre's Latin plant names, an optician's varifocals, a hearing-aid fitter's "boomy"
             "stoechas", "angustifolia", "lamarckii", "varifocals", "boomy"]
    linter = Linter(Config(select=("spelling",), spelling={"words": trade}))
    corpora = [*(requires_shared() / "eval").glob("*.jsonl"), *(ROOT / "tests" / "judgement").glob("*.jsonl")]
    flagged = []
    for path in corpora:
        for line in path.read_text().splitlines():
            item = json.loads(line)
            if item["label"] == "good":
                report = linter.lint(load_text(item["text"]))
                flagged += [(item["id"], report.text[f.offset:f.end]) for f in report.findings]
    assert flagged == []


def test_a_tonecheck_server_on_the_languagetool_port_is_not_taken_for_one(tmp_path):
    """tonecheck serve speaks LanguageTool's protocol; grammar must not ask it."""
    import threading

    import uvicorn

    from tonecheck.engine import Linter
    from tonecheck.languagetool import Server
    from tonecheck.server import create_app

    config = uvicorn.Config(create_app(Linter()), host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        assert not Server(f"http://127.0.0.1:{port}").alive(2)
        with Stub() as stub:
            assert Server(stub.url).alive(2)
    finally:
        server.should_exit = True
        thread.join(5)


def test_languagetool_replacements_are_made_by_rewrite_and_fix(run, lt, tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("Hi Jo,\nThanks. I has sent it.\nTom\n")
    assert "I have sent it." in run("rewrite", path).stdout
    run("check", "--unsafe-fixes", path)
    assert "I have sent it." in path.read_text()


def test_a_quote_with_only_a_name_is_never_sent(run, lt):
    draft = "Hi Jo,\nI has it.\nTom\n\nJo Bloggs <jo.bloggs@example.com> wrote:\nMy card 4242 was recieved twice.\n"
    run("check", "-", input=draft)
    assert lt.received and all("4242" not in t and "jo.bloggs" not in t for t in lt.received)


@pytest.mark.parametrize("value", ["0", "1", '"yes"'])
def test_grammar_use_must_be_auto_true_or_false(run, tmp_path, value):
    (tmp_path / ".tonecheck.toml").write_text(f"[grammar]\nuse = {value}\n")
    result = run("check", "-", input="Hi\n")
    assert result.exit_code == 2 and "[grammar] 'use' must be" in result.output


@pytest.mark.parametrize("draft, slips", [
    # a salutation in another language, a Welsh line, hyphenated words: only the English slip
    ("Kia ora koutou,\n\nThe guides use the multi-pitch routes, and our co-ordinator has the kit list. "
     "Mae'r neges hon ar gael yn Gymraeg hefyd. You will recieve a text.\n\nNgā mihi,\nAroha\n", ["recieve"]),
    ("Hi Jo,\n\nYour refund is done.\n\nMet vriendelijke groet,\nJan\n", []),
    ("Hi Jo,\n\nYour order is on its way. Muchas gracias por su compra. Dank je wel en tot ziens!\n\nTom\n", []),
    ("Hi Jo,\n\nYour order is on its way, and the recipt is atached por favour.\n\nTom\n", ["recipt", "atached"]),
    ("Hi Jo,\n\nOur driver asked me to say muchas gracias por todo for the lovely note.\n\nTom\n", []),
    ("Hi Jo,\n\nVielen Dank und einen schönen Tag noch! Grazie mille e a presto.\n\nTom\n", []),
    ("Hi Jo,\n\nYour order is confirmed, das ist great, and the delivry is on Tuesday.\n\nTom\n", ["delivry"]),
    ("Hi Jo,\n\nWe pour the base first and pour the top coat once it's dry, which takes abuot two days.\n\nTom\n", ["abuot"]),
    # slips stay slips: in a sign-off, in a hyphenated word, in a short sentence with "im"
    ("Hi Jo,\n\nYour room is ready.\n\nThanks agian for your paitence,\nTom\n", ["agian", "paitence"]),
    ("Hi Jo,\n\nYour chek-in time is 3pm, and im sorry, teh parcel is lsot.\n\nTom\n", ["chek", "teh", "lsot"]),
    # a phrasal noun's plural is a word; a slip before its hyphen is still a slip
    ("Hi Jo,\n\nThe add-ons and the drop-offs are booked, and the chek-ins are open.\n\nTom\n", ["chek"]),
])
def test_spelling_leaves_salutations_and_other_languages_be_and_flags_slips(run, draft, slips):
    result = run("check", "--select", "spelling", "--format", "json", "-", input=draft)
    words = [draft[f["offset"]:f["offset"] + f["length"]] for f in json.loads(result.stdout)["files"][0]["findings"]]
    assert words == slips


def test_spelling_catches_classic_slips_and_lets_british_check_be(run, tmp_path):
    draft = "Hi Jo,\nIt occured untill the begining, truely. I'll check the arguement and the webinar signup.\nTom\n"
    result = run("check", "--select", "spelling", "--format", "json", "-", input=draft)
    words = [draft[f["offset"]:f["offset"] + f["length"]] for f in json.loads(result.stdout)["files"][0]["findings"]]
    assert words == ["occured", "untill", "begining", "truely", "arguement"]
    (tmp_path / ".tonecheck.toml").write_text('select = ["spelling"]\n[spelling]\ndialect = "en-GB"\n')
    (tmp_path / "d.txt").write_text("Hi Jo,\nI'll check in again after the check of the centre.\nTom\n")
    assert json.loads(run("check", "--format", "json", "d.txt").stdout)["files"][0]["findings"] == []


def test_the_probe_passes_over_an_address_family_this_machine_cannot_open(monkeypatch):
    """As socket.create_connection does: "localhost" may resolve to ::1 first."""
    import _socket
    import socket

    from tonecheck.languagetool import _connects

    real = _socket.socket

    def no_ipv6(family=_socket.AF_INET, *args):
        if family == _socket.AF_INET6:
            raise OSError(97, "Address family not supported by protocol")
        return real(family, *args)

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        monkeypatch.setattr(_socket, "socket", no_ipv6)
        monkeypatch.setattr(_socket, "getaddrinfo", lambda host, port, *a: [
            (_socket.AF_INET6, _socket.SOCK_STREAM, 6, "", ("::1", port, 0, 0)),
            (_socket.AF_INET, _socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))])
        assert _connects("localhost", listener.getsockname()[1], 1.0)
