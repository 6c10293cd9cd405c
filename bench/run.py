"""Benchmark: whole-process wall time and peak memory of studyplan commands.

    python bench/run.py            # commands against the floor, plus the scale mode
    python bench/run.py --quick    # fewer runs (a smoke test, not for docs)

Every command runs as a fresh process (what a learner sees), alternating
commands round by round so machine drift hits all alike. Ratios are against a
baseline measured in the same run:

* the floor: `python -c "import typer, rich.console, rich.table"`: every command
  of the README's command table (``COMMANDS``; a test checks none is missing), a few
  with ``--json``, and writes in pairs that leave the home as it was (``done`` then
  ``undo``, ``start`` then ``reset`` …);
* the first command on a new home (a fresh folder before every run: database,
  profile and curriculum cache created) against the same command warm;
* ``status`` against ``python -c pass`` (repeated) and the floor (after a change);
* in scale mode, each read command on a fresh profile, against the same command
  with 10 and 100 years of synthetic history (per day: 10 log entries, 27 journal
  rows, most of them kept and a few undone, 5.5 reviews with the cards they leave)
  and with a synthetic curriculum 20x and 50x the bundled one.

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
from typing import Callable

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
DAY = "2026-06-15"  # the day read commands ask about: a plan five months in
# One read form of every command of the README's command table (writes are WRITES);
# "{home}" is the learner's home folder (files to write or read).
COMMANDS = {
    "--help": ["--help"],
    "today": ["today", "--date", DAY],
    "plan": ["plan"],
    "show ml-basics": ["show", "ml-basics"],
    "concept perplexity": ["concept", "perplexity"],
    "concepts": ["concepts"],
    "history": ["history"],
    "history --chart": ["history", "--chart"],
    "read pace-of-progress": ["read", "pace-of-progress"],
    "review --stats": ["review", "--stats"],
    "log --list --week": ["log", "--list", "--week", "--date", DAY],
    "focus --status": ["focus", "--status"],
    "report --week": ["report", "--week", "--date", DAY],
    "timeline": ["timeline", "--date", DAY],
    "replan": ["replan", "--from", "2026-01-05"],  # on the plan's first day: nothing to move, nothing written
    "pause --list": ["pause", "--list"],
    "notes": ["notes"],
    "export": ["export"],
    "import --merge --dry-run": ["import", "{home}/backup.json", "--merge", "--dry-run"],
    "calendar": ["calendar", "--output", "{home}/plan.ics"],
    "config list": ["config", "list"],
    "curriculum list": ["curriculum", "list"],
    "doctor": ["doctor"],
    "schema": ["schema"],
    "completion bash": ["completion", "bash"],
    "sync --status": ["sync", "--status"],  # no sync folder: what every learner without one runs
    "init": ["init", "--start", "2026-01-05"],  # the profile as it is: rewritten, unchanged
    "today --json": ["today", "--date", DAY, "--json"],
    "plan --json": ["plan", "--json"],
    "report --week --json": ["report", "--week", "--date", DAY, "--json"],
}
# Writes, in pairs on a home of their own: each round runs the first, then the second,
# which takes the change back, so every timed run changes something.
WRITES = {
    "done ml-basics/definition": ["done", "ml-basics/definition"],
    "undo (the done)": ["undo"],
    "start ml-basics/types-of-ml": ["start", "ml-basics/types-of-ml"],
    "reset ml-basics/types-of-ml": ["reset", "ml-basics/types-of-ml"],
    "skip ml-basics": ["skip", "ml-basics"],
    "undo (the skip)": ["undo"],
    "log 25m": ["log", "25m"],
    "undo (the log)": ["undo"],
    "note ml-basics": ["note", "ml-basics", "a note from the benchmark"],
    "undo (the note)": ["undo"],
    "pause": ["pause", "--from", "2026-08-01", "--to", "2026-08-07"],
    "undo (the pause)": ["undo"],
}
FIRST_RUN = "today, the first run on a new home"
FIRST_RUN_TARGET = 1.2  # against `today` warm
READS = ["today", "plan", "show ml-basics", "concept perplexity", "report --week", "timeline", "history", "review --stats"]
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
HISTORY_TARGET = 1.1  # a read command with 10 or 100 years of history against a fresh profile
RUNS = 21  # runs per command (after 2 warm-ups): what README.md and docs/performance.md say
CURRICULUM_TARGETS = {20: 2.0, 50: 3.5}  # ... with a curriculum 20x / 50x the bundled one (linear: 50x costs ≤ 2.5 × 20x's extra)
HISTORY_YEARS = (10, 100)
UNDO_AT_SCALE = "undo (after an untimed log)"  # timed at each history size: a journal of a million rows costs no more


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


def measure(cases: dict[str, tuple[list[str], dict[str, str]]], runs: int,
            before: dict[str, Callable[[], None]] | None = None) -> dict[str, dict[str, float]]:
    """Median wall time and peak RSS of each case; ``before[name]`` runs (untimed) before each of its runs."""
    before = before or {}

    def one(name: str, argv: list[str], env: dict[str, str]) -> tuple[float, int]:
        prepare = before.get(name)
        if prepare is not None:
            prepare()
        return run_once(argv, env)

    for _ in range(2):  # warm-up (page cache, bytecode, the curriculum cache), round by round: write pairs stay in step
        for name, (argv, env) in cases.items():
            one(name, argv, env)
    times: dict[str, list[float]] = {k: [] for k in cases}
    mem: dict[str, list[int]] = {k: [] for k in cases}
    for _ in range(runs):
        for name, (argv, env) in cases.items():  # alternate: one of each per round
            t, m = one(name, argv, env)
            times[name].append(t)
            mem[name].append(m)
    return {k: {"median_ms": 1000 * statistics.median(times[k]), "peak_kib": max(mem[k]), "runs_ms": [1000 * t for t in times[k]]}
            for k in cases}


def ratio(a: dict[str, float], b: dict[str, float]) -> float:
    """``a`` against ``b``: the median of their round-by-round ratios. Both ran once in every
    round, moments apart, so a machine that speeds up or slows down during the run (this
    one's speed swings by half within minutes) moves both sides of each pair alike."""
    return statistics.median(x / y for x, y in zip(a["runs_ms"], b["runs_ms"]))


def command(argv: list[str], env: dict[str, str]) -> Callable[[], None]:
    """An untimed step before a timed run."""
    return lambda: subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def new_home(home: Path) -> Callable[[], None]:
    """Before each run of the first-run case: the home folder empty again (no database, profile or cache)."""
    def reset() -> None:
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir()
    return reset


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


def fill_history(home: Path, years: int = 10) -> dict[str, int]:
    """``years`` of daily study up to the day before ``DAY``, written straight through the
    store's schema (run in a child whose environment is ``make_env(home)``). A day, as a
    steady learner leaves it: 10 log entries (each journaled as `log` journals it), 16
    status changes in 4 commands (items cycling todo → in progress → done → todo), on
    every tenth day a change that was undone (and its undo), 5 or 6 reviews (the cards
    keep the state the last one left), a concept looked up, a note on every tenth day.
    The statuses and cards are where those rows leave them."""
    sys.path.insert(0, str(REPO))
    from studyplan import paths
    from studyplan.app import catalog
    from studyplan.domain import review as rv
    from studyplan.store.db import open_database

    db = open_database(paths.database_path())
    conn = db.conn
    pid = conn.execute("SELECT id FROM profiles WHERE name = 'default'").fetchone()[0]
    curriculum = catalog.load(catalog.resolve("ml-dl-gpt"), use_cache=False)
    items = [ref for ref in curriculum.refs() if "/" in ref]
    modules = [m.id for m in curriculum.modules]
    concepts = [c.id for c in curriculum.concepts]
    days = 365 * years
    first = date.fromisoformat(DAY) - timedelta(days=days)
    cycle = {"todo": "in-progress", "in-progress": "done", "done": "todo"}
    state: dict[str, tuple[str, str]] = {}  # ref -> (status, updated_at)
    last_review: dict[str, tuple[str, int]] = {}  # concept -> (at, rating)
    counts = dict.fromkeys(("logs", "journal", "undone", "reviews", "notes"), 0)
    log_id = conn.execute("SELECT COALESCE(MAX(id), 0) FROM time_log").fetchone()[0]
    note_id = conn.execute("SELECT COALESCE(MAX(id), 0) FROM notes").fetchone()[0]
    batch = 0
    conn.execute("BEGIN IMMEDIATE")
    for year_start in range(0, days, 365):  # a year of rows at a time: memory stays small
        logs, journal, reviews, lookups, notes, activity = [], [], [], [], [], []
        for n in range(year_start, min(days, year_start + 365)):
            iso = (first + timedelta(days=n)).isoformat()
            at = f"{iso}T20:00:00+00:00"
            activity.append((pid, iso))
            for k in range(10):
                log_id += 1
                minutes, kind = 20 + k, ("theory", "coding", "updates")[k % 3]
                logs.append((log_id, pid, iso, minutes, kind, None, None, at))
                batch += 1
                journal.append((pid, batch, at, iso, "log-add", str(log_id), None, f"{minutes}m {kind}", 0))
            for k in range(16):
                if k % 4 == 0:
                    batch += 1
                ref = items[(n * 16 + k) % len(items)]
                before = state.get(ref, ("todo", ""))[0]
                after = cycle[before]
                state[ref] = (after, at)
                journal.append((pid, batch, at, iso, "status", ref, before, after, 0))
            if n % 10 == 0:  # a change taken back the same day
                batch += 1
                ref = items[n % len(items)]
                now = state.get(ref, ("todo", ""))[0]
                journal.append((pid, batch, at, iso, "status", ref, now, "skipped", 1))
                batch += 1
                journal.append((pid, batch, at, iso, "undo", str(batch - 1), None, None, 0))
                counts["undone"] += 1
                note_id += 1
                mid = modules[(n // 10) % len(modules)]
                notes.append((note_id, pid, mid, f"day {n}: what I learned", at, iso))
                batch += 1
                journal.append((pid, batch, at, iso, "note-add", str(note_id), None, mid, 0))
            for k in range(6 if n % 2 == 0 else 5):
                concept = concepts[(n * 6 + k) % len(concepts)]
                rating = 1 + (n + k) % 4
                reviews.append((pid, concept, rating, at, iso, at))
                last_review[concept] = (at, rating)
            lookups.append((pid, concepts[n % len(concepts)], "q", at, iso))
        conn.executemany("INSERT INTO time_log (id, profile_id, day, minutes, kind, module, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", logs)
        conn.executemany("INSERT INTO journal (profile_id, batch, at, day, action, target, before, after, undone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", journal)
        conn.executemany("INSERT INTO reviews (profile_id, concept, rating, at, day, due_after) VALUES (?, ?, ?, ?, ?, ?)", reviews)
        conn.executemany("INSERT INTO lookups (profile_id, concept, query, at, day) VALUES (?, ?, ?, ?, ?)", lookups)
        conn.executemany("INSERT INTO notes (id, profile_id, ref, text, at, day) VALUES (?, ?, ?, ?, ?, ?)", notes)
        conn.executemany("INSERT OR IGNORE INTO activity (profile_id, day) VALUES (?, ?)", activity)
        for key, rows in (("logs", logs), ("journal", journal), ("reviews", reviews), ("notes", notes)):
            counts[key] += len(rows)
    conn.executemany("INSERT OR REPLACE INTO statuses (profile_id, ref, status, updated_at) VALUES (?, ?, ?, ?)",
                     [(pid, ref, st, at) for ref, (st, at) in state.items() if st != "todo"])
    for concept, (at, rating) in last_review.items():  # the card as its last review left it
        moment = datetime.fromisoformat(at)
        card = rv.schedule(None, concept, rating, moment)
        conn.execute("INSERT OR REPLACE INTO review_cards (profile_id, concept, card, due, state, introduced_day) VALUES (?, ?, ?, ?, ?, ?)",
                     (pid, concept, json.dumps(card.card, sort_keys=True), card.due.astimezone(timezone.utc).isoformat(timespec="seconds"),
                      card.state, first.isoformat()))
    conn.execute("COMMIT")
    db.close()
    return {**counts, "days": days, "cards": len(last_review)}


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


def _in_child(function: str, path: Path, *args: int) -> dict[str, int]:
    code = (f"import json, sys; sys.path.insert(0, {str(REPO / 'bench')!r}); import run; "
            f"print(json.dumps(run.{function}(run.Path({str(path)!r}), *{args!r})))")
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


def build_cases(root: Path, scale: bool) -> tuple[dict, dict, dict]:
    """Every timed case (name -> argv, env), what runs before some of them, and the scale's sizes."""
    fresh = fresh_home(root, "fresh")
    env = make_env(fresh)
    subprocess.run([*SP, "export", "--output", str(fresh / "backup.json")], env=env, check=True, stdout=subprocess.DEVNULL)
    cases = {"floor": (FLOOR, env), "storage": (STORAGE, env), "pass": (PASS, env)}
    cases.update({name: ([*SP, *(a.format(home=fresh) for a in argv)], env) for name, argv in COMMANDS.items()})
    writer = fresh_home(root, "writes")
    cases.update({name: ([*SP, *argv], make_env(writer)) for name, argv in WRITES.items()})
    first = root / "first-run"
    first.mkdir()
    cases[FIRST_RUN] = ([*SP, *COMMANDS["today"]], make_env(first))
    before: dict[str, Callable[[], None]] = {FIRST_RUN: new_home(first)}
    for name in STATUS_CASES:  # a plan in progress today, whatever today is
        home = root / name.replace(",", "").replace(" ", "-")
        home.mkdir()
        subprocess.run([*SP, "init", "--start", (date.today() - timedelta(days=40)).isoformat()], env=make_env(home), check=True, stdout=subprocess.DEVNULL)
        cases[name] = ([*SP, "status"], make_env(home, **({"STUDYPLAN_STATUS_CACHE": "0"} if name == "status, computed" else {})))
        if name in BEFORE_EACH_RUN:
            before[name] = command(BEFORE_EACH_RUN[name], make_env(home))
    status_ready = time.monotonic() + 2.5  # the cache trusts file stats 2 s old (app/status_cache.py RACY_NS)
    info: dict = {}
    if scale:
        # Built in child processes: a child's peak RSS includes what it inherited at
        # fork, so this process must stay as small as a shell would be.
        for years in HISTORY_YEARS:
            old = fresh_home(root, f"{years}-years")
            info[f"{years}y"] = _in_child("fill_history", old, years)
            for name in READS:
                cases[f"{name} @{years}y"] = ([*SP, *COMMANDS[name]], make_env(old))
            cases[f"{UNDO_AT_SCALE} @{years}y"] = ([*SP, "undo"], make_env(old))
            before[f"{UNDO_AT_SCALE} @{years}y"] = command([*SP, "log", "1m"], make_env(old))
        cases[UNDO_AT_SCALE] = ([*SP, "undo"], make_env(writer))
        before[UNDO_AT_SCALE] = command([*SP, "log", "1m"], make_env(writer))
        for factor in CURRICULUM_TARGETS:
            big = fresh_home(root, f"curriculum-{factor}x")
            info[f"{factor}x"] = _in_child("big_curriculum", big, factor)
            subprocess.run([*SP, "init", "--start", "2026-01-05", "--curriculum", "big"], env=make_env(big), check=True, stdout=subprocess.DEVNULL)
            for name in READS:
                cases[f"{name} @{factor}x"] = ([*SP, *COMMANDS[name]], make_env(big))
    watson = watson_case(root)
    if watson is not None:
        cases[WATSON] = watson
    time.sleep(max(0.0, status_ready - time.monotonic()))
    return cases, before, info


WATSON = "watson report"
WATSON_TARGET = 0.85  # today, plan, show and concept against Watson's report (issue 18)
WATSON_PEERS = ("today", "plan", "show ml-basics", "concept perplexity")


def watson_case(root: Path) -> tuple[list[str], dict[str, str]] | None:
    """`watson report` on a home with a few frames, when Watson (td-watson) is installed
    (``BENCH_WATSON`` names its executable, else ``watson`` on PATH); None without it."""
    exe = os.environ.get("BENCH_WATSON") or shutil.which("watson")
    if not exe:
        return None
    home = root / "watson"
    home.mkdir()
    env = {**make_env(home), "WATSON_DIR": str(home / "watson")}
    for day in range(24, 30):
        subprocess.run([exe, "add", "-f", f"2026-11-{day} 09:00", "-t", f"2026-11-{day} 10:30", "studyplan", "+theory"],
                       env=env, check=True, stdout=subprocess.DEVNULL)
    return [exe, "report"], env


def shown(name: str) -> str:
    """A case's name as the report shows it: ``undo (the log)`` -> `` `studyplan undo` (the log)``."""
    command, sep, rest = name.partition(" (")
    command, comma, what = command.partition(", ")
    return f"`studyplan {command}`" + (f", {what}" if comma else "") + (f" ({rest}" if sep else "")


def report(results: dict, runs: int, info: dict) -> list[str]:
    """docs/performance.md, from the measurements."""
    floor = results["floor"]
    lines = [
        "# Performance",
        "",
        "Generated by `python bench/run.py` — do not edit by hand.",
        "",
        f"- Machine: {machine()}",
        f"- Date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}; {runs} runs per command after 2 warm-ups, alternating commands; whole-process wall time (median) and peak RSS; a ratio is the median of the round-by-round ratios of its two commands.",
        "- Each command runs as a learner with a temporary home folder: the database, settings and cache sit where platformdirs puts them, as on a real machine.",
        f"- Floor: `python -c \"import typer, rich.console, rich.table\"` = {floor['median_ms']:.0f} ms, {floor['peak_kib'] / 1024:.1f} MiB.",
        "",
        "## Every command on a fresh profile, against the floor",
        "",
        "One read form of each command in the README's command table, and `--json`.",
        "",
        "| command | median ms | × floor | target | peak MiB | × floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in COMMANDS:
        r = results[name]
        speed = ratio(r, floor)
        memory = r["peak_kib"] / floor["peak_kib"]
        target = f"≤ {TARGETS[name]}" if name in TARGETS else ""
        mem_target = f" (target ≤ {MEMORY_TARGET})" if name == "today" else ""
        lines.append(f"| {shown(name)} | {r['median_ms']:.0f} | {speed:.2f}{verdict(speed, TARGETS.get(name))} | {target} | "
                     f"{r['peak_kib'] / 1024:.1f} | {memory:.3f}{verdict(memory, MEMORY_TARGET if name == 'today' else None)}{mem_target} |")
    storage = results["storage"]
    today = results["today"]
    lines += [
        "",
        f"Where today's memory goes: the floor plus SQLite (library and a connection) and platformdirs, "
        f"which every command that reads progress needs, peaks at {storage['peak_kib'] / 1024:.1f} MiB "
        f"({storage['peak_kib'] / floor['peak_kib']:.2f}× the floor); studyplan's own code and data add "
        f"{(today['peak_kib'] - storage['peak_kib']) / 1024:.1f} MiB on top.",
        "",
        "## Writes and the first run",
        "",
        "Writes run in pairs on a home of their own, each round the change and then what takes it back, so every "
        "timed run changes something. The first run starts from an empty home folder every time: it creates the "
        "database and the profile and checks and caches the curriculum.",
        "",
        "| command | median ms | ratio | target |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name in WRITES:
        r = results[name]
        lines.append(f"| {shown(name)} | {r['median_ms']:.0f} | {ratio(r, floor):.2f} × floor | |")
    r = results[FIRST_RUN]
    first = ratio(r, today)
    lines.append(f"| {shown(FIRST_RUN)} | {r['median_ms']:.0f} | {first:.2f}{verdict(first, FIRST_RUN_TARGET)} × `today` warm | ≤ {FIRST_RUN_TARGET} |")
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
        against = "`python -c pass`" if base == "pass" else "floor"
        speed = ratio(r, results[base])
        lines.append(f"| `studyplan status`{name[len('status'):]} | {r['median_ms']:.0f} | {speed:.2f}{verdict(speed, target)} × {against} | "
                     f"{f'≤ {target}' if target else ''} | {r['peak_kib'] / 1024:.1f} |")
    if WATSON in results:
        w = results[WATSON]
        lines += ["", "## Against Watson's `report`, in this run", "",
                  f"`watson report` (td-watson, six frames) = {w['median_ms']:.0f} ms, measured alternately with the commands above.", "",
                  "| command | median ms | × `watson report` | target |", "| --- | ---: | ---: | ---: |"]
        for name in WATSON_PEERS:
            speed = ratio(results[name], w)
            lines.append(f"| {shown(name)} | {results[name]['median_ms']:.0f} | {speed:.2f}{verdict(speed, WATSON_TARGET)} | ≤ {WATSON_TARGET} |")
    else:
        lines += ["", "Watson is not installed here (`BENCH_WATSON=/path/to/watson` or `watson` on PATH adds it to this run); "
                  "\"Start-up: how it got here\" below says how to compare by hand."]
    if info:
        lines += ["", "## Scale: each read command against its fresh-profile time", ""]
        for years in HISTORY_YEARS:
            h = info[f"{years}y"]
            lines.append(f"- {years} years of history: {h['logs']:,} log entries, {h['journal']:,} journal rows ({h['undone']:,} changes undone), "
                         f"{h['reviews']:,} reviews of {h['cards']} cards, {h['notes']:,} notes, {h['days']:,} active days (target ≤ {HISTORY_TARGET}×).")
        for factor, target in CURRICULUM_TARGETS.items():
            c = info[f"{factor}x"]
            lines.append(f"- A curriculum {factor}× the bundled one: {c['modules']:,} modules, {c['concepts']:,} concepts (target ≤ {target:g}×).")
        heads = [f"{y} years" for y in HISTORY_YEARS] + [f"{f}× curriculum" for f in CURRICULUM_TARGETS]
        lines += ["", "| command | fresh ms | " + " | ".join(f"{h} ms | × fresh" for h in heads) + " |",
                  "| --- | ---: |" + " ---: | ---: |" * len(heads)]
        scaled = [(f"{y}y", HISTORY_TARGET) for y in HISTORY_YEARS] + [(f"{f}x", t) for f, t in CURRICULUM_TARGETS.items()]
        for name in [*READS, UNDO_AT_SCALE]:
            base = results[name]
            cells = []
            for tag, target in scaled:
                r = results.get(f"{name} @{tag}")
                cells.append("– | –" if r is None else f"{r['median_ms']:.0f} | {ratio(r, base):.2f}{verdict(ratio(r, base), target)}")
            lines.append(f"| {shown(name)} | {base['median_ms']:.0f} | " + " | ".join(cells) + " |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--quick", action="store_true", help="5 runs, no docs file")
    parser.add_argument("--no-scale", action="store_true", help="skip the scale mode (10 and 100 years, 20x and 50x curricula)")
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "performance.md")
    args = parser.parse_args()
    runs = 5 if args.quick else args.runs
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="studyplan-bench-") as tmp:
        root = Path(tmp)
        cases, before, scale_info = build_cases(root, scale=not args.no_scale)
        results = measure(cases, runs, before)
    lines = report(results, runs, scale_info)
    lines += ["", STARTUP_RECORD, TYPER_DECISION, f"Benchmark wall time: {time.time() - started:.0f} s.", ""]
    text = "\n".join(lines)
    print(text)
    if not args.quick:
        args.output.write_text(text, encoding="utf-8")


# A measurement made once by hand (typer's releases do not change between runs of this script),
# kept in the generated report so a regeneration does not lose it.
TYPER_DECISION = """## typer: why the range stops below 0.29

A recorded measurement (not re-run by this script): typer 0.29 requires pydantic and
imports it on every command, 0.26–0.28 do not. The same tree, `studyplan today` on a home
with one profile, typer 0.29.2 against 0.28.0 in two virtual environments, 21 pairs after
3 warm-ups, alternating, whole process (2026-12-01, the machine above):

| | typer 0.28.0 | typer 0.29.2 | 0.29 / 0.28 (pair by pair) |
| --- | ---: | ---: | ---: |
| `studyplan today`, median wall ms | 141 | 226 | 1.62× (1.39–1.81) |
| `studyplan today --json`, median wall ms | 141 | 229 | 1.62× (1.47–2.43) |
| peak MiB | 22.6 | 35.9 | 1.59× |

With 0.29, `python -X importtime -m studyplan today` lists 42 pydantic modules. That is
about 85 ms and 13 MiB on every command, more than all of studyplan's own work, and it
would put every daily command past its target against the floor.

Decision: keep `typer>=0.26,<0.29`. Each new typer release is measured the same way
before the bound moves (a release that imports pydantic only when a command needs it
passes). If 0.28 stops installing on a new Python before that, the CLI moves onto Click
itself, which typer 0.26+ vendors and builds every command on, rather than paying for
pydantic. To repeat: `pip install 'typer==0.29.*'` into a second venv with this tree on
`PYTHONPATH`, and time both with `/usr/bin/time -v` or any benchmark harness that
alternates the two.
"""


# How start-up got to where the live Watson section above measures it (issue 18), kept likewise.
STARTUP_RECORD = """## Start-up: how it got here

Where it started (issue 18, measured by hand with Watson 2.1, `td-watson`, in a virtual
environment of its own, six frames, 31 alternating pairs): `studyplan today` 1.24× `watson
report`, the first `today` on a new home 1.94× a warm one. The section "Against Watson's
`report`, in this run" above is the measurement now, made by this script when Watson is
installed (`BENCH_WATSON=/path/to/watson`).

What changed, each kept because it measured faster:
- `today`, `plan`, `show` and `concept` run their common command lines without typer
  (cli/fast.py; anything else, help and errors of parsing included, is typer's): ≈ 25% of
  `watson report`. cli/__init__.py and cli/common.py import no typer for that.
- Those four print without `rich.console`, `rich.table` or `rich.panel` (≈ 16 ms): their
  views are rich `Text` in render/layout.py's `Stack`, `Grid` and `Card`, drawn by
  cli/lite_console.py, which decides terminal, width and colours as rich's Console does;
  tests/test_lite_console.py compares the bytes both consoles print for every daily view.
  `dataclasses` (and with it `inspect`, `ast`, `dis`, `tokenize`: ≈ 6 ms) is imported only
  for `--json` of a dataclass. From 0.90× to about 0.70× `watson report`.
- Those four run with the garbage collector paused (studyplan/__main__.py): ≈ 6%, +0.2 MiB.
- `--json` loads no rich module (views are imported when drawn): `today --json` 46 rich
  modules fewer. A piped view loads only what its views are made of
  (tests/test_json_modules.py lists them).
- A regular expression in render/wrap.py spelled so it compiles in 0.4 ms, not 4–5 ms;
  difflib and locale imported only on the paths that use them; the pager's modules only on
  a terminal; the sync modules only when `sync_dir` is set (a write without it: −10 ms);
  a wrapped cell's measurement kept for the next time it is measured (`show`: −1.2 ms of 7).
- First run: the bundled curricula ship their validated data (`prebuilt.json`, app/prebuilt.py),
  trusted only for the exact YAML bytes and loader source it came from, so a new home reads
  no YAML (−55 ms: PyYAML, the loader, parsing); the curriculum cache is written without
  fsync (its checksum catches a lost or torn file).

Where `today`'s time goes now (by hand, `python -X importtime` and a profile): Python's own
start ≈ 26 ms (more with an editable install's import hook); rich's text modules ≈ 12 ms
(`rich.text` with its styles, colours and segments); studyplan's modules ≈ 13 ms; SQLite,
the curriculum cache and the work itself the rest. To repeat the comparison by hand: `pip
install td-watson` into a second venv, `watson add` a few frames under a temporary
`WATSON_DIR`, and time both with any harness that alternates the two (`farm-bench --vs`).
"""

if __name__ == "__main__":
    main()
