"""Shell-completion sources: module ids, item refs and concept terms.

Completion must never fail loudly, so every error yields no candidates.
"""

from __future__ import annotations

from studyplan.app import catalog
from studyplan.app.session import Session
from studyplan.domain.curriculum import Curriculum


def _curriculum() -> Curriculum:
    session = Session()
    try:
        try:
            profile = session.store.profile(session.selected_profile)
        except Exception:  # noqa: BLE001
            profile = None
        spec = profile.curriculum if profile else catalog.DEFAULT_CURRICULUM
        return catalog.load(catalog.resolve(spec))
    finally:
        session.close()


def module_ids() -> list[str]:
    try:
        return [m.id for m in _curriculum().modules]
    except Exception:  # noqa: BLE001
        return []


def item_refs() -> list[str]:
    try:
        return list(_curriculum().refs())
    except Exception:  # noqa: BLE001
        return []


def concept_terms() -> list[str]:
    try:
        c = _curriculum()
        return sorted({x.id for x in c.concepts} | {x.term.get("en") for x in c.concepts})
    except Exception:  # noqa: BLE001
        return []
