"""Find every interface message in the code and write the catalog template (``studyplan.pot``).

``python -m studyplan.locale.extract`` rewrites studyplan.pot and brings ja.po and
zh_Hant.po up to date with it (new messages are added untranslated, translations of
messages no longer used are dropped); ``--check`` only says whether anything would
change (a test runs it); ``--untranslated ja`` lists what ja lacks as JSON, and
``--fill ja FILE.json`` adds translations ({"msgid", "context", "msgstr"}) to it. A message is the literal template given to ``msg()``,
``nmsg()``, ``t(lang, …)`` or ``nt(lang, …)``.
zh-Hant is needed only where the history is shown: the messages of ``ZH_HANT``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from studyplan.locale import HERE, parse_po

PACKAGE = HERE.parent
ZH_HANT = {("render/knowledge.py", "history_view"), ("render/knowledge.py", "chart_view"), ("render/knowledge.py", "figure_text")}
HEADERS = {
    "pot": "Content-Type: text/plain; charset=UTF-8\\nPlural-Forms: nplurals=2; plural=(n != 1);\\n",
    "ja": "Language: ja\\nContent-Type: text/plain; charset=UTF-8\\nPlural-Forms: nplurals=1; plural=0;\\n",
    "zh-Hant": "Language: zh_Hant\\nContent-Type: text/plain; charset=UTF-8\\nPlural-Forms: nplurals=1; plural=0;\\n",
}


class Message:
    def __init__(self, msgid: str, plural: str | None, context: str | None) -> None:
        self.msgid, self.plural, self.context = msgid, plural, context
        self.where: list[tuple[str, str, int]] = []  # (file, function, line)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.msgid)


def _literal(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _kind(call: ast.Call) -> tuple[int, bool] | None:
    """(index of the msgid among the arguments, has a plural) for a message call."""
    f = call.func
    name = f.id if isinstance(f, ast.Name) else None
    return {"msg": (0, False), "nmsg": (0, True), "t": (1, False), "nt": (1, True)}.get(name or "")


def messages(package: Path = PACKAGE) -> dict[tuple[str | None, str], Message]:
    found: dict[tuple[str | None, str], Message] = {}
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            kind = _kind(call)
            if kind is None or len(call.args) <= kind[0]:
                continue
            at, has_plural = kind
            msgid = _literal(call.args[at])
            plural = _literal(call.args[at + 1]) if has_plural and len(call.args) > at + 1 else None
            if msgid is None or (has_plural and plural is None):
                continue
            context = next((_literal(k.value) for k in call.keywords if k.arg == "context"), None)
            owner = next((f.name for f in functions if f.lineno <= call.lineno <= (f.end_lineno or f.lineno)
                          and f.col_offset == 0), "")
            m = found.setdefault((context, msgid), Message(msgid, plural, context))
            m.where.append((rel, owner, call.lineno))
    return found


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def render(found: dict[tuple[str | None, str], Message], lang: str, old: dict | None = None) -> str:
    header = HEADERS["pot" if lang == "en" else lang]
    out = ['msgid ""', f'msgstr "{header}"', ""]
    for key in sorted(found, key=lambda k: (found[k].where[0][0], found[k].where[0][2], k)):
        m = found[key]
        if lang == "zh-Hant" and not any((f, fn) in ZH_HANT for f, fn, _ in m.where):
            continue
        out.append("#: " + " ".join(dict.fromkeys(f"studyplan/{f}" for f, _fn, _line in m.where)))
        if m.context is not None:
            out.append(f"msgctxt {_quote(m.context)}")
        out.append(f"msgid {_quote(m.msgid)}")
        forms = (old or {}).get(key, ())
        if m.plural is not None:
            out.append(f"msgid_plural {_quote(m.plural)}")
            count = 2 if lang == "en" else 1
            for i in range(count):
                out.append(f"msgstr[{i}] {_quote(forms[i] if lang != 'en' and i < len(forms) else '')}")
        else:
            out.append(f"msgstr {_quote(forms[0] if lang != 'en' and forms else '')}")
        out.append("")
    return "\n".join(out)


def outputs() -> dict[Path, str]:
    found = messages()
    files = {HERE / "studyplan.pot": render(found, "en")}
    for lang, name in (("ja", "ja.po"), ("zh-Hant", "zh_Hant.po")):
        path = HERE / name
        old = parse_po(path.read_text(encoding="utf-8")) if path.exists() else {}
        files[path] = render(found, lang, old)
    return files


def untranslated(lang: str) -> list[dict[str, str | None]]:
    """The messages ``lang`` lacks, for a translator: msgid, plural, context and where they are shown."""
    name = {"ja": "ja.po", "zh-Hant": "zh_Hant.po"}[lang]
    entries = parse_po((HERE / name).read_text(encoding="utf-8"))
    found = messages()
    return [{"msgid": m.msgid, "plural": m.plural, "context": m.context, "where": m.where[0][0]}
            for key, m in found.items() if not all(entries.get(key, ("",)))
            and (lang == "ja" or any((f, fn) in ZH_HANT for f, fn, _ in m.where))]


def fill(lang: str, translations: list[dict[str, str | None]]) -> None:
    """Add translations ({"msgid", "context", "msgstr"}) to ``lang``'s catalog."""
    name = {"ja": "ja.po", "zh-Hant": "zh_Hant.po"}[lang]
    path = HERE / name
    old = parse_po(path.read_text(encoding="utf-8"))
    for entry in translations:
        old[(entry.get("context"), str(entry["msgid"]))] = (str(entry["msgstr"]),)
    path.write_text(render(messages(), lang, old), encoding="utf-8")


def main(argv: list[str]) -> int:
    import json

    if argv[:1] == ["--untranslated"]:
        print(json.dumps(untranslated(argv[1] if len(argv) > 1 else "ja"), ensure_ascii=False, indent=1))
        return 0
    if argv[:1] == ["--fill"]:
        fill(argv[1], json.loads(Path(argv[2]).read_text(encoding="utf-8")))
        return 0
    stale = [p for p, text in outputs().items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if "--check" in argv:
        if stale:
            print("out of date (run `python -m studyplan.locale.extract`): " + ", ".join(p.name for p in stale))
            return 1
        return 0
    for path, text in outputs().items():
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
