"""From what a learner types to ids in the curriculum, and the module statuses several use cases read."""

from __future__ import annotations

from studyplan.app.session import Session
from studyplan.domain.progress import module_progress
from studyplan.errors import UsageError
from studyplan.locale import msg


def resolve_refs(session: Session, refs: list[str]) -> list[str]:
    """Validate every ref before anything is written; suggest the closest on a typo."""
    curriculum = session.curriculum
    out: list[str] = []
    for raw in refs:
        ref = raw.strip().strip("/")
        if not curriculum.has_ref(ref):
            import difflib  # only for a suggestion on a typo (~1 ms that every daily command would pay)

            known = list(curriculum.refs())
            close = difflib.get_close_matches(ref, known, n=1, cutoff=0.6)
            if close:
                raise UsageError(msg("no item '{raw}' — did you mean '{close}'?", raw=raw, close=close[0]))
            raise UsageError(msg("no item '{raw}'; `studyplan plan` lists modules and `studyplan show MODULE` their items", raw=raw))
        if ref not in out:
            out.append(ref)
    return out


def resolve_module(session: Session, module_id: str) -> str:
    ref = resolve_refs(session, [module_id])[0]
    if "/" in ref:
        raise UsageError(msg("'{module_id}' is an item, not a module; try `studyplan show {module}`", module_id=module_id, module=ref.split('/')[0]))
    return ref


def module_statuses(session: Session) -> dict[str, str]:
    statuses = session.store.statuses(session.profile.id)
    return {m.id: module_progress(session.curriculum, statuses, m).status for m in session.curriculum.modules}
