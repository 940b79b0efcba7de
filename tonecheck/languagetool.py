"""LanguageTool's HTTP protocol, both ways: tonecheck as a client of a LanguageTool
server (grammar), and tonecheck as a server that LanguageTool clients talk to
(``tonecheck serve``).

LanguageTool counts offsets in UTF-16 code units (Java strings); Python counts code
points. ``Utf16`` converts between the two, so an emoji before a finding does not
shift it.

Where the server comes from, in order: ``[grammar] server`` in config (any address:
the user chose to send drafts there), ``TONECHECK_LANGUAGETOOL`` in the environment,
then a LanguageTool on this machine: one listening on 127.0.0.1:8081 (its default
port), or language-tool-python's own download with Java to run it. Nothing is
downloaded at run time, and nothing leaves the machine unless the user named the
server. ``TONECHECK_LANGUAGETOOL=off`` switches grammar off (the test suite does).
"""
from __future__ import annotations

import json
import os
from bisect import bisect_right
from functools import lru_cache

from .errors import TonecheckError

LOCAL = "http://127.0.0.1:8081"
ENV = "TONECHECK_LANGUAGETOOL"
#: Seconds to wait for a LanguageTool that nobody asked for by name (auto).
PROBE_TIMEOUT = 0.5


class Unavailable(TonecheckError):
    """No LanguageTool can be reached; the message says how to get one."""


class Utf16:
    """Offsets in ``text`` as Python indices and as UTF-16 code units."""

    def __init__(self, text: str):
        # the Python index of each character outside the Basic Multilingual Plane
        self._wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def to_index(self, unit: int) -> int:
        """The Python index of a UTF-16 offset (one past each wide character before it)."""
        # each wide character before the index adds one unit: solve unit = i + wide_before(i)
        lo = unit - len(self._wide)
        i = max(lo, 0)
        while i + bisect_right(self._wide, i - 1) < unit:
            i += 1
        return i

    def to_units(self, index: int) -> int:
        return index + bisect_right(self._wide, index - 1)


def settings_url(settings: dict) -> tuple[str | None, bool]:
    """The server named by config or environment, and whether it was named at all."""
    env = os.environ.get(ENV)
    url = settings.get("server") or (env if env and env.lower() != "off" else None)
    return (url.rstrip("/"), True) if url else (None, False)


def disabled(settings: dict) -> bool:
    """Grammar switched off: ``[grammar] use = false``, or ``TONECHECK_LANGUAGETOOL=off``."""
    return settings.get("use", "auto") is False or (not settings.get("server") and os.environ.get(ENV, "").lower() == "off")


class Server:
    """A LanguageTool server at ``url`` (the part before ``/v2``)."""

    def __init__(self, url: str, timeout: float = 10.0):
        self.url, self.timeout = url.rstrip("/"), timeout

    def _request(self, path: str, data: dict | None = None, timeout: float | None = None, headers: dict | None = None):
        import urllib.parse
        import urllib.request  # 30 ms: only when a LanguageTool is asked

        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.url + path, data=body, headers={"Accept": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout or self.timeout) as resp:  # noqa: S310 (http(s) only: checked)
            if headers is not None:
                headers.update(resp.headers)
            return json.loads(resp.read().decode("utf-8"))

    def alive(self, timeout: float) -> bool:
        """Does a LanguageTool answer here? (``tonecheck serve`` on the same port speaks
        the protocol too, but asking it would send tone findings back as grammar.)"""
        host = self.url.split("//", 1)[-1].split("/", 1)[0]
        name, _, port = host.rpartition(":") if host.rsplit(":", 1)[-1].isdigit() else (host, "", "")
        # a refused connection says "none here" without loading the HTTP client
        if not _connects(name.strip("[]"), int(port or (443 if self.url.startswith("https") else 80)), timeout):
            return False
        seen: dict = {}
        try:
            answer = self._request("/v2/languages", timeout=timeout, headers=seen)
        except (OSError, ValueError):
            return False
        return isinstance(answer, list) and not any(k.lower() == "x-tonecheck" for k in seen)

    def check(self, text: str, language: str = "en-US") -> list[dict]:
        """LanguageTool's matches for ``text``, offsets in Python indices."""
        try:
            answer = self._request("/v2/check", {"text": text, "language": language})
        except (OSError, ValueError) as exc:
            raise Unavailable(f"LanguageTool at {self.url} did not answer: {getattr(exc, 'reason', exc)}") from None
        units = Utf16(text)
        out = []
        for m in answer.get("matches", []) if isinstance(answer, dict) else []:
            try:
                start = units.to_index(int(m["offset"]))
                end = units.to_index(int(m["offset"]) + int(m["length"]))
            except (KeyError, TypeError, ValueError):
                continue
            if 0 <= start <= end <= len(text):
                out.append({**m, "offset": start, "length": end - start})
        return out


def _connects(host: str, port: int, timeout: float) -> bool:
    """Does something accept a connection there? (socket.create_connection's loop over
    the addresses, on the C module: socket.py and the IDNA codec cost ~5 ms of every
    check that probes for a LanguageTool, most often to be refused at once.)"""
    import _socket

    try:
        addresses = _socket.getaddrinfo(host.encode("ascii") if host.isascii() else host, port, 0, _socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return False
    for family, kind, proto, _, address in addresses:
        sock = None
        try:  # a family this machine cannot open (no IPv6) is passed over, as by create_connection
            sock = _socket.socket(family, kind, proto)
            sock.settimeout(timeout)
            sock.connect(address)
            return True
        except OSError:
            continue
        finally:
            if sock is not None:
                sock.close()
    return False


@lru_cache(maxsize=8)
def _reachable(url: str, timeout: float) -> bool:
    return Server(url).alive(timeout)


def forget() -> None:
    """Forget which LanguageTool answered: a process forked to do another caller's work
    (tonecheck daemon) asks again, in that caller's environment."""
    _reachable.cache_clear()
    _language_tool_python_install.cache_clear()


def find(settings: dict) -> Server | None:
    """The LanguageTool to use, or None (``use = "auto"`` and none here). With
    ``use = true`` (``check --grammar``) a missing one raises ``Unavailable``."""
    use = settings.get("use", "auto")
    if disabled(settings) and use is not True:
        return None
    url, named = settings_url(settings)
    timeout = float(settings.get("timeout", 10))
    if not url.startswith(("http://", "https://")) if url else False:
        raise Unavailable(f"[grammar] server {url!r} is not an http(s) address")
    candidates = [url] if named else [LOCAL]
    for candidate in candidates:
        if _reachable(candidate, min(timeout, 3.0) if named else PROBE_TIMEOUT):
            return Server(candidate, timeout)
    if not named:
        local = _language_tool_python_install()
        if local is not None:
            return local
    if use is True:
        where = url if named else f"{LOCAL} (LanguageTool's default port)"
        raise Unavailable(
            f"--grammar: no LanguageTool answers at {where}; start one "
            "(java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port 8081) "
            "or name one in config: [grammar] server = \"http://...\"")
    return None


@lru_cache(maxsize=1)
def _language_tool_python_install() -> Server | None:
    """A LanguageTool that language-tool-python downloaded earlier, started here with
    Java (seconds, once a process; stopped at exit). Started directly, not through
    language-tool-python, which would download its own version if this one is older:
    tonecheck never downloads anything."""
    from pathlib import Path

    folder = Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")
    jars = sorted(folder.glob("LanguageTool*/languagetool-server.jar")) if folder.is_dir() else []
    if not jars:
        return None
    import shutil  # ~3 ms (it imports bz2 and lzma): only when a LanguageTool was downloaded

    java = shutil.which("java")
    if java is None:
        return None
    import atexit
    import socket
    import subprocess
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    try:
        proc = subprocess.Popen([java, "-cp", str(jars[-1]), "org.languagetool.server.HTTPServer", "--port", str(port)],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        return None
    atexit.register(proc.terminate)
    server = Server(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        if server.alive(1):
            return server
        time.sleep(0.2)
    proc.terminate()
    return None


# -- tonecheck as a LanguageTool server ------------------------------------------------
def annotated(data: str) -> tuple[str, list[int], str]:
    """The plain text of LanguageTool's annotated ``data`` ({"annotation": [{"text":
    ...}, {"markup": ..., "interpretAs": ...}]}), per character of it its index in the
    annotation joined up (markup included), and that joined text: offsets count it."""
    try:
        parsed = json.loads(data)
        items = parsed["annotation"]
    except (ValueError, TypeError, KeyError):
        raise ValueError("'data' must be JSON: {\"annotation\": [{\"text\": ...}, {\"markup\": ...}]}") from None
    if not isinstance(items, list):
        raise ValueError("'annotation' must be a list")
    text, where, joined, pos = [], [], [], 0
    for item in items:
        if not isinstance(item, dict):
            raise ValueError("each annotation item is an object with 'text' or 'markup'")
        piece, markup = item.get("text"), item.get("markup")
        if isinstance(piece, str) and markup is None:
            text.append(piece)
            joined.append(piece)
            where.extend(range(pos, pos + len(piece)))
            pos += len(piece)
        elif isinstance(markup, str) and piece is None:
            shown = item.get("interpretAs", "")
            if not isinstance(shown, str):
                raise ValueError("'interpretAs' must be text")
            text.append(shown)
            joined.append(markup)
            where.extend([pos] * len(shown))
            pos += len(markup)
        else:
            raise ValueError("each annotation item has either 'text' or 'markup', as a string")
    where.append(pos)
    return "".join(text), where, "".join(joined)
