"""A review session as a learner lives it: cards rated again come back, "next" is never in the
past, counts say what they count, hints and directions fit a bilingual learner, retention is a
setting, and the Japanese learner reads Japanese. Frozen dates, through the CLI."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from studyplan.domain import review as rv
from studyplan.domain.curriculum import Curriculum
from studyplan.domain.loader import validate_directory
from studyplan.domain.review_session import SessionQueue

BUNDLED = Path(__file__).resolve().parents[1] / "curricula" / "ml-dl-gpt"
CURRICULUM = Curriculum.from_data(validate_directory(BUNDLED))
ML_BASICS = [c.id for c in rv.eligible(CURRICULUM, {"ml-basics": "in-progress"})]
TERM = {c: CURRICULUM.concept(c).term for c in ML_BASICS}


def reviews(db_path: Path) -> list[tuple[str, int]]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT concept, rating FROM reviews ORDER BY id").fetchall()
    finally:
        conn.close()


def next_due(out: str) -> datetime | None:
    m = re.search(r"Next card due: (\d{4}-\d\d-\d\d \d\d:\d\d)", out)
    return datetime.strptime(m.group(1), "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc) if m else None


@pytest.fixture
def started(sp, frozen):
    now = frozen("2026-03-02")
    sp("init", "--start", "2026-03-01")
    sp("start", "ml-basics")
    return now


# -- a card rated again comes back ----------------------------------------------------------------
def test_a_card_rated_again_comes_back_after_the_other_cards_of_the_session(sp, started, db_path):
    out = sp("review", "--limit", "3", input="1\n4\n4\n4\n").stdout
    # again on the first card: the two others, then the first one again (its 1-minute step, shown early)
    assert reviews(db_path) == [(ML_BASICS[0], 1), (ML_BASICS[1], 4), (ML_BASICS[2], 4), (ML_BASICS[0], 4)]
    fronts = re.findall(r"│ (.+?)\s+│", out)
    assert fronts == [TERM[c].get("en") for c in (ML_BASICS[0], ML_BASICS[1], ML_BASICS[2], ML_BASICS[0])]
    assert "comes back in this session" in out and "4/4 · learning" in out
    assert "Reviewed 3 cards (4 reviews)" in out and "cards of this session were not reviewed" not in out


def test_a_card_whose_step_falls_due_mid_session_comes_before_the_rest(sp, started, db_path, monkeypatch):
    """Time passes while the learner answers: two minutes a card, so the again card's 1-minute step
    is due by the next card and goes first."""
    import time_machine

    class Slow:
        interactive = False

        def __init__(self, answers: list[str]) -> None:
            self.answers = answers

        def read(self) -> str | None:
            if not self.answers:
                return None
            clock.shift(timedelta(minutes=2))
            return self.answers.pop(0)

    traveller = time_machine.travel(started + timedelta(seconds=1), tick=False)
    clock = traveller.start()
    try:
        monkeypatch.setattr("studyplan.cli.review.open_input", lambda: Slow(["1", "4", "4", "4"]))
        sp("review", "--limit", "4")
    finally:
        traveller.stop()
    assert [c for c, _ in reviews(db_path)] == [ML_BASICS[0], ML_BASICS[1], ML_BASICS[0], ML_BASICS[2]]


def test_cards_rated_good_or_easy_finish_the_session():
    now = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
    end = datetime(2026, 3, 3, 4, 0, tzinfo=timezone.utc)
    cards = [rv.QueueCard(c, c, None, "new", True) for c in ML_BASICS[:2]]
    queue = SessionQueue(cards)
    first = queue.next(now)
    assert not queue.rated(first, "review", now + timedelta(days=3), end)  # graduated: not today
    second = queue.next(now)
    assert queue.rated(second, "learning", now + timedelta(minutes=10), end)  # a short step today
    assert queue.next(now).concept == second.concept  # shown early: nothing else is left
    assert queue.next(now) is None
    late = SessionQueue([cards[0]])
    assert late.rated(late.next(now), "learning", now + timedelta(minutes=30), end)
    assert late.next(now) is None  # beyond the learn-ahead limit: the session ends, the summary says when


# -- "next" is after now; counts say what they count ---------------------------------------------
def test_next_card_due_is_after_now_and_cards_due_now_are_said_to_be(sp, started, frozen, db_path):
    out = sp("review", "--limit", "2", input="1\n3\n").stdout  # the again card is not reached again: input ends
    assert next_due(out) == started + timedelta(minutes=1)
    assert "Next card due: 2026-03-02 12:01 (in 1 min)" in out
    later = frozen("2026-03-02", hour=13)  # an hour later both learning steps are due
    out = sp("review", input="q\n").stdout
    assert "2 cards are due now: `studyplan review` takes them." in out
    due = next_due(out)
    assert due is None or due > later


def test_stats_say_new_cards_left_today_and_introduced_today(sp, started):
    sp("review", "--limit", "3", input="4\n4\n4\n")
    out = sp("review", "--stats").stdout
    assert "new cards left for today: 7 · introduced today: 3" in out
    data = sp.json("review", "--stats")
    assert (data["new_today"], data["introduced_today"]) == (7, 3)


# -- hints and directions ------------------------------------------------------------------------------
def test_the_hint_is_in_the_learners_language(sp, started):
    second = CURRICULUM.concept(ML_BASICS[1])
    related = [CURRICULUM.concept(r).term for r in second.related]
    out = sp("review", "--limit", "2", input="4\nh\n4\n").stdout
    assert f"Hint (related concepts): {related[0].get('en')}" in out
    assert second.term.get("ja") not in out
    out = sp("review", "--limit", "1", "--lang", "ja", input="h\n4\n").stdout
    third = CURRICULUM.concept(ML_BASICS[2])
    terms = [CURRICULUM.concept(r).term.get("ja") for r in third.related if CURRICULUM.concept(r)]
    assert "ヒント (関連する用語): " + "、".join(terms) in out


def test_review_direction_setting_asks_the_japanese_term_for_the_english_one(sp, started):
    sp("config", "set", "review_direction", "ja-en")
    out = sp("review", "--limit", "1", input="h\n\n4\n").stdout
    first = CURRICULUM.concept(ML_BASICS[0])
    front = out.index(first.term.get("ja"))
    assert "In English?" in out
    hint = next(line for line in out.splitlines() if line.startswith("Hint: "))
    assert first.term.get("en") not in hint and "ML" not in hint and "___" in hint  # the answer is blanked out
    assert out.index(first.term.get("en"), front) > out.index("Hint: ")  # the answer comes after the hint
    entry = sp.json("config", "get", "review_direction")
    assert entry["value"] == "ja-en" and entry["source"] == "file"


def test_direction_option_overrides_the_setting_and_bad_values_are_one_line_errors(sp, started):
    sp("config", "set", "review_direction", "ja-en")
    out = sp("review", "--limit", "1", "--direction", "en-ja", "--lang", "ja", input="\n4\n").stdout
    assert "Machine learning   日本語では？" in out
    bad = sp("review", "--direction", "sideways", ok=False)
    assert bad.exit_code == 2 and "--direction 'sideways'" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    bad = sp("config", "set", "review_direction", "both", ok=False)
    assert bad.exit_code == 2 and "term-definition, ja-en or en-ja" in bad.stderr


# -- desired retention -------------------------------------------------------------------------------
def due_after_two_goods(sp, db_path, env: dict[str, str], monkeypatch) -> datetime:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    sp("review", "--limit", "1", input="3\n3\n")  # good, and good again when it comes back: graduated
    conn = sqlite3.connect(db_path)
    try:
        (due,) = conn.execute("SELECT due FROM review_cards WHERE concept = ?", (ML_BASICS[0],)).fetchone()
    finally:
        conn.close()
    return datetime.fromisoformat(due)


def test_desired_retention_spaces_the_cards(sp, started, db_path, monkeypatch):
    default = due_after_two_goods(sp, db_path, {}, monkeypatch)
    sp("config", "set", "desired_retention", "0.8")
    assert sp.json("config", "get", "desired_retention")["value"] == 0.8
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("DELETE FROM reviews")
        conn.execute("DELETE FROM review_cards")
    conn.close()
    lower = due_after_two_goods(sp, db_path, {}, monkeypatch)
    assert lower > default  # a lower target spaces the card further out


@pytest.mark.parametrize("value", ["0.5", "1", "0.995", "abc"])
def test_desired_retention_out_of_range_is_refused(sp, value):
    bad = sp("config", "set", "desired_retention", value, ok=False)
    assert bad.exit_code == 2 and "desired_retention" in bad.stderr and "Traceback" not in bad.stderr


# -- Japanese --------------------------------------------------------------------------------------------
ENGLISH = ("Reviewed", "Due by the end of tomorrow", "Next card due", "Rate each card", "Later today", "Hint",
           "comes back", "Review ·", "new cards left", "Last 30 days", "Reviews per day", "Cards", "rated again", "learning",
           "In English")  # "(again)" stays in the Japanese help line: the words a learner may type are English


def test_the_japanese_learner_reads_the_review_views_in_japanese(sp, started):
    out = sp("--lang", "ja", "review", "--limit", "2", input="1\nh\n3\n").stdout
    out += sp("review", "--stats", "--lang", "ja").stdout
    out += sp("review", "--lang", "ja", "--direction", "ja-en", input="q\n").stdout
    interface = out
    for c in ML_BASICS:  # content (terms, definitions, ids) may be English; the interface may not
        concept = CURRICULUM.concept(c)
        for text in (concept.term.get("en"), concept.definition.get("en"), concept.id):
            interface = interface.replace(text, "")
    assert [w for w in ENGLISH if w in interface] == []
    assert "復習しました" in out and "次の期限" in out and "今日まだ出せる新規カード" in out and "英語では？" in out
