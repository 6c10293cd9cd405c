"""A module's status and its items: a skipped item stays skipped when the module is marked
done, starting (or resetting) an item of a done module makes the module in progress, and one
`undo` takes the whole change back."""

from __future__ import annotations

import sqlite3

import pytest

ITEMS = 9  # ml-basics: 4 topics, 3 resources, 2 projects


def statuses(db_path):
    return dict(sqlite3.connect(db_path).execute("SELECT ref, status FROM statuses").fetchall())


@pytest.fixture
def learner(sp, frozen):
    frozen("2026-12-03")
    sp("init", "--start", "2026-11-01")
    return sp


def module_row(sp, module="ml-basics"):
    return next(m for phase in sp.json("plan")["phases"] for m in phase["modules"] if m["id"] == module)


def item_status(sp, ref):
    show = sp.json("show", ref.split("/")[0])
    return next(i["status"] for kind in ("topics", "resources", "projects") for i in show[kind] if i["ref"] == ref)


def test_a_skipped_item_stays_skipped_in_a_done_module(learner):
    learner("skip", "ml-basics/definition")
    learner("done", "ml-basics")
    row = module_row(learner)
    assert (row["status"], row["done"], row["total"], row["skipped"]) == ("done", ITEMS - 1, ITEMS - 1, 1)
    assert item_status(learner, "ml-basics/definition") == "skipped"
    show = learner.json("show", "ml-basics")
    assert (show["done"], show["total"], show["skipped"]) == (ITEMS - 1, ITEMS - 1, 1)
    assert f"✔ done  {ITEMS - 1}/{ITEMS - 1} (100%), 1 skipped" in learner("show", "ml-basics").stdout
    # the same count before the module was done: skipped items leave both sides everywhere
    learner("undo")
    assert f"· todo  0/{ITEMS - 1} (0%), 1 skipped" in learner("show", "ml-basics").stdout
    assert learner.json("report")  # the report reads the same statuses without failing


def test_today_and_the_overall_count_agree_with_the_module(learner):
    learner("skip", "ml-basics/definition")
    learner("done", "ml-basics")
    plan = learner.json("plan")
    assert plan["done"] == ITEMS - 1 and plan["modules_done"] == 1
    assert "ml-basics/definition" not in [i["ref"] for i in learner.json("today")["items"]]


def test_starting_an_item_of_a_done_module_makes_the_module_in_progress(learner, db_path):
    learner("done", "ml-basics")
    out = learner("start", "ml-basics/types-of-ml").stdout
    assert "ml-basics/types-of-ml: ✔ done → ▶ in progress" in out
    assert "ml-basics: ✔ done → ▶ in progress" in out
    row = module_row(learner)
    assert (row["status"], row["done"], row["total"]) == ("in-progress", ITEMS - 1, ITEMS)
    assert item_status(learner, "ml-basics/types-of-ml") == "in-progress"
    assert item_status(learner, "ml-basics/key-algorithms") == "done"  # the others keep what they showed
    assert "ml-basics" not in statuses(db_path)  # the module's status is derived from its items again


def test_resetting_an_item_of_a_done_module_and_finishing_it_again(learner):
    learner("done", "ml-basics")
    learner("reset", "ml-basics/iris")
    row = module_row(learner)
    assert (row["status"], row["done"]) == ("in-progress", ITEMS - 1)
    learner("done", "ml-basics/iris")
    assert module_row(learner)["status"] == "done"  # every item done: the module is done


def test_one_undo_takes_the_whole_change_back_and_says_so_plainly(learner, db_path):
    learner("skip", "ml-basics/definition")
    learner("done", "ml-basics")
    before = statuses(db_path)
    learner("start", "ml-basics/types-of-ml")
    out = learner("undo").stdout
    assert out.splitlines()[0] == "Undone:"
    # what the learner saw change, not the journal's bookkeeping (the other items read done throughout)
    assert "  ml-basics/types-of-ml in progress → done again" in out
    assert "  ml-basics in progress → done again" in out
    assert "ml-basics/iris" not in out
    assert statuses(db_path) == before


def test_an_item_done_in_a_skipped_module_counts(learner):
    learner("skip", "ml-basics")
    learner("done", "ml-basics/definition")
    row = module_row(learner)  # the rest stays skipped, so the one item left is all there is to do
    assert (row["status"], row["done"], row["total"], row["skipped"]) == ("done", 1, 1, ITEMS - 1)
    learner("start", "ml-basics/iris")
    assert module_row(learner)["status"] == "in-progress"


def test_marking_an_item_done_inside_a_done_module_changes_nothing_visible(learner):
    learner("done", "ml-basics")
    learner("done", "ml-basics/definition")
    assert module_row(learner)["status"] == "done"
    assert learner("undo").stdout == "Undone: a change that did not show in your progress.\n"


UNDO_CASES = [  # (what to do, English undo line, Japanese undo line)
    (["log", "2h", "--date", "2026-11-28"], "Undone: 2h of theory logged for 28 Nov 2026 (no longer in the log)",
     "取り消しました: 2026年11月28日に記録した理論2時間 (記録から外しました)"),
    (["pause", "--from", "2026-12-10", "--to", "2026-12-12"], "Undone: the pause from 10 Dec 2026 to 12 Dec 2026",
     "取り消しました: 2026年12月10日から2026年12月12日までの休止"),
    (["note", "ml-basics", "PCA finally clicked"], "Undone: the note on ml-basics", "取り消しました: ml-basics へのメモ"),
    (["done", "ml-basics/definition"], "Undone: ml-basics/definition done → todo again",
     "取り消しました: ml-basics/definition 完了 → 未着手 に戻しました"),
]


@pytest.mark.parametrize(("args", "english", "japanese"), UNDO_CASES, ids=[c[0][0] for c in UNDO_CASES])
def test_every_kind_of_undo_reads_as_a_learner_says_it(learner, args, english, japanese):
    learner(*args)
    assert learner("undo").stdout == english + "\n"
    learner(*args)
    assert learner("--lang", "ja", "undo").stdout == japanese + "\n"


def test_undoing_a_replan_a_log_deletion_and_a_cancelled_pause(learner):
    learner("log", "90m", "--kind", "coding", "--date", "2026-12-01")
    entry = learner.json("log", "--list")["entries"][0]["id"]
    learner("log", "--delete", str(entry))
    assert learner("undo").stdout == "Undone: removing 1h30m of coding logged for 1 Dec 2026 (it is back in the log)\n"
    pause = learner.json("pause", "--from", "2026-12-10", "--to", "2026-12-12")["pause"]["id"]
    learner("pause", "--cancel", str(pause))
    assert learner("undo").stdout == f"Undone: cancelling pause {pause} (the pause applies again)\n"
    learner("pause", "--cancel", str(pause))
    assert learner("--lang", "ja", "undo").stdout == f"取り消しました: 休止 {pause} の取り消し (休止が再び有効になりました)\n"
    assert "replan" not in learner("undo").stdout  # the pause itself
    learner("replan")
    undone = learner("undo").stdout
    assert undone.startswith("Undone: the replan from ") and "that moved the plan" in undone and "days later" in undone
    learner("replan")
    assert "からの再計画 (計画を" in learner("--lang", "ja", "undo").stdout
