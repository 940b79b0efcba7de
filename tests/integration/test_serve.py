"""`tonecheck serve` as its clients meet it: the real server (uvicorn) on a free
loopback port, language-tool-python and pylanguagetool as LanguageTool clients, raw
HTTP for the error cases, and the page in headless Chromium."""
from __future__ import annotations

import http.client
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

SEED = (Path(__file__).resolve().parents[2] / "examples" / "collection-weekend.txt").read_text()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = _free_port()
    env = {**os.environ, "TONECHECK_CACHE_DIR": str(tmp_path_factory.mktemp("cache")), "TONECHECK_LANGUAGETOOL": "off"}
    proc = subprocess.Popen([sys.executable, "-m", "tonecheck", "serve", "--port", str(port), "--max-bytes", "65536"],
                            cwd=tmp_path_factory.mktemp("serve"), env=env, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as resp:
                assert json.load(resp)["status"] == "ok"
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"tonecheck serve did not start: {proc.stderr.read().decode()}")
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("tonecheck serve did not answer /healthz within 10 s")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def _post(url, path, body: bytes, content_type="application/x-www-form-urlencoded", headers=None):
    req = urllib.request.Request(url + path, data=body, headers={"Content-Type": content_type, **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, json.load(resp)
    except urllib.error.HTTPError as exc:
        return exc.code, json.load(exc)


def test_language_tool_python_gets_findings_at_the_right_place(server):
    import language_tool_python

    tool = language_tool_python.LanguageTool("en-US", remote_server=server)
    text = "Hi Steve 😀👍🏽,\nWe apologise for any inconvenience caused. 🎉 Your café order will arrive soon.\n"
    matches = tool.check(text)
    spans = {m.rule_id: text[m.offset:m.offset + m.error_length] for m in matches}
    assert spans["Apology.AnyInconvenience"] == "apologise for any inconvenience"
    assert "soon" in spans.get("Commitment.VaguePromise", "") + spans.get("Learned.Vague", "")
    assert all(m.message for m in matches)


def test_pylanguagetool_cli_prints_tone_findings(server, tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("Hi Steve, we apologise for any inconvenience caused.\n")
    exe = shutil.which("pylanguagetool") or pytest.fail("pylanguagetool is in the test extra")
    out = subprocess.run([exe, "-a", server + "/v2/", "--no-color", str(path)], capture_output=True, text=True, timeout=60)
    assert "is a stock phrase that apologises for nothing in particular" in out.stdout


def test_v2_check_with_annotated_data_counts_markup(server):
    data = json.dumps({"annotation": [
        {"markup": "<p>"}, {"text": "Hi Jo, we apologise for any inconvenience caused."}, {"markup": "</p>"}]})
    from urllib.parse import urlencode

    status, doc = _post(server, "/v2/check", urlencode({"data": data, "language": "en-GB"}).encode())
    assert status == 200
    joined = "<p>Hi Jo, we apologise for any inconvenience caused.</p>"
    m = next(m for m in doc["matches"] if m["rule"]["id"] == "Apology.AnyInconvenience")
    assert joined[m["offset"]:m["offset"] + m["length"]] == "apologise for any inconvenience"


def test_enabled_only_and_disabled_rules(server):
    from urllib.parse import urlencode

    text = "Hi Jo, we apologise for any inconvenience caused. We will be in touch soon."
    _, doc = _post(server, "/v2/check", urlencode({"text": text, "language": "en-US", "disabledRules": "Apology.AnyInconvenience"}).encode())
    assert "Apology.AnyInconvenience" not in {m["rule"]["id"] for m in doc["matches"]}
    _, doc = _post(server, "/v2/check", urlencode({"text": text, "language": "en-US", "enabledRules": "Apology.AnyInconvenience", "enabledOnly": "true"}).encode())
    assert {m["rule"]["id"] for m in doc["matches"]} == {"Apology.AnyInconvenience"}


def test_v1_check_and_rewrite(server):
    status, report = _post(server, "/v1/check", json.dumps({"text": SEED}).encode(), "application/json")
    assert status == 200 and report["score"]["overall"] < 50
    assert {"CustomerFocus.OwnAgenda", "Empathy.BigMoment"} <= {f["rule"] for f in report["findings"]}
    status, result = _post(server, "/v1/rewrite", json.dumps({"text": SEED}).encode(), "application/json")
    assert status == 200 and "Congratulations on your new car!" in result["text"]
    assert result["score_after"] > result["score_before"] and result["placeholders"]


@pytest.mark.parametrize("path, body, ctype, status", [
    ("/v1/check", b"not json", "application/json", 400),
    ("/v1/check", b'{"text": 5}', "application/json", 400),
    ("/v1/check", b'{"text": "   "}', "application/json", 400),
    ("/v2/check", b"language=en-US", "application/x-www-form-urlencoded", 400),
    ("/v2/check", b"text=Bonjour&language=fr", "application/x-www-form-urlencoded", 400),
    ("/v2/check", b"data=%7Bnope", "application/x-www-form-urlencoded", 400),
    ("/v1/check", b'{"text": "' + b"a" * 70000 + b'"}', "application/json", 413),
    ("/v1/check", b'{"text": "Hi", "context": ["complaints"]}', "application/json", 400),  # a typo is said
    ("/v1/rewrite", b'{"text": "Hi", "context": ["nonsense"]}', "application/json", 400),
    ("/nowhere", b"", "text/plain", 404),
])
def test_bad_requests_get_a_json_error(server, path, body, ctype, status):
    got, doc = _post(server, path, body, ctype)
    assert got == status and doc["error"]


def test_the_server_survives_ten_thousand_malformed_requests(server):
    rng = random.Random(7)
    host, port = server.removeprefix("http://").split(":")
    paths = ["/v2/check", "/v1/check", "/v1/rewrite", "/v2/languages", "/healthz", "/", "/v1/rules", "/%ff", "/v2/check?x=\x00"]
    ctypes = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain", ""]
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    statuses = {}
    for i in range(10_000):
        size = rng.choice([0, 1, 7, 64, 600, 5000])
        body = bytes(rng.getrandbits(8) for _ in range(size)) if rng.random() < 0.5 else \
            rng.choice([b"text=", b"data=", b'{"text":', b'{"text": [1]}', b"text=%FF%FE", b'{"text": "\\ud800"}', b"language=xx"]) * rng.randint(1, 3)
        headers = {"Content-Type": rng.choice(ctypes)}
        lying = rng.random() < 0.05  # a Content-Length that is not the body's
        if lying:
            headers["Content-Length"] = rng.choice(["-1", "abc", str(10 ** 12)])
        try:
            conn.request(rng.choice(["POST", "GET", "PUT"]), rng.choice(paths), body=body, headers=headers)
            resp = conn.getresponse()
            resp.read()
            statuses[resp.status] = statuses.get(resp.status, 0) + 1
            if lying or resp.getheader("connection", "").lower() == "close":  # the rest of that body never comes
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=10)
        except (http.client.HTTPException, OSError):  # a request the server refused outright
            conn.close()
            conn = http.client.HTTPConnection(host, int(port), timeout=10)
    assert 500 not in statuses, statuses
    with urllib.request.urlopen(server + "/healthz", timeout=5) as resp:
        assert json.load(resp)["status"] == "ok"


def test_the_page_in_headless_chromium(server, tmp_path):
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromedriver are not installed; .ci/run installs them")
        pytest.skip("chromium and chromedriver are not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1500", "--disable-dev-shm-usage"):
        opts.add_argument(arg)
    browser = webdriver.Chrome(service=Service(driver), options=opts)
    try:
        browser.get(server + "/")
        wait = WebDriverWait(browser, 20)
        box = browser.find_element(By.ID, "draft")
        box.send_keys(SEED)
        browser.find_element(By.ID, "check").click()
        mark = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, 'mark[data-rules~="CustomerFocus.OwnAgenda"]')))
        assert mark.text.startswith("I just wanted to plan my")
        assert "company_centric" in mark.get_attribute("class")
        assert float(browser.find_element(By.ID, "score").text.split()[0]) < 50
        assert "Why:" in browser.find_element(By.ID, "findings").text
        browser.find_element(By.ID, "rewrite").click()
        wait.until(ec.visibility_of_element_located((By.ID, "diff")))
        assert "+Congratulations on your new car!" in browser.find_element(By.ID, "diff").text
        shot = tmp_path / "serve.png"
        browser.save_screenshot(str(shot))
        assert shot.stat().st_size > 10_000
        if os.environ.get("TONECHECK_SCREENSHOT"):  # how docs/serve.png is made
            shutil.copy(shot, os.environ["TONECHECK_SCREENSHOT"])
        browser.find_element(By.ID, "accept").click()
        wait.until(lambda b: "Congratulations" in b.find_element(By.ID, "draft").get_attribute("value"))
    finally:
        browser.quit()


def test_a_long_paragraph_gets_a_bounded_answer(server):
    from urllib.parse import urlencode

    text = "Hi Jo,\n" + "Sorry for any inconvenience, we will get back to you soon. " * 500
    status, doc = _post(server, "/v2/check", urlencode({"text": text, "language": "en-US"}).encode())
    assert status == 200 and doc["matches"]
    assert len(json.dumps(doc)) < 2_000 * len(doc["matches"])  # each match carries its sentence, not the paragraph
    assert all("\n" not in m["context"]["text"] and len(m["sentence"]) <= 600 for m in doc["matches"])


def test_categories_by_the_id_clients_are_given(server):
    from urllib.parse import urlencode

    text = "Hi Jo, we apologise for any inconvenience caused. We will be in touch soon."
    _, doc = _post(server, "/v2/check", urlencode({"text": text, "language": "en-US"}).encode())
    category = next(m["rule"]["category"]["id"] for m in doc["matches"] if m["rule"]["id"] == "Apology.AnyInconvenience")
    _, doc = _post(server, "/v2/check", urlencode({"text": text, "language": "en-US", "disabledRules": category}).encode())
    assert "Apology.AnyInconvenience" not in {m["rule"]["id"] for m in doc["matches"]}
    _, doc = _post(server, "/v2/check", urlencode({"text": text, "language": "en-US", "enabledCategories": category, "enabledOnly": "true"}).encode())
    assert {m["rule"]["category"]["id"] for m in doc["matches"]} == {category}


def test_malformed_annotation_is_a_400(server):
    from urllib.parse import urlencode

    for items in ([{"text": 5, "markup": "<x>"}, {"text": "Sorry."}], [{"text": "a", "markup": "<x>"}], [{"nothing": 1}]):
        status, doc = _post(server, "/v2/check", urlencode({"data": json.dumps({"annotation": items})}).encode())
        assert status == 400 and "either 'text' or 'markup'" in doc["error"]
    # a null text beside markup is markup: accepted
    ok = json.dumps({"annotation": [{"text": None, "markup": "<x>"}, {"text": "Sorry for any inconvenience."}]})
    assert _post(server, "/v2/check", urlencode({"data": ok}).encode())[0] == 200


def test_v1_check_says_which_text_its_offsets_index(server):
    message = "From: tom@shop.example\nTo: jo@example.com\nSubject: Order\n\nHi Jo,\nSorry for any inconvenience caused.\nTom\n"
    _, report = _post(server, "/v1/check", json.dumps({"text": message}).encode(), "application/json")
    f = next(f for f in report["findings"] if f["rule"] == "Apology.AnyInconvenience")
    assert report["text"][f["offset"]:f["offset"] + f["length"]].startswith("Sorry for any inconvenience")


def test_serve_on_a_port_in_use_is_one_line_and_exit_2(server):
    port = server.rsplit(":", 1)[1]
    out = subprocess.run([sys.executable, "-m", "tonecheck", "serve", "--port", port], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "TONECHECK_LANGUAGETOOL": "off"})
    assert out.returncode == 2 and out.stderr.strip().splitlines() == [f"tonecheck: error: cannot listen on 127.0.0.1:{port}: Address already in use"]


def test_enabled_rules_can_switch_spelling_on(server):
    from urllib.parse import urlencode

    text = "Hi Jo, your refund was recieved today."
    _, doc = _post(server, "/v2/check", urlencode({"text": text, "language": "en-US"}).encode())
    assert "Spelling.Unknown" not in {m["rule"]["id"] for m in doc["matches"]}
    _, doc = _post(server, "/v2/check", urlencode({"text": text, "language": "en-US", "enabledRules": "Spelling.Unknown"}).encode())
    m = next(m for m in doc["matches"] if m["rule"]["id"] == "Spelling.Unknown")
    assert text[m["offset"]:m["offset"] + m["length"]] == "recieved" and m["replacements"] == [{"value": "received"}]
    assert m["rule"]["issueType"] == "misspelling"


def test_a_lone_surrogate_in_annotated_data_is_read_as_a_replacement_character(server):
    data = json.dumps({"annotation": [{"text": "\ud800 I just wanted to plan my weekend, so 9am Saturday."}]})
    status, doc = _post(server, "/v2/check", urllib.parse.urlencode({"data": data, "language": "en-US"}).encode())
    assert status == 200 and any(m["rule"]["id"] == "CustomerFocus.OwnAgenda" for m in doc["matches"])


def test_a_context_is_named_in_any_case(server):
    body = json.dumps({"text": "Hi Sam,\n\nYour parcel is on its way.\n\nLeah", "context": ["Complaint"]}).encode()
    status, report = _post(server, "/v1/check", body, "application/json")
    assert status == 200 and report["contexts"] == ["complaint"]


def test_a_pasted_mbox_of_several_messages_is_a_400_not_its_first_message_alone(server):
    mbox = ("From a@x.com Mon Jan  5 09:00:00 2026\nFrom: a@x.com\nSubject: one\n\nHi Bob,\nThanks.\n\n"
            "From a@x.com Mon Jan  5 09:01:00 2026\nFrom: a@x.com\nSubject: two\n\nHi Sue,\nYou should have read the terms.\n")
    for path in ("/v1/check", "/v1/rewrite"):
        status, doc = _post(server, path, json.dumps({"text": mbox}).encode(), "application/json")
        assert status == 400 and "mbox of 2 messages" in doc["error"], (path, doc)


def test_a_wrong_method_says_which_are_allowed(server):
    req = urllib.request.Request(server + "/v1/check", method="GET")
    try:
        urllib.request.urlopen(req, timeout=10)
    except urllib.error.HTTPError as exc:
        assert exc.code == 405 and exc.headers["Allow"] and "POST" in exc.headers["Allow"]
    else:
        raise AssertionError("GET /v1/check answered")
