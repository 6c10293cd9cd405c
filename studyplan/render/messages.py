"""User-facing words in one place, in English and Japanese."""

from __future__ import annotations

_LABELS: dict[str, tuple[str, str]] = {
    "today": ("Today", "今日"),
    "month_of": ("month {m} of {n}", "{n}ヶ月中 {m}ヶ月目"),
    "week": ("week {w}", "{w}週目"),
    "day": ("day {d}", "{d}日目"),
    "phase": ("Phase", "フェーズ"),
    "study_today": ("Study today", "今日の学習"),
    "resource": ("Resource", "リソース"),
    "project": ("Project", "プロジェクト"),
    "week_targets": ("This week's routine", "今週のルーティン"),
    "on_track": ("On track", "予定どおり"),
    "ahead": ("Ahead by {days} days ({items} topics)", "{days}日先行 ({items}トピック)"),
    "ahead_days": ("Ahead by {days} days", "{days}日先行"),
    "behind": ("Behind by {days} days ({items} topics overdue)", "{days}日の遅れ (期限切れ {items}トピック)"),
    "suggest_replan": ("More than a week behind: `studyplan replan` moves the rest of the plan to start today.",
                       "1週間以上遅れています: `studyplan replan` で残りの計画を今日から始め直せます。"),
    "catch_up": ("Catching up: {per_day} a day, {days} days of catch-up left in this phase.",
                 "遅れの取り戻し: 1日{per_day}件、このフェーズで残り{days}日。"),
    "before_start": ("Your plan starts on {start} (in {days} days). Until then, browse it with `studyplan plan`.",
                     "計画は {start} に始まります (あと{days}日)。それまでは `studyplan plan` で内容を確認できます。"),
    "finished": ("Your plan ended on {end}.", "計画は {end} に終了しました。"),
    "left": ("{topics} topics left in {modules} modules: {names}", "残り {topics} トピック ({modules} モジュール): {names}"),
    "all_done": ("Everything in the plan is done. Well done!", "計画のすべてが完了しました。お疲れさまでした!"),
    "nothing_today": ("Nothing due today: you are ahead. Review, read, or start the next topic early.",
                      "今日の期限はありません。先行しています。復習や次のトピックの先取りをどうぞ。"),
    "progress": ("Progress", "進捗"),
    "topics_done": ("{done}/{total} topics done, {expected} expected by now", "{done}/{total} トピック完了 (現時点の予定 {expected})"),
    "hours": ("{lo}–{hi} h", "{lo}–{hi} 時間"),
    "logged": ("logged {h} h", "記録 {h} 時間"),
    "concept_of_day": ("Concept of the day", "今日の概念"),
    "cards_due": ("{n} review cards due: `studyplan review`", "復習カード {n} 枚: `studyplan review`"),
    "goal": ("Goal", "目標"),
    "topics": ("Topics", "トピック"),
    "resources": ("Resources", "リソース"),
    "tools": ("Tools", "ツール"),
    "projects": ("Projects", "プロジェクト"),
    "concepts": ("Concepts", "概念"),
    "notes": ("Notes", "ノート"),
    "readings": ("Readings", "読み物"),
    "schedule": ("Schedule", "スケジュール"),
    "overall": ("Overall", "全体"),
    "module": ("Module", "モジュール"),
    "status": ("Status", "状態"),
    "items": ("Items", "項目"),
    "level": ("Level", "レベル"),
    "prereq": ("Prerequisites not done yet: {ids}", "前提モジュールが未完了: {ids}"),
    "why": ("Why here", "配置の理由"),
    "todo": ("todo", "未着手"),
    "in-progress": ("in progress", "学習中"),
    "done": ("done", "完了"),
    "skipped": ("skipped", "スキップ"),
    "pace": ("At your pace: {date}, {delta}", "現在のペースでは: {date}、{delta}"),
    "pace_later": ("{weeks} weeks after plan", "計画より{weeks}週遅れ"),
    "pace_earlier": ("{weeks} weeks before plan", "計画より{weeks}週早い"),
    "pace_same": ("on the planned date", "計画どおり"),
    "pace_unknown": ("At your pace: {reason}", "現在のペース: {reason}"),
}


def t(key: str, lang: str, **kwargs: object) -> str:
    en, ja = _LABELS[key]
    text = ja if lang == "ja" else en
    return text.format(**kwargs) if kwargs else text


def status_word(status: str, lang: str) -> str:
    return t(status, lang) if status in _LABELS else status
