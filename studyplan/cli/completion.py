"""Shell-completion sources: module ids, item refs and concept terms.

Completion must never fail loudly, so every error yields no candidates.
"""

from __future__ import annotations


def _curriculum():  # noqa: ANN202
    from studyplan.cli.context import AppContext

    app = AppContext()
    try:
        from studyplan import catalog

        try:
            profile = app.store.profile(app.selected_profile)
        except Exception:  # noqa: BLE001
            profile = None
        spec = profile.curriculum if profile else catalog.DEFAULT_CURRICULUM
        return catalog.load(catalog.resolve(spec))
    finally:
        app.close()


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
