"""Benchmark: whole-process wall time and peak memory of studyplan commands.

    python bench/run.py            # commands against the floor, plus the scale mode
    python bench/run.py --quick    # fewer runs (a smoke test, not for docs)

Every command runs as a fresh process (what a learner sees), alternating
commands round by round so machine drift hits all alike. Ratios are against a
baseline measured in the same run:

* the floor: `python -c "import typer, rich.console, rich.table"`;
* in scale mode, each read command on a fresh profile, against the same command
  with 10 years of synthetic history (~36,500 logs, ~100,000 journal rows,
  20,000 reviews) and with a synthetic curriculum 20x the bundled one.

The results go to docs/performance.md (regenerated, never typed by hand).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PY = sys.executable
FLOOR = [PY, "-c", "import typer, rich.console, rich.table"]
# Not a target, a breakdown: the floor plus what any command that reads progress must
# load (SQLite and an open connection, platformdirs), so the rest is studyplan's own.
STORAGE_CODE = ("import typer, rich.console, rich.table, sqlite3, platformdirs; "
                "platformdirs.user_data_dir('studyplan'); sqlite3.connect(':memory:').execute('select 1')")
STORAGE = [PY, "-c", STORAGE_CODE]
# What a learner runs: the installed console script (falls back to `python -m studyplan`).
_SCRIPT = Path(sys.executable).parent / "studyplan"
SP = [str(_SCRIPT)] if _SCRIPT.exists() else [PY, "-m", "studyplan"]
COMMANDS = {
    "--help": ["--help"],
    "today": ["today", "--date", "2026-06-15"],
    "plan": ["plan"],
    "concept perplexity": ["concept", "perplexity"],
    "report --week": ["report", "--week", "--date", "2026-06-15"],
    "history": ["history"],
}
READS = ["today", "plan", "concept perplexity", "report --week", "history"]
TARGETS = {"--help": 1.3, "today": 1.3, "plan": 1.3, "concept perplexity": 1.3}
MEMORY_TARGET = 1.2  # today's peak RSS against the floor's
# `studyplan status` runs before every prompt (app/prompt.py). Each case has a home of its own:
# "repeated" asks again with nothing changed (the cache answers from file stats); "after a
# write" runs `studyplan log 1m` (not timed) before every timed run, so each is the first
# status after a change; "computed" turns the cache off (what a change no studyplan command
# made costs: an edited settings file, a write by another program).
PASS = [PY, "-c", "pass"]
STATUS_CASES = {"status, repeated": ("pass", 1.5), "status, after a write": ("floor", 0.35), "status, computed": ("floor", None)}
BEFORE_EACH_RUN = {"status, after a write": [*SP, "log", "1m"]}
HISTORY_TARGET = 1.1  # a read command with 10 years of history against a fresh profile
CURRICULUM_TARGET = 2.0  # ... with a curriculum 20x the bundled one


def verdict(ratio: float, target: float | None) -> str:
    """' ✓' or ' ✗' against a target, from the unrounded ratio."""
    if target is None:
        return ""
    return " ✓" if ratio <= target else " ✗"


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(argv)}\n{err}")
    return elapsed, usage.ru_maxrss  # KiB on Linux


def measure(cases: dict[str, tuple[list[str], dict[str, str]]], runs: int) -> dict[str, dict[str, float]]:
    for argv, env in cases.values():  # warm-up: caches, page cache, the curriculum cache
        run_once(argv, env)
        run_once(argv, env)
    times: dict[str, list[float]] = {k: [] for k in cases}
    mem: dict[str, list[int]] = {k: [] for k in cases}
    for _ in range(runs):
        for name, (argv, env) in cases.items():  # alternate: one of each per round
            if name in BEFORE_EACH_RUN:  # not timed
                subprocess.run(BEFORE_EACH_RUN[name], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            t, m = run_once(argv, env)
            times[name].append(t)
            mem[name].append(m)
    return {k: {"median_ms": 1000 * statistics.median(times[k]), "peak_kib": max(mem[k])} for k in cases}


def make_env(home: Path, **extra: str) -> dict[str, str]:
    """A learner whose home folder is ``home``: the per-user folders come from
    platformdirs, as on a real machine (no STUDYPLAN_HOME shortcut)."""
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
               NO_COLOR="1", COLUMNS="100", PYTHONPATH=str(REPO))
    for name in ("STUDYPLAN_HOME", "STUDYPLAN_DEBUG", "STUDYPLAN_PROFILE", "STUDYPLAN_LANG"):
        env.pop(name, None)
    # Measure what an installed copy does: bytecode cached after the warm-up runs
    # (pip compiles it at install time), not a fresh compile of every module.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


def fresh_home(root: Path, name: str) -> Path:
    home = root / name
    home.mkdir()
    subprocess.run([*SP, "init", "--start", "2026-01-05"], env=make_env(home), check=True, stdout=subprocess.DEVNULL)
    return home


def fill_history(home: Path) -> dict[str, int]:
    """10 years of daily activity, written straight through the store's schema
    (run in a child whose environment is ``make_env(home)``)."""
    sys.path.insert(0, str(REPO))
    from studyplan import paths
    from studyplan.store.db import open_database

    db = open_database(paths.database_path())
    conn = db.conn
    profile_id = conn.execute("SELECT id FROM profiles WHERE name = 'default'").fetchone()[0]
    from studyplan.app import catalog

    curriculum = catalog.load(catalog.resolve("ml-dl-gpt"), use_cache=False)
    items = list(curriculum.refs())
    concepts = [c.id for c in curriculum.concepts]
    first = date(2016, 6, 16)
    conn.execute("BEGIN IMMEDIATE")
    batch = 0
    logs = journal = reviews = 0
    for n in range(3650):
        day = first + timedelta(days=n)
        iso = day.isoformat()
        at = f"{iso}T20:00:00+00:00"
        for k in range(10):
            conn.execute("INSERT INTO time_log (profile_id, day, minutes, kind, module, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (profile_id, iso, 30 + k, ("theory", "coding", "updates")[k % 3], None, None, at))
            logs += 1
        for k in range(27):
            batch += 1
            ref = items[(n * 27 + k) % len(items)]
            conn.execute("INSERT INTO journal (profile_id, batch, at, day, action, target, before, after, undone) VALUES (?, ?, ?, ?, 'status', ?, 'todo', 'in-progress', 1)",
                         (profile_id, batch, at, iso, ref))
            journal += 1
        for k in range(6 if n % 2 == 0 else 5):
            conn.execute("INSERT INTO reviews (profile_id, concept, rating, at, day, due_after) VALUES (?, ?, ?, ?, ?, ?)",
                         (profile_id, concepts[(n + k) % len(concepts)], 1 + (n + k) % 4, at, iso, at))
            reviews += 1
        conn.execute("INSERT INTO lookups (profile_id, concept, query, at, day) VALUES (?, ?, ?, ?, ?)", (profile_id, concepts[n % len(concepts)], "q", at, iso))
        conn.execute("INSERT OR IGNORE INTO activity (profile_id, day) VALUES (?, ?)", (profile_id, iso))
    conn.execute("COMMIT")
    db.close()
    return {"logs": logs, "journal": journal, "reviews": reviews}


def big_curriculum(home: Path, factor: int = 20) -> dict[str, int]:
    """The bundled curriculum with every module, phase slot and concept repeated
    ``factor`` times, as the user curriculum ``big`` (run in a child with ``make_env(home)``)."""
    import yaml

    sys.path.insert(0, str(REPO))
    from studyplan import paths

    target = paths.user_curricula_dir() / "big"
    src = REPO / "curricula" / "ml-dl-gpt"
    target.mkdir(parents=True)
    meta = yaml.safe_load((src / "curriculum.yaml").read_text(encoding="utf-8"))
    modules = yaml.safe_load((src / "modules.yaml").read_text(encoding="utf-8"))["modules"]
    concepts = yaml.safe_load((src / "concepts.yaml").read_text(encoding="utf-8"))["concepts"]
    new_modules, new_concepts = [], []
    for k in range(factor):
        for m in modules:
            copy = json.loads(json.dumps(m))
            copy["id"] = f"{m['id']}-{k}" if k else m["id"]
            new_modules.append(copy)
        for c in concepts:
            copy = json.loads(json.dumps(c))
            if k:
                copy["id"] = f"{c['id']}-{k}"
                copy["term"] = {lang: f"{t} {k}" for lang, t in c["term"].items()}
                copy["aliases"] = [f"{a} {k}" for a in c.get("aliases") or []]
                copy["related"] = [f"{r}-{k}" for r in c.get("related") or []]
                copy["modules"] = [f"{m}-{k}" for m in c["modules"]]
            new_concepts.append(copy)
    for phase in meta["phases"]:
        phase["modules"] = [f"{m}-{k}" if k else m for k in range(factor) for m in phase["modules"]]
    for note in meta.get("notes") or []:
        note["modules"] = note.get("modules") or []
    (target / "curriculum.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    (target / "modules.yaml").write_text(yaml.safe_dump({"modules": new_modules}, allow_unicode=True), encoding="utf-8")
    (target / "concepts.yaml").write_text(yaml.safe_dump({"concepts": new_concepts}, allow_unicode=True), encoding="utf-8")
    for extra in ("history.yaml", "readings.yaml"):
        shutil.copy(src / extra, target / extra)
    return {"modules": len(new_modules), "concepts": len(new_concepts)}


def _in_child(function: str, path: Path) -> dict[str, int]:
    code = f"import json, sys; sys.path.insert(0, {str(REPO / 'bench')!r}); import run; print(json.dumps(run.{function}(run.Path({str(path)!r}))))"
    out = subprocess.run([PY, "-c", code], env=make_env(path), check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import importlib.metadata as md

    versions = ", ".join(f"{p} {md.version(p)}" for p in ("typer", "rich", "pyyaml", "rapidfuzz"))
    return f"{cpu}; {os.cpu_count()} cores; Python {platform.python_version()} on {platform.system()} {platform.release()}; {versions}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="5 runs, no docs file")
    parser.add_argument("--no-scale", action="store_true", help="skip the 10-year / 20x scale mode")
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "performance.md")
    args = parser.parse_args()
    runs = 5 if args.quick else args.runs
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="studyplan-bench-") as tmp:
        root = Path(tmp)
        fresh = fresh_home(root, "fresh")
        cases = {"floor": (FLOOR, make_env(fresh)), "storage": (STORAGE, make_env(fresh))}
        cases.update({name: ([*SP, *argv], make_env(fresh)) for name, argv in COMMANDS.items()})
        cases["pass"] = (PASS, make_env(fresh))
        for name in STATUS_CASES:  # a plan in progress today, whatever today is
            home = root / name.replace(",", "").replace(" ", "-")
            home.mkdir()
            subprocess.run([*SP, "init", "--start", (date.today() - timedelta(days=40)).isoformat()], env=make_env(home), check=True, stdout=subprocess.DEVNULL)
            cases[name] = ([*SP, "status"], make_env(home, **({"STUDYPLAN_STATUS_CACHE": "0"} if name == "status, computed" else {})))
        status_ready = time.monotonic() + 2.5  # the cache trusts file stats 2 s old (app/status_cache.py RACY_NS)
        scale_info = {}
        if not args.no_scale:
            # Built in child processes: a child's peak RSS includes what it inherited at
            # fork, so this process must stay as small as a shell would be.
            old = fresh_home(root, "ten-years")
            scale_info["history"] = _in_child("fill_history", old)
            big = fresh_home(root, "big-curriculum")
            scale_info["curriculum"] = _in_child("big_curriculum", big)
            subprocess.run([*SP, "init", "--start", "2026-01-05", "--curriculum", "big"], env=make_env(big), check=True, stdout=subprocess.DEVNULL)
            for name in READS:
                cases[f"{name} @10y"] = ([*SP, *COMMANDS[name]], make_env(old))
                cases[f"{name} @20x"] = ([*SP, *COMMANDS[name]], make_env(big))
        time.sleep(max(0.0, status_ready - time.monotonic()))
        results = measure(cases, runs)
    floor = results["floor"]
    lines = [
        "# Performance",
        "",
        "Generated by `python bench/run.py` — do not edit by hand.",
        "",
        f"- Machine: {machine()}",
        f"- Date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}; {runs} runs per command after 2 warm-ups, alternating commands; whole-process wall time (median) and peak RSS.",
        "- Each command runs as a learner with a temporary home folder: the database, settings and cache sit where platformdirs puts them, as on a real machine.",
        f"- Floor: `python -c \"import typer, rich.console, rich.table\"` = {floor['median_ms']:.0f} ms, {floor['peak_kib'] / 1024:.1f} MiB.",
        "",
        "## Commands on a fresh profile, against the floor",
        "",
        "| command | median ms | × floor | target | peak MiB | × floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in COMMANDS:
        r = results[name]
        speed = r["median_ms"] / floor["median_ms"]
        memory = r["peak_kib"] / floor["peak_kib"]
        target = f"≤ {TARGETS[name]}" if name in TARGETS else ""
        mem_target = f" (target ≤ {MEMORY_TARGET})" if name == "today" else ""
        lines.append(f"| `studyplan {name}` | {r['median_ms']:.0f} | {speed:.2f}{verdict(speed, TARGETS.get(name))} | {target} | "
                     f"{r['peak_kib'] / 1024:.1f} | {memory:.3f}{verdict(memory, MEMORY_TARGET if name == 'today' else None)}{mem_target} |")
    storage = results["storage"]
    today = results["today"]
    lines += [
        "",
        f"Where today's memory goes: the floor plus SQLite (library and a connection) and platformdirs, "
        f"which every command that reads progress needs, peaks at {storage['peak_kib'] / 1024:.1f} MiB "
        f"({storage['peak_kib'] / floor['peak_kib']:.2f}× the floor); studyplan's own code and data add "
        f"{(today['peak_kib'] - storage['peak_kib']) / 1024:.1f} MiB on top.",
    ]
    lines += [
        "",
        "## The prompt's status line",
        "",
        f"`studyplan status` runs before every prompt. `python -c \"pass\"` = {results['pass']['median_ms']:.0f} ms. "
        "After a write, each timed run follows an untimed `studyplan log 1m`; computed: the cache off.",
        "",
        "| command | median ms | ratio | target | peak MiB |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, (base, target) in STATUS_CASES.items():
        r = results[name]
        ratio = r["median_ms"] / results[base]["median_ms"]
        against = "`python -c pass`" if base == "pass" else "floor"
        lines.append(f"| `studyplan status`{name[len('status'):]} | {r['median_ms']:.0f} | {ratio:.2f}{verdict(ratio, target)} × {against} | "
                     f"{f'≤ {target}' if target else ''} | {r['peak_kib'] / 1024:.1f} |")
    if scale_info:
        h, c = scale_info["history"], scale_info["curriculum"]
        lines += [
            "",
            "## Scale: each read command against its fresh-profile time",
            "",
            f"- 10 years of history: {h['logs']:,} log entries, {h['journal']:,} journal rows, {h['reviews']:,} reviews, 3,650 active days (target ≤ {HISTORY_TARGET}×).",
            f"- A curriculum 20× the bundled one: {c['modules']} modules, {c['concepts']:,} concepts (target ≤ {CURRICULUM_TARGET:g}×).",
            "",
            "| command | fresh ms | 10 years ms | × fresh | 20× curriculum ms | × fresh |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name in READS:
            base = results[name]["median_ms"]
            old = results[f"{name} @10y"]["median_ms"]
            big = results[f"{name} @20x"]["median_ms"]
            lines.append(f"| `studyplan {name}` | {base:.0f} | {old:.0f} | {old / base:.2f}{verdict(old / base, HISTORY_TARGET)} | "
                         f"{big:.0f} | {big / base:.2f}{verdict(big / base, CURRICULUM_TARGET)} |")
    lines += ["", f"Benchmark wall time: {time.time() - started:.0f} s.", ""]
    text = "\n".join(lines)
    print(text)
    if not args.quick:
        args.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
