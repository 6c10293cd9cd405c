"""`studyplan plan` and `studyplan show`."""

from __future__ import annotations


def test_plan_groups_every_module_by_phase(sp):
    sp("init", "--start", "2026-01-01")
    data = sp.json("plan")
    assert [p["id"] for p in data["phases"]] == ["ml-foundations", "deep-learning", "transformers", "advanced-dl", "llms-and-projects"]
    ids = [m["id"] for p in data["phases"] for m in p["modules"]]
    assert len(ids) == 11 and len(set(ids)) == 11
    assert data["phases"][0]["start"] == "2026-01-01" and data["phases"][-1]["end"] == "2026-12-31"
    text = sp("plan").stdout
    assert "Overall" in text and "ml-basics" in text


def test_show_lists_everything_of_a_module(sp):
    data = sp.json("show", "ml-basics")
    assert data["goal"] and len(data["topics"]) == 4 and len(data["resources"]) == 3 and len(data["projects"]) == 2
    assert "Scikit-learn" in data["tools"]
    assert data["phase_id"] == "ml-foundations"
    text = sp("show", "ml-basics", "--lang", "ja").stdout
    assert "統計的学習の基礎" in text


def test_show_unknown_module(sp):
    result = sp("show", "dl-intr", ok=False)
    assert result.exit_code == 2 and "did you mean 'dl-intro'" in result.stderr


def test_show_notes_from_the_map(sp):
    text = sp("show", "ml-basics").stdout
    assert "Tools and platforms" in text and "Google Colab" in text
    assert "Career paths" in sp("show", "applications-trends").stdout


def test_init_validates_its_options(sp):
    r = sp("init", "--months", "13", ok=False)
    assert r.exit_code == 2 and "6 to 12" in r.stderr
    r = sp("init", "--lang", "fr", ok=False)
    assert r.exit_code == 2
    r = sp("--profile", "alice", "today", ok=False)
    assert "studyplan --profile alice init" in r.stderr  # as printed, it works (tests/test_profiles_init.py)
    sp("--profile", "alice", "init", "--start", "2026-02-01", "--months", "6")
    out = sp("--profile", "alice", "plan", "--json").stdout
    assert '"months": 6' in out


def test_init_keeps_what_is_not_given_and_uses_the_curriculum_length(sp):
    sp("init", "--start", "2026-02-01", "--months", "9", "--hours", "12")
    data = sp.json("init", "--lang", "ja")
    assert (data["start"], data["months"], data["weekly_hours"], data["lang"]) == ("2026-02-01", 9, 12, "ja")
    py = sp.json("--profile", "default", "init", "--curriculum", "python-basics")
    assert py["months"] == 6 and py["curriculum"] == "python-basics"


def test_show_ends_with_the_newest_notes_and_says_how_many_more_there_are(sp):
    sp("init", "--start", "2026-01-05")
    for n in range(1, 8):
        sp("note", "ml-basics/definition" if n % 2 else "ml-basics", f"note number {n}")
    data = sp.json("show", "ml-basics")
    assert [n["text"] for n in data["user_notes"]] == [f"note number {n}" for n in range(3, 8)]  # the newest five, oldest first
    assert data["user_notes_total"] == 7
    text = " ".join(sp("show", "ml-basics").stdout.split())
    assert "note number 7" in text and "note number 2" not in text
    assert "2 older notes: `studyplan notes ml-basics`" in text
    assert "ほかに古いメモが2件あります: `studyplan notes ml-basics`" in " ".join(sp("--lang", "ja", "show", "ml-basics").stdout.split())
    assert len(sp.json("notes", "ml-basics")["notes"]) == 7  # where they all are


def test_show_with_few_notes_shows_them_all_and_nothing_more(sp):
    sp("init", "--start", "2026-01-05")
    sp("note", "ml-basics", "the only note")
    data = sp.json("show", "ml-basics")
    assert data["user_notes_total"] == 1 and len(data["user_notes"]) == 1
    assert "older note" not in sp("show", "ml-basics").stdout
