"""Reading an export file in bounded memory: row by row, straight from its bytes.

``json.loads`` of a whole file builds every object at once — about 2.5× the file for a
real export, up to about 24× for one made of tiny objects (``[{}, {}, …]``) — on top of
the file decoded into one ``str`` (4× the file when a single emoji makes it UCS-4).
This reader knows the document's shape (``domain.backup``) and holds only the file's
bytes, the rows it keeps and the one value it is parsing:

* the top-level object and ``tables`` are walked here;
* every other value is one JSON token, or an object or list with nothing nested in it
  (a row, the profile), found by a regular expression and parsed by ``json`` from its
  own slice of the bytes, at most MAX_VALUE_BYTES long;
* each row is checked (``backup.check_row``) as soon as it is parsed, and kept only if
  it is valid; an unknown table's rows are passed over without being built;
* reading stops at a value nested deeper than an export has, or after MAX_PROBLEMS.

The JSON is strict: UTF-8, no NaN or Infinity, no duplicate keys. A syntax error raises
JSONSyntax with its line and column, bytes that are not UTF-8 raise NotText; a document
that is not a valid export raises ``backup.ExportInvalid`` (or ``ExportTooNew``).
"""

from __future__ import annotations

import codecs
import re
import sys
from typing import Any, Callable

from studyplan.domain import backup as b
from studyplan.domain.backup_rows import TableCheck

MAX_VALUE_BYTES = 4 * 2**20  # a row: a note is at most 20,000 characters (≤ 12 bytes each, escaped)
MAX_PROBLEMS = 200

_WS = re.compile(rb"[ \t\n\r]*")
_STR = rb'"(?:[^"\\]++|\\.)*+"'
_KEY = re.compile(_STR, re.S)
_TOKEN = re.compile(_STR + rb"|-?[A-Za-z]++|[-+0-9.eE]++", re.S)
_FLAT_BODY = rb'(?:[^{}\[\]"]++|' + _STR + rb")*+"
_FLAT = re.compile(rb"\{" + _FLAT_BODY + rb"\}|\[" + _FLAT_BODY + rb"\]", re.S)
_FLAT_PREFIX = re.compile(rb"[{\[]" + _FLAT_BODY, re.S)
_SKIP = re.compile(rb"(?:[ \t\n\r]*(?:" + _FLAT.pattern + rb"|" + _TOKEN.pattern + rb")[ \t\n\r]*,)*+", re.S)


class JSONSyntax(ValueError):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.msg, self.line, self.column = message, line, column


class NotText(ValueError):
    def __init__(self, line: int, column: int) -> None:
        super().__init__(f"not UTF-8 text at line {line}, column {column}")
        self.line, self.column = line, column


class _Stop(Exception):
    """Reading cannot go on: ``problem`` says where and why."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _pairs(items: list[tuple[str, Any]], intern: Callable[[str], str] = sys.intern) -> dict[str, Any]:
    # Keys, and short texts (days, timestamps, actions, refs), are shared by every row that
    # holds them: json.loads does that for keys within one call, and a row is one call.
    out = {intern(k): intern(v) if v.__class__ is str and len(v) <= 40 else v for k, v in items}
    if len(out) != len(items):
        seen: set[str] = set()
        for k, _ in items:
            if k in seen:
                raise ValueError(f"duplicate key '{k}'")
            seen.add(k)
    return out


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_json(text: str) -> Any:
    """Parse JSON strictly: no NaN/Infinity, no duplicate keys. Raises ValueError with a position."""
    import json  # --help loads every command module: json (~2 ms) only when a backup is read

    return json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant)


def _check_utf8(raw: bytes) -> None:
    """Every byte is UTF-8, checked a MiB at a time (never the whole file decoded at once)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view, step = memoryview(raw), 2**20
    for start in range(0, len(raw), step):
        try:
            decoder.decode(view[start:start + step], final=start + step >= len(raw))
        except UnicodeDecodeError as exc:
            raise _Reader(raw, {}, []).not_text(max(0, start + exc.start)) from None


class _Reader:
    def __init__(self, raw: bytes, specs: dict[str, b.TableSpec], problems: list[str]) -> None:
        import json  # as in parse_json()

        self.raw = raw
        self.pos = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
        self.specs = specs
        self.problems = problems
        self.top: dict[str, Any] = {}
        self.decoder = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_constant)
        self.decode_error = json.JSONDecodeError
        self.scan = self.decoder.scan_once

    # -- positions and errors ------------------------------------------------------------
    def _where(self, offset: int) -> tuple[int, int]:
        line_start = self.raw.rfind(b"\n", 0, offset) + 1
        return self.raw.count(b"\n", 0, offset) + 1, len(self.raw[line_start:offset].decode("utf-8", "replace")) + 1

    def syntax(self, message: str, offset: int) -> JSONSyntax:
        return JSONSyntax(message, *self._where(offset))

    def not_text(self, offset: int) -> NotText:
        return NotText(*self._where(offset))

    # -- the pieces ------------------------------------------------------------------------
    def ws(self) -> None:
        self.pos = _WS.match(self.raw, self.pos).end()  # type: ignore[union-attr]  # matches "" at worst

    def peek(self) -> bytes:
        return self.raw[self.pos:self.pos + 1]

    def parse(self, start: int, end: int) -> Any:
        text = self.raw[start:end].decode("utf-8")  # the whole file is UTF-8 (_check_utf8)
        try:
            try:  # the C scanner itself: a value a row, so json's Python wrappers would cost a third of the time
                value, stop = self.scan(text, 0)
                if stop == len(text):
                    return value
            except StopIteration:
                pass
            except ValueError:  # a duplicate key, NaN: said again below, with json's own message
                pass
            return self.decoder.decode(text)  # the same text again, for json's error and its position
        except self.decode_error as exc:
            raise self.syntax(exc.msg, start + len(text[:exc.pos].encode("utf-8"))) from None
        except (ValueError, RecursionError) as exc:
            raise self.syntax(str(exc) or "nested too deeply", start) from None

    def value(self, path: str) -> Any:
        """One value: a token, or an object or a list with nothing nested in it."""
        start = self.pos
        if self.peek() in (b"{", b"["):
            m = _FLAT.match(self.raw, start)
            if m is None:
                end = _FLAT_PREFIX.match(self.raw, start).end()  # type: ignore[union-attr]
                if self.raw[end:end + 1] in (b"{", b"["):
                    raise _Stop(f"{path}: holds a list or object inside it, which a studyplan export never has there "
                                "(a row is an object of plain values); the rest of the file was not read")
                self.parse(start, end + 1)  # raises the error json finds (cut short, a stray bracket …)
                raise self.syntax("Expecting value", start)
        else:
            m = _TOKEN.match(self.raw, start)
            if m is None:
                raise self.syntax("Expecting value", start)
        if m.end() - start > MAX_VALUE_BYTES:
            raise _Stop(f"{path}: a value of {(m.end() - start) / 2**20:.0f} MiB, longer than any in a studyplan export "
                        f"(at most {MAX_VALUE_BYTES // 2**20} MiB); the rest of the file was not read")
        self.pos = m.end()
        return self.parse(start, m.end())

    def members(self, path: str, member: Callable[[str, str], Any], out: dict[str, Any]) -> dict[str, Any]:
        """The object at ``pos`` whose values ``member(key, path)`` reads."""
        self.pos += 1
        self.ws()
        if self.peek() == b"}":
            self.pos += 1
            return out
        while True:
            m = _KEY.match(self.raw, self.pos)
            if m is None:
                raise self.syntax("Expecting property name enclosed in double quotes", self.pos)
            if m.end() - m.start() > MAX_VALUE_BYTES:
                raise _Stop(f"{path}: a key longer than {MAX_VALUE_BYTES // 2**20} MiB; the rest of the file was not read")
            key = self.parse(m.start(), m.end())
            if key in out:
                raise self.syntax(f"duplicate key '{key}'", m.start())
            self.pos = m.end()
            self.ws()
            if self.peek() != b":":
                raise self.syntax("Expecting ':' delimiter", self.pos)
            self.pos += 1
            self.ws()
            out[key] = member(key, f"{path}.{key}")
            self.ws()
            if self.peek() == b",":
                self.pos += 1
                self.ws()
            elif self.peek() == b"}":
                self.pos += 1
                return out
            else:
                raise self.syntax("Expecting ',' delimiter", self.pos)

    # -- the document ---------------------------------------------------------------------
    def document(self) -> Any:
        self.ws()
        if self.peek() == b"{":
            doc: Any = self.members("$", self.member, self.top)
        else:
            try:
                doc = self.value("$")
            except _Stop:
                raise _Stop("$: a studyplan export is a JSON object, not a list") from None
        self.ws()
        if self.pos != len(self.raw):
            raise self.syntax("Extra data", self.pos)
        return doc

    def member(self, key: str, path: str) -> Any:
        if key == "tables" and self.peek() == b"{":
            return self.members(path, self.table, {})
        return self.value(path)

    def table(self, name: str, path: str) -> Any:
        spec = self.specs.get(name)
        if self.peek() != b"[":
            return self.value(path)  # not a list: validate() says so
        if spec is None:
            return self.skip(path)
        check = TableCheck(spec, self.problems)
        self.pos += 1
        self.ws()
        index = 0
        while self.peek() != b"]":
            if index:
                if self.peek() != b",":
                    raise self.syntax("Expecting ',' delimiter", self.pos)
                self.pos += 1
                self.ws()
            check.add(self.value(f"{path}[{index}]"), index)
            if len(self.problems) >= MAX_PROBLEMS:
                raise _Stop(f"{path}: reading stopped after {MAX_PROBLEMS} problems; fix these first")
            index += 1
            self.ws()
        self.pos += 1
        return check.rows

    def skip(self, path: str) -> list:
        """An unknown table's rows, passed over unbuilt: the table is refused anyway."""
        self.pos += 1
        self.pos = _SKIP.match(self.raw, self.pos).end()  # type: ignore[union-attr]
        self.ws()
        if self.peek() != b"]":
            self.value(f"{path}[]")
            self.ws()
            if self.peek() != b"]":
                raise self.syntax("Expecting ',' delimiter", self.pos)
        self.pos += 1
        return []


def read_export(raw: bytes, specs: dict[str, b.TableSpec], profile_spec: b.TableSpec, schema_version: int) -> b.ExportDocument:
    """The export in ``raw`` read, checked and returned, or the reason it is refused (see the module docstring)."""
    _check_utf8(raw)
    problems: list[str] = []
    reader = _Reader(raw, specs, problems)
    try:
        doc = reader.document()
    except _Stop as stop:
        top = reader.top  # what was read: a file from a newer studyplan, or not an export, says so first
        if "format" in top and (top["format"] != b.FORMAT or ("version" in top and "schema_version" in top)):
            b.check_header(top, schema_version)
        raise b.ExportInvalid([*problems, stop.problem]) from None
    return b.validate(doc, specs, profile_spec, schema_version, found=problems)
