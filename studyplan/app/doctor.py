"""`studyplan doctor`: check the progress database and, with ``--repair``, fix what can be fixed.

Checks: the file (present, readable, really our database), ``integrity_check``,
the schema version (newer: refused; older: migrated on next use), rows pointing at
profiles that are gone, ids no longer in the profile's curriculum (orphans), and
temp files left by an interrupted run.

Repairs never start without a copy of the database next to it:

- damaged (integrity fails, cut short, garbage): the bytes are copied aside
  (``studyplan.damaged-…db``), then a fresh database is built from every row
  that can still be read and put in place;
- older schema: the usual migration (which itself writes ``studyplan.vN.bak.db``);
- orphaned statuses: reset to todo in one journaled batch (``studyplan undo``
  brings them back); notes, logs and reviews on orphaned ids are kept and listed;
- leftover temp files: removed.

A newer schema is never repaired: upgrade studyplan.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from studyplan import paths
from studyplan.app import catalog
from studyplan.app.session import Session
from studyplan.errors import StudyplanError
from studyplan.locale import Msg, msg
from studyplan.record import Record
from studyplan.store import guard, health
from studyplan.store.db import open_database
from studyplan.store.migrations import SCHEMA_VERSION
from studyplan.store.progress import Store
from studyplan.store.repair import exclusive, fold_in, trial_migration

LEFTOVER_AGE_S = 60  # younger temp files may belong to a studyplan running right now
SHOW = 8  # ids listed per finding


class Finding(Record):
    check: str  # config | file | integrity | schema | references | orphans | leftovers | repair
    status: str  # ok | warning | problem | fixed
    message: str | Msg  # a Msg is shown in the learner's language; JSON has its English text
    details: tuple[str, ...] = ()


class DoctorResult(Record):
    database: str
    repair: bool
    backup: str | None
    findings: tuple[Finding, ...]
    ok: bool  # nothing left that needs the user


def _without_hint(message: str) -> str:
    """The store's messages end by pointing at `studyplan doctor`; not needed inside it."""
    return message.split("; run `studyplan doctor`")[0].split(" — run `studyplan doctor`")[0]


def _listing(ids: set[str] | list[str]) -> str:
    ordered = sorted(ids)
    more = f" and {len(ordered) - SHOW} more" if len(ordered) > SHOW else ""
    return ", ".join(ordered[:SHOW]) + more


@dataclass
class _Orphans:
    profile: health.ProfileRefs
    statuses: list[str]
    notes: set[str]
    logs: set[str]
    concepts: set[str]
    error: str | None = None


def _orphans(profile: health.ProfileRefs) -> _Orphans:
    try:
        curriculum = catalog.load(catalog.resolve(profile.curriculum))
    except StudyplanError as exc:
        return _Orphans(profile, [], set(), set(), set(), error=exc.message)
    concept_ids = {c.id for c in curriculum.concepts}
    return _Orphans(
        profile,
        statuses=sorted(r for r in profile.statuses if not curriculum.has_ref(r)),
        notes={r for r in profile.note_refs if not curriculum.has_ref(r)},
        logs={m for m in profile.log_modules if curriculum.module(m) is None},
        concepts={c for c in profile.concepts if c not in concept_ids} if concept_ids else set(),
    )


def run(session: Session, repair: bool) -> DoctorResult:
    path = paths.database_path()
    real = guard.real_file(path)  # a symlinked database: the file it points at is checked and repaired, the link kept
    found = health.inspect(real)
    findings: list[Finding] = []
    backup: str | None = None

    def add(check: str, status: str, message: str | Msg, details: tuple[str, ...] = ()) -> None:
        findings.append(Finding(check, status, message, details))

    def done(ok: bool) -> DoctorResult:
        config_ok = not any(f.check == "config" and f.status == "problem" for f in findings)
        return DoctorResult(str(path), repair, backup, tuple(findings), ok and config_ok)

    stamp = session.now.strftime("%Y%m%d-%H%M%S")

    # -- the config file (only when something is wrong with it: doctor runs all the same) ----------
    try:
        config = session.config
    except StudyplanError as exc:  # not TOML, unreadable, or an invalid value in a strict session
        add("config", "problem", exc.message)
    else:
        for name in config.problems:
            if config.problem(name):
                add("config", "problem", str(config.problems[name]))
        for message in config.warnings:
            add("config", "warning", str(message))

    # -- leftovers (checked first: they exist whatever state the database is in) --------------
    old = _stale(found.leftovers)
    if old:
        names = tuple(f.name for f in old)
        if repair:
            removed = health.remove_leftovers(old)
            add("leftovers", "fixed", msg("removed {n} temp file(s) left by an interrupted run", n=len(removed)), tuple(f.name for f in removed))
        else:
            add("leftovers", "warning", msg("{n} temp file(s) left by an interrupted run; `studyplan doctor --repair` removes them", n=len(old)), names)

    # -- the file ------------------------------------------------------------------------------
    def bare(message: str) -> str:
        return message.removeprefix(f"{real}: ").removeprefix(f"{path}: ")

    if found.blocked is not None:
        add("file", "problem", msg("{problem}; doctor cannot check it until then", problem=bare(found.blocked)))
        return done(False)
    if not found.exists and found.unreadable is None:
        add("file", "ok", msg("no database yet at {path}; the first command that records something creates it", path=str(path)))
        return done(True)
    if found.unreadable is not None:
        add("file", "problem", _without_hint(bare(found.unreadable)))
        if not repair:
            add("repair", "warning", msg("`studyplan doctor --repair` keeps a copy of the file, then starts a fresh database with whatever can be read from it"))
            return done(False)
        if not found.exists:  # a -wal without its database: keep it aside, start afresh
            saved = health.save_copy(real.with_name(f"{real.name}-wal"), f"orphaned-wal-{stamp}")
            real.with_name(f"{real.name}-wal").unlink()
            backup = str(saved)
            add("repair", "fixed", msg("moved the stray write-ahead log aside to {name}; the next command starts a fresh database", name=saved.name))
            return done(True)
        return _rebuild(path, real, stamp, findings, repair)
    facts = {"path": str(path), "real": str(real), "kib": found.size // 1024, "mode": found.journal_mode}
    add("file", "ok", msg("{path} (a link to {real}) ({kib} KiB, journal mode {mode})", **facts) if real != path
        else msg("{path} ({kib} KiB, journal mode {mode})", **facts))

    # -- schema version ----------------------------------------------------------------------
    version = found.version or 0
    if version > SCHEMA_VERSION:
        add("schema", "problem", msg("schema {version} was written by a newer studyplan (this one knows {known}); upgrade studyplan "
                                     "(pip install -U studyplan) — nothing was checked or changed", version=version, known=SCHEMA_VERSION))
        return done(False)

    # -- integrity ---------------------------------------------------------------------------
    if found.integrity != ["ok"]:
        add("integrity", "problem", msg("integrity_check found damage ({n} message(s))", n=len(found.integrity)), tuple(found.integrity))
        if not repair:
            add("repair", "warning", msg("`studyplan doctor --repair` keeps a copy of the damaged file, then rebuilds the database from every row that can still be read"))
            return done(False)
        return _rebuild(path, real, stamp, findings, repair)
    add("integrity", "ok", msg("integrity_check: ok"))

    if version == 0 and not found.tables:
        add("schema", "ok", msg("an empty database (its first use was interrupted); the next command sets it up"))
        return done(True)
    if version == 0:
        add("schema", "problem", msg("an SQLite database without a studyplan schema (someone else's file?); it is left alone — set STUDYPLAN_HOME to use another folder"))
        return done(False)
    stuck = False  # a migration that fails: every command stops until it is fixed
    if version < SCHEMA_VERSION:
        failure = trial_migration(real)  # tried on a copy in memory: the file is not touched
        if failure is None and repair:
            try:
                _open_and_close(path)  # migrates, writing studyplan.vN.bak.db first (unless an identical copy exists)
            except StudyplanError as exc:
                failure = _without_hint(bare(exc.message))
        if failure is not None:
            stuck = True
            add("schema", "problem", msg("schema {version} is older than this studyplan's {known}, and migrating it fails ({failure}); "
                "every command stops before changing anything, so your data stays as it was (every attempt keeps the same one copy, "
                "studyplan.v{version}.bak.db, not a new one) — free some disk space if it is full, otherwise report this as a bug",
                version=version, known=SCHEMA_VERSION, failure=failure))
        elif repair:
            add("schema", "fixed", msg("migrated schema {version} → {known}; the old database was kept as studyplan.v{version}.bak.db (or .bakN)",
                                   version=version, known=SCHEMA_VERSION))
        else:
            add("schema", "warning", msg("schema {version} is older than this studyplan's {known}; the next command migrates it after writing a copy next to it",
                                     version=version, known=SCHEMA_VERSION))
    else:
        add("schema", "ok", msg("schema version {version} (current)", version=version))
    _write_ahead_log(real, repair, add)

    # -- references ---------------------------------------------------------------------------
    if found.foreign_key_problems:
        add("references", "warning", msg("{n} row(s) belong to a profile that no longer exists; they are ignored and kept", n=found.foreign_key_problems))
    reset: dict[int, tuple[health.ProfileRefs, list[str]]] = {}
    for o in map(_orphans, found.profiles):
        who = msg("profile '{name}' ({curriculum})", name=o.profile.name, curriculum=o.profile.curriculum)
        if o.error:
            add("orphans", "warning", msg("{who}: cannot load its curriculum, so orphaned ids were not checked: {error}", who=who, error=o.error))
            continue
        if o.statuses:
            reset[o.profile.id] = (o.profile, o.statuses)
            found_ids = {"who": who, "n": len(o.statuses), "ids": _listing(o.statuses)}
            add("orphans", "warning", msg("{who}: {n} status(es) for items no longer in the curriculum: {ids}", **found_ids) if repair
                else msg("{who}: {n} status(es) for items no longer in the curriculum: {ids}; `studyplan doctor --repair` resets them "
                         "(and `studyplan undo` brings them back)", **found_ids))
        if o.notes:
            add("orphans", "warning", msg("{who}: note(s) on ids no longer in the curriculum: {ids} (kept: they are yours)",
                                          who=who, ids=_listing(o.notes)))
        if o.logs:
            add("orphans", "warning", msg("{who}: logged session(s) for modules ids no longer in the curriculum: {ids} (kept: they are yours)",
                                          who=who, ids=_listing(o.logs)))
        if o.concepts:
            add("orphans", "warning", msg("{who}: lookup(s)/review card(s) for concepts ids no longer in the curriculum: {ids} "
                                          "(kept: they are yours)", who=who, ids=_listing(o.concepts)))
        if not (o.statuses or o.notes or o.logs or o.concepts):
            add("orphans", "ok", msg("{who}: every id is in the curriculum", who=who))
    if repair and reset:
        backup = str(health.backup(path, f"doctor-{stamp}.bak"))
        store = Store(open_database(path))
        count = 0
        try:
            with store.transaction():  # decided again under the write lock, from the rows as they are now
                for profile_id, (refs, orphaned) in reset.items():
                    now = store.profile(refs.name)
                    if now is None or now.id != profile_id or now.curriculum != refs.curriculum:
                        continue  # its curriculum changed since the check: `studyplan doctor` looks again
                    current = store.statuses(profile_id)
                    count += len(store.set_statuses(profile_id, [r for r in orphaned if r in current], "todo", session.timestamp(), session.study_day()))
        finally:
            store.close()
        add("repair", "fixed", msg("reset {n} orphaned status(es) in one batch (`studyplan undo` brings them back); backup first: {backup}", n=count, backup=backup))
    return done(not stuck)


def _open_and_close(path: Path) -> None:
    open_database(path).close()


def _stale(files: list[Path]) -> list[Path]:
    """Leftover temp files old enough, and not open in a running studyplan, to be removed.

    A temp database and its -wal/-shm/-journal go together: all are kept while any of
    them is young or locked by a process (a rebuild or a first run still at work).
    """
    groups: dict[str, list[Path]] = {}
    for f in files:
        groups.setdefault(f.name.removesuffix("-wal").removesuffix("-shm").removesuffix("-journal"), []).append(f)
    out = []
    for members in groups.values():
        try:
            young = any(time.time() - f.stat().st_mtime <= LEFTOVER_AGE_S for f in members)
        except OSError:  # gone meanwhile: its owner cleaned up
            continue
        if not young and not any(guard.in_use(f) for f in members):
            out.extend(members)
    return sorted(out)


def _write_ahead_log(real: Path, repair: bool, add) -> None:  # noqa: ANN001 - run()'s add
    """A -wal (or hot -journal) an interrupted run left: committed changes not yet in the main file.

    They are safe where they are (the next command folds them in); doctor reports them
    when no studyplan has the database open, and --repair folds them in with a
    checkpoint, which removes the files: a -wal is never deleted by hand.
    """
    wal, journal = Path(f"{real}-wal"), Path(f"{real}-journal")
    held = sum(guard.size(p) for p in (wal, journal))
    if repair:
        if fold_in(real) and held:
            add("leftovers", "fixed", f"folded {held // 1024} KiB of changes an interrupted run left in {wal.name} into the database (a checkpoint) and removed its -wal/-shm files")
    elif held and guard.database_in_use(real) is False:
        add("leftovers", "warning", f"{wal.name} holds {held // 1024} KiB of changes an interrupted run did not fold into the database (they are safe); "
            "`studyplan doctor --repair` folds them in and removes the -wal/-shm files")


def _rebuild(path: Path, real: Path, stamp: str, findings: list[Finding], repair: bool) -> DoctorResult:
    # The write lock is held from before the copy until the rebuilt file is in place, so a
    # writer waits instead of writing into the file being replaced (see store/guard.py).
    with exclusive(real) as live:
        saved = health.save_copy(real, f"damaged-{stamp}", source=live)
        recovered = health.rebuild(real, saved)
    if not recovered:
        findings.append(Finding(
            "repair", "fixed",
            f"kept the damaged file as {saved.name}; nothing in it could be read, so studyplan starts afresh "
            f"with an empty database (`sqlite3 {saved.name} .recover` may still get rows out of the copy)",
        ))
        return DoctorResult(str(path), repair, str(saved), tuple(findings), True)
    rows = sum(n for n, _ in recovered.values())
    partial = sorted(t for t, (_, cut) in recovered.items() if cut)
    detail = tuple(f"{t}: {n} row(s){' (stopped at damage)' if cut else ''}" for t, (n, cut) in sorted(recovered.items()) if n or cut)
    message = f"kept the damaged file as {saved.name}; rebuilt the database with the {rows} row(s) that could be read"
    if partial:
        message += f" (pages of {', '.join(partial)} were lost; whatever rows they held are still in the copy for `sqlite3 {saved.name} .recover`)"
    findings.append(Finding("repair", "fixed", message, detail))
    return DoctorResult(str(path), repair, str(saved), tuple(findings), True)
