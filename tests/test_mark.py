"""start / done / skip / reset / undo and the journal."""

from __future__ import annotations

import sqlite3


def statuses(db_path):
    return dict(sqlite3.connect(db_path).execute("SELECT ref, status FROM statuses").fetchall())


def test_done_several_items_then_undo_reverts_them_together(sp, db_path):
    sp("done", "ml-basics/definition", "ml-basics/types-of-ml")
    assert statuses(db_path) == {"ml-basics/definition": "done", "ml-basics/types-of-ml": "done"}
    sp("start", "ml-basics/key-algorithms")
    sp("undo")
    assert statuses(db_path) == {"ml-basics/definition": "done", "ml-basics/types-of-ml": "done"}
    out = sp("undo").stdout
    assert "ml-basics/definition" in out
    assert statuses(db_path) == {}
    assert "Nothing to undo" in sp("undo").stdout
    journal = sqlite3.connect(db_path).execute("SELECT action FROM journal ORDER BY id").fetchall()
    assert [a for (a,) in journal].count("undo") == 2


def test_unknown_item_suggests_and_writes_nothing(sp, db_path):
    sp("done", "ml-basics/definition")
    result = sp("done", "ml-basics/types-of-ml", "ml-basic", ok=False)
    assert result.exit_code == 2
    assert "no item 'ml-basic' — did you mean 'ml-basics'?" in result.stderr
    assert statuses(db_path) == {"ml-basics/definition": "done"}


def test_module_done_counts_all_items_and_skip_leaves_the_denominator(sp):
    sp("done", "ml-basics")
    plan = sp.json("plan")
    row = plan["phases"][0]["modules"][0]
    assert row["id"] == "ml-basics" and row["status"] == "done" and row["percent"] == 100.0
    sp("reset", "ml-basics")
    sp("skip", "ml-basics/iris")
    sp("done", "ml-basics/house-prices")
    row = sp.json("plan")["phases"][0]["modules"][0]
    assert row["skipped"] == 1 and row["done"] == 1 and row["total"] == 8


def test_reset_and_json_of_changes(sp):
    sp("start", "dl-intro")
    data = sp.json("reset", "dl-intro")
    assert data["changes"] == [{"ref": "dl-intro", "before": "in-progress", "after": "todo"}]
    again = sp.json("reset", "dl-intro")
    assert again["changes"] == [] and again["unchanged"] == ["dl-intro"]


def test_progress_survives_a_new_process(sp, tmp_path, isolated_home):
    import os
    import subprocess
    import sys

    sp("done", "ml-basics/definition")
    env = dict(os.environ, STUDYPLAN_HOME=str(isolated_home))
    out = subprocess.run([sys.executable, "-m", "studyplan", "show", "ml-basics", "--json"], env=env, capture_output=True, text=True, check=True)
    assert '"status": "done"' in out.stdout
