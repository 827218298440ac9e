"""The bench's speed section: what it empties before a cold build, and how it judges its targets."""

from __future__ import annotations

import os

from tools.bench import speed


def _timing(seconds: float, tree: int = 500) -> dict:
    return {"median": seconds, "runs": [seconds], "own_rss_mib": 100, "tree_rss_mib": tree}


def test_the_cold_build_keeps_only_the_encoded_images(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    content.mkdir()
    output.mkdir()
    for name in ("images", "pages", "check", "build", "search", "press"):
        (tmp_path / ".cache" / name).mkdir(parents=True)
    speed._empty_caches_except_images(str(content), str(output))
    assert os.listdir(tmp_path / ".cache") == ["images"]
    assert not output.exists()


def test_the_table_says_which_targets_are_met():
    result = {name: _timing(seconds) for name, seconds in
              {"hugo_pagefind": 10.0, "unchanged": 1.0, "story_edit": 12.0, "cold": 15.0}.items()}
    result["ratios"] = {"unchanged": 0.1, "story_edit": 1.2, "cold": 1.5}
    result["round_ratios"] = {name: [ratio] for name, ratio in result["ratios"].items()}
    result.update(targets=speed.TARGETS, tree_rss_mib=1100, memory_target_mib=speed.MEMORY_TARGET_MIB)
    lines = "\n".join(speed.table(result))
    assert "nichts geändert: 0.10 × Hugo + Pagefind (je Runde [0.1]; Ziel ≤ 1.0: erreicht)" in lines
    assert "eine Geschichte geändert: 1.20 × Hugo + Pagefind (je Runde [1.2]; Ziel ≤ 1.0: NICHT erreicht)" in lines
    assert "Caches leer außer Bildern: 1.50 × Hugo + Pagefind (je Runde [1.5]; Ziel ≤ 1.5: erreicht)" in lines
    assert "1100 MiB (Ziel ≤ 1024 MiB: NICHT erreicht)" in lines
