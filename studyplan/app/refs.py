"""From what a learner types to ids in the curriculum, and the module statuses several use cases read."""

from __future__ import annotations

import difflib

from studyplan.app.session import Session
from studyplan.domain.progress import module_progress
from studyplan.errors import UsageError


def resolve_refs(session: Session, refs: list[str]) -> list[str]:
    """Validate every ref before anything is written; suggest the closest on a typo."""
    curriculum = session.curriculum
    out: list[str] = []
    for raw in refs:
        ref = raw.strip().strip("/")
        if not curriculum.has_ref(ref):
            known = list(curriculum.refs())
            close = difflib.get_close_matches(ref, known, n=1, cutoff=0.6)
            hint = f" — did you mean '{close[0]}'?" if close else "; `studyplan plan` lists modules and `studyplan show MODULE` their items"
            raise UsageError(f"no item '{raw}'{hint}")
        if ref not in out:
            out.append(ref)
    return out


def resolve_module(session: Session, module_id: str) -> str:
    ref = resolve_refs(session, [module_id])[0]
    if "/" in ref:
        raise UsageError(f"'{module_id}' is an item, not a module; try `studyplan show {ref.split('/')[0]}`")
    return ref


def module_statuses(session: Session) -> dict[str, str]:
    statuses = session.store.statuses(session.profile.id)
    return {m.id: module_progress(session.curriculum, statuses, m).status for m in session.curriculum.modules}
