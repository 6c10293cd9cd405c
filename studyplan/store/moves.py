"""How often a profile's plan dates have moved: the SEQUENCE of its calendar events."""

from __future__ import annotations

from studyplan.store.progress import Store

PLAN_MOVES = ("replan", "pause", "replan-cancel", "pause-cancel")  # journal actions that move the plan's dates


def plan_moves(store: Store, profile_id: int) -> int:
    """Every replan and pause, every cancellation of one, and every undo of any of these.

    The journal only grows, so neither does this count: an .ics file's SEQUENCE, which a
    calendar app compares to decide whether a newer copy of an event replaces the old one."""
    return store.db.read(
        """SELECT COUNT(*) FROM journal j WHERE j.profile_id = ? AND (j.action IN (?, ?, ?, ?) OR (j.action = 'undo'
             AND EXISTS (SELECT 1 FROM journal k WHERE k.profile_id = j.profile_id AND CAST(k.batch AS TEXT) = j.target
                         AND k.action IN (?, ?, ?, ?))))""",
        (profile_id, *PLAN_MOVES, *PLAN_MOVES),
    )[0][0]
