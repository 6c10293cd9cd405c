"""`studyplan review`: FSRS flashcards of the glossary — the queue, scripted sessions, interruption, stats."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from studyplan.domain import review as rv
from studyplan.domain.curriculum import Curriculum
from studyplan.domain.loader import validate_directory

BUNDLED = Path(__file__).resolve().parents[1] / "curricula" / "ml-dl-gpt"
CURRICULUM = Curriculum.from_data(validate_directory(BUNDLED))
NOON = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
DAY = date(2026, 3, 2)
END_OF_DAY = datetime(2026, 3, 3, 4, 0, tzinfo=timezone.utc)
ML_BASICS = [c.id for c in rv.eligible(CURRICULUM, {"ml-basics": "in-progress"})]


def rows(db_path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


# -- the domain: ratings, FSRS, the queue -------------------------------------------------------
def test_ratings_are_digits_or_words():
    assert [rv.parse_rating(x) for x in ("1", "2", "3", "4", "Again", " hard ", "GOOD", "easy")] == [1, 2, 3, 4, 1, 2, 3, 4]
    assert [rv.parse_rating(x) for x in ("0", "5", "", "h", "q", "goodish")] == [None] * 6


def test_a_new_card_rated_good_is_due_later_than_one_rated_again():
    again = rv.schedule(None, "overfitting", 1, NOON)
    good = rv.schedule(None, "overfitting", 3, NOON)
    easy = rv.schedule(None, "overfitting", 4, NOON)
    assert NOON < again.due < good.due < easy.due
    assert again.due.tzinfo == timezone.utc and again.state == "learning" and easy.state == "review"
    # same ratings at the same time, same result: no fuzzing, no clock
    assert rv.schedule(None, "overfitting", 3, NOON) == good


def test_card_state_round_trips_through_fsrs_dicts():
    first = rv.schedule(None, "perplexity", 3, NOON)
    json.loads(json.dumps(first.card))  # plain JSON
    later = rv.schedule(first.card, "perplexity", 3, first.due + timedelta(minutes=1))
    assert later.due > first.due and later.state == "review"
    assert rv.retrievability(later.card, later.due) == pytest.approx(0.9, abs=0.02)


def test_the_forgetting_curve_is_fsrs_own():
    """domain/review.py computes retrievability without importing fsrs: the same number as
    fsrs's scheduler, for cards that ratings made, at moments before and long after they are due."""
    from fsrs import Card, Scheduler

    scheduler = Scheduler(enable_fuzzing=False)
    assert -scheduler._DECAY == rv.FSRS_DECAY  # noqa: SLF001 - fsrs's default w20, what the curve is made of
    card = None
    for n, rating in enumerate((3, 1, 3, 4, 2, 3)):
        made = rv.schedule(card, "perplexity", rating, NOON + timedelta(days=3 * n))
        card = made.card
        for later in (timedelta(0), timedelta(hours=5), timedelta(days=1), timedelta(days=40), timedelta(days=4000)):
            at = made.due + later
            assert rv.retrievability(card, at) == pytest.approx(float(scheduler.get_card_retrievability(Card.from_dict(card), at)), rel=1e-12)
    assert rv.retrievability({}, NOON) == 0.0  # a damaged state counts as forgotten
    assert rv.retrievability({**card, "last_review": None}, NOON) == 0.0


def test_only_concepts_of_started_or_finished_modules_are_eligible_in_curriculum_order():
    assert rv.eligible(CURRICULUM, {}) == []
    assert rv.eligible(CURRICULUM, {"ml-basics": "skipped"}) == []
    assert ML_BASICS[0] == "machine-learning" and all("ml-basics" in CURRICULUM.concept(c).modules for c in ML_BASICS)
    both = [c.id for c in rv.eligible(CURRICULUM, {"ml-basics": "done", "gpt-context": "in-progress"})]
    assert both[: len(ML_BASICS)] == ML_BASICS  # ml-basics comes first in the study order
    assert len(rv.eligible(CURRICULUM, {}, everything=True)) == 100
    narrowed = rv.eligible(CURRICULUM, {}, module="gpt-context", everything=True)
    assert narrowed and all("gpt-context" in c.modules for c in narrowed)


def _queue(cards, statuses=None, **kw):
    args = dict(day=DAY, due_before=END_OF_DAY, new_per_day=10, lang="en")
    args.update(kw)
    return rv.build_queue(CURRICULUM, cards, statuses or {"ml-basics": "in-progress"}, **args)


def test_the_queue_is_due_cards_by_due_time_then_id_then_new_cards():
    earlier = DAY - timedelta(days=3)
    cards = [
        rv.StoredCard("perplexity", NOON, "review", earlier),
        rv.StoredCard("overfitting", NOON - timedelta(hours=1), "review", earlier),
        rv.StoredCard("gan", NOON, "review", earlier),
        rv.StoredCard("machine-learning", END_OF_DAY, "review", earlier),  # due tomorrow
    ]
    q = _queue(cards)
    ids = [c.concept for c in q.cards]
    assert ids[:3] == ["overfitting", "gan", "perplexity"]
    assert "machine-learning" not in ids
    assert ids[3:] == [c for c in ML_BASICS if c != "machine-learning"][:10]
    assert (q.due, q.new, q.new_left) == (3, 10, 10)
    assert q.next_due == END_OF_DAY
    assert _queue(list(reversed(cards))) == q  # input order does not matter
    assert [c.concept for c in _queue(cards, limit=4).cards] == ids[:4]


def test_the_daily_new_card_allowance_counts_cards_introduced_today():
    today = [rv.StoredCard(c, END_OF_DAY + timedelta(days=1), "review", DAY) for c in ML_BASICS[:7]]
    q = _queue(today)
    assert q.new_left == 3 and [c.concept for c in q.cards] == ML_BASICS[7:10]
    yesterday = [rv.StoredCard(c.concept, c.due, c.state, DAY - timedelta(days=1)) for c in today]
    assert _queue(yesterday).new_left == 10
    assert _queue(today, new_per_day=5).cards == ()
    assert _queue([], new_per_day=0).cards == ()


def test_a_card_whose_concept_left_the_curriculum_is_skipped():
    q = _queue([rv.StoredCard("no-such-concept", NOON, "review", DAY - timedelta(days=2))])
    assert "no-such-concept" not in [c.concept for c in q.cards] and q.due == 0


# -- the command ----------------------------------------------------------------------------------
def test_json_prints_the_queue_without_reviewing(sp, frozen, db_path):
    frozen("2026-03-02")
    assert sp.json("review")["cards"] == []
    sp("start", "ml-basics")
    queue = sp.json("review")["cards"]
    assert [c["concept"] for c in queue] == ML_BASICS[:10]
    assert queue[0] == {"concept": "machine-learning", "term": "Machine learning", "due": None, "state": "new", "new": True}
    assert sp.json("review")["cards"] == queue  # deterministic
    assert sp.json("review", "--lang", "ja")["cards"][0]["term"] == "機械学習"
    assert len(sp.json("review", "--limit", "3")["cards"]) == 3
    assert rows(db_path, "SELECT COUNT(*) FROM reviews") == [(0,)]


def test_a_scripted_session_stores_every_rating(sp, frozen, db_path):
    frozen("2026-03-02")
    sp("start", "ml-basics")
    result = sp("review", "--limit", "4", input="3\nh\n1\n\ngood\nEASY\n")
    out = result.stdout
    second = CURRICULUM.concept(ML_BASICS[1])
    # a hint only on request, in the learner's language: the related concepts, not the Japanese term
    assert "Machine learning" in out and "Hint (related concepts): Supervised learning" in out
    assert second.term.get("ja") not in out and "機械学習" not in out
    assert "Reviewed 4 cards" in out and "again 1" in out and "good 2" in out and "easy 1" in out
    assert rows(db_path, "SELECT concept, rating, day FROM reviews ORDER BY id") == [
        (ML_BASICS[0], 3, "2026-03-02"), (ML_BASICS[1], 1, "2026-03-02"), (ML_BASICS[2], 3, "2026-03-02"), (ML_BASICS[3], 4, "2026-03-02"),
    ]
    cards = dict(rows(db_path, "SELECT concept, state FROM review_cards"))
    assert cards == {ML_BASICS[0]: "learning", ML_BASICS[1]: "learning", ML_BASICS[2]: "learning", ML_BASICS[3]: "review"}
    due = dict(rows(db_path, "SELECT concept, due FROM review_cards"))
    assert due[ML_BASICS[1]] < due[ML_BASICS[0]] < due[ML_BASICS[3]]  # again < good < easy
    assert all(json.loads(c)["card_id"] for (c,) in rows(db_path, "SELECT card FROM review_cards"))
    assert rows(db_path, "SELECT day FROM activity") == [("2026-03-02",)]  # a review counts for streaks
    # the review JSON and the card agree
    assert rows(db_path, "SELECT COUNT(*) FROM reviews r JOIN review_cards c USING (profile_id, concept) WHERE r.due_after = c.due") == [(4,)]


def test_a_new_card_rated_good_is_due_later_than_one_rated_again_end_to_end(sp, frozen, db_path):
    frozen("2026-03-02")
    sp("start", "ml-basics")
    sp("review", "--limit", "2", input="good\nagain\n")
    due = dict(rows(db_path, "SELECT concept, due FROM review_cards"))
    assert datetime.fromisoformat(due[ML_BASICS[0]]) > datetime.fromisoformat(due[ML_BASICS[1]])


def test_bad_lines_are_reported_and_q_ends_the_session(sp, frozen, db_path):
    frozen("2026-03-02")
    sp("start", "ml-basics")
    result = sp("review", input="maybe\n2\nq\n3\n")
    assert "'maybe' is not a rating" in result.stderr
    assert rows(db_path, "SELECT rating FROM reviews") == [(2,)]
    assert "Reviewed 1 card" in result.stdout and "9 cards of this session were not reviewed" in result.stdout


def test_the_daily_new_card_limit_holds_across_sessions_and_days(sp, frozen, db_path, monkeypatch):
    monkeypatch.setenv("STUDYPLAN_NEW_CARDS_PER_DAY", "3")
    frozen("2026-03-02")
    sp("done", "ml-basics", "dl-intro", "dl-architectures", "gpt-context", "llm-advanced")  # five modules: not buried
    assert [c["concept"] for c in sp.json("review")["cards"]] == ML_BASICS[:3]
    sp("review", input="4\n4\n4\n")
    assert sp.json("review")["cards"] == []  # the three are due in days, and no new card is left for today
    assert "Today's new cards are done (3 a day" in sp("review").stdout
    frozen("2026-03-03")
    assert [c["concept"] for c in sp.json("review")["cards"]] == ML_BASICS[3:6]
    assert rows(db_path, "SELECT introduced_day, COUNT(*) FROM review_cards GROUP BY 1") == [("2026-03-02", 3)]


def test_state_survives_a_process_restart(sp, frozen, db_path):
    frozen("2026-03-02")
    sp("start", "ml-basics")
    sp("review", "--limit", "1", input="1\n")
    env = dict(os.environ)
    proc = subprocess.run([sys.executable, "-m", "studyplan", "review", "--json"], capture_output=True, text=True, env=env, check=True)
    queue = json.loads(proc.stdout)["cards"]
    first = next(c for c in queue if c["concept"] == ML_BASICS[0])
    assert first["new"] is False and first["state"] == "learning"
    assert datetime.fromisoformat(first["due"]) == datetime(2026, 3, 2, 12, 1, tzinfo=timezone.utc)


class ScriptedInput:
    """Answers, then Ctrl-C while the next card is on screen."""

    interactive = False

    def __init__(self, answers: list[str]) -> None:
        self.answers = list(answers)

    def read(self) -> str:
        if not self.answers:
            raise KeyboardInterrupt
        return self.answers.pop(0)


def test_ctrl_c_mid_session_keeps_earlier_ratings(sp, frozen, db_path, monkeypatch):
    frozen("2026-03-02")
    sp("start", "ml-basics")
    monkeypatch.setattr("studyplan.cli.review.open_input", lambda: ScriptedInput(["3", "h", "1"]))
    result = sp("review", ok=False)
    assert result.exit_code == 130 and "Traceback" not in result.stderr
    assert "Reviewed 2 cards" in result.stdout and "Interrupted" in result.stdout
    assert rows(db_path, "SELECT concept, rating FROM reviews ORDER BY id") == [(ML_BASICS[0], 3), (ML_BASICS[1], 1)]


def test_ctrl_c_while_a_rating_is_saved_loses_only_that_card(sp, frozen, db_path, monkeypatch):
    frozen("2026-03-02")
    sp("start", "ml-basics")
    real = rv.schedule
    calls = []

    def flaky(state, concept, rating, now, *retention):
        calls.append(concept)
        if len(calls) == 3:
            raise KeyboardInterrupt  # inside the transaction, after the card was read
        return real(state, concept, rating, now, *retention)

    monkeypatch.setattr(rv, "schedule", flaky)
    result = sp("review", input="3\n3\n3\n3\n", ok=False)
    assert result.exit_code == 130
    assert rows(db_path, "SELECT concept FROM reviews ORDER BY id") == [(ML_BASICS[0],), (ML_BASICS[1],)]
    assert sorted(c for (c,) in rows(db_path, "SELECT concept FROM review_cards")) == sorted(ML_BASICS[:2])


def test_end_of_input_ends_the_session_normally(sp, frozen, db_path):
    frozen("2026-03-02")
    sp("start", "ml-basics")
    result = sp("review", input="3\n")
    assert "Reviewed 1 card" in result.stdout and "Interrupted" not in result.stdout


def test_module_and_all_narrow_or_widen_the_deck(sp, frozen):
    frozen("2026-03-02")
    assert sp.json("review", "--module", "gpt-context")["cards"] == []
    widened = sp.json("review", "--module", "gpt-context", "--all")["cards"]
    assert widened and all("gpt-context" in CURRICULUM.concept(c["concept"]).modules for c in widened)
    assert len(sp.json("review", "--all")["cards"]) == 10


def test_bad_options_are_one_line_errors(sp):
    result = sp("review", "--module", "ml-basic", ok=False)
    assert result.exit_code == 2 and "did you mean 'ml-basics'" in result.stderr and "Traceback" not in result.stderr
    result = sp("review", "--module", "ml-basics/definition", ok=False)
    assert result.exit_code == 2 and "is an item, not a module" in result.stderr
    result = sp("review", "--limit", "0", ok=False)
    assert result.exit_code == 2 and "--limit 0" in result.stderr


def test_nothing_to_review_says_why(sp, frozen):
    frozen("2026-03-02")
    out = sp("review").stdout
    assert "Nothing to review today" in out and "studyplan start MODULE" in out


def test_stats_by_state_per_day_and_retention(sp, frozen):
    frozen("2026-03-02")
    sp("start", "ml-basics")
    sp("review", "--limit", "4", input="1\n3\n3\n4\n")
    data = sp.json("review", "--stats")
    assert data["cards"] == {"new": len(ML_BASICS) - 4, "learning": 3, "review": 1, "relearning": 0}
    assert data["per_day"] == [{"day": "2026-03-02", "reviews": 4, "again": 1}]
    assert data["last_30_days"]["retention"] == 0.75 and data["last_30_days"]["ratings"] == {"again": 1, "hard": 0, "good": 2, "easy": 1}
    out = sp("review", "--stats").stdout
    assert "retention 75%" in out and "learning" in out


def test_today_counts_due_cards_and_report_numbers(sp, frozen, db_path):
    frozen("2026-03-02")
    sp("init", "--start", "2026-03-01")
    sp("start", "ml-basics")
    assert sp.json("today")["cards_due"] == 10
    sp("review", "--limit", "2", input="4\n1\n")
    # the "again" card comes back today; eight new cards are still allowed
    assert sp.json("today")["cards_due"] == 9
    assert "9 review cards due" in sp("today").stdout

    from studyplan.app import review as review_service
    from studyplan.app.session import Session

    app = Session(clock=lambda: datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc))
    try:
        period = review_service.period_summary(app, date(2026, 3, 1), date(2026, 3, 7))
        assert (period.reviews, period.retention, period.ratings["again"]) == (2, 0.5, 1)
        empty = review_service.period_summary(app, date(2026, 3, 3), date(2026, 3, 9))
        assert (empty.reviews, empty.retention, empty.ratings) == (0, None, {"again": 0, "hard": 0, "good": 0, "easy": 0})
        assert review_service.reviewed_concepts(app) == set(ML_BASICS[:2])
        later = review_service.at_risk(app, date(2026, 6, 1))
        assert [x.concept for x in later][:1] == [ML_BASICS[1]] and all(x.retrievability < 0.9 for x in later)
    finally:
        app.close()


def _without(tmp_path: Path, concept: str) -> Path:
    """A copy of the bundled curriculum with one concept (and every reference to it) removed."""
    root = tmp_path / "custom"
    shutil.copytree(BUNDLED, root)
    concepts = yaml.safe_load((root / "concepts.yaml").read_text(encoding="utf-8"))
    concepts["concepts"] = [c for c in concepts["concepts"] if c["id"] != concept]
    for c in concepts["concepts"]:
        c["related"] = [r for r in c.get("related") or () if r != concept]
    (root / "concepts.yaml").write_text(yaml.safe_dump(concepts, allow_unicode=True, sort_keys=False), encoding="utf-8")
    history = yaml.safe_load((root / "history.yaml").read_text(encoding="utf-8"))
    for key in ("events", "trends"):
        for e in history.get(key) or ():
            if "concepts" in e:
                e["concepts"] = [x for x in e["concepts"] if x != concept]
    (root / "history.yaml").write_text(yaml.safe_dump(history, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def test_a_card_whose_concept_was_removed_is_skipped_not_crashed_on(sp, frozen, db_path, tmp_path):
    frozen("2026-03-02")
    sp("init", "--start", "2026-03-01")
    sp("start", "ml-basics")
    removed = ML_BASICS[1]
    sp("review", "--limit", "2", input="1\n1\n")
    custom = _without(tmp_path, removed)
    sp("init", "--start", "2026-03-01", "--curriculum", str(custom), "--force")  # a switch with progress is confirmed
    queue = [c["concept"] for c in sp.json("review")["cards"]]
    assert ML_BASICS[0] in queue and removed not in queue
    stats = sp.json("review", "--stats")
    assert stats["ignored"] == 1 and stats["cards"]["learning"] == 1
    sp("review", input="3\n" * 20)
    assert sp.json("today")["state"] == "active"
    assert removed not in [c for (c,) in rows(db_path, "SELECT concept FROM reviews WHERE id > 2")]


def test_day_end_follows_dst_rules_not_todays_offset(monkeypatch):
    import time
    from datetime import date, datetime, timezone
    from types import SimpleNamespace

    from studyplan.app.review import day_end

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        app = SimpleNamespace(config=SimpleNamespace(get=lambda name: "04:00"))
        # The study day of 6 March 2026 ends at 04:00 EST on the 7th; that of 8 March at 04:00 EDT on the 9th.
        assert day_end(app, date(2026, 3, 6)) == datetime(2026, 3, 7, 9, 0, tzinfo=timezone.utc)
        assert day_end(app, date(2026, 3, 8)) == datetime(2026, 3, 9, 8, 0, tzinfo=timezone.utc)
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()
