"""The MCP tools in-process (the SDK's client on the server object): search, gates, diagnose, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("mcp")
pytest.importorskip("optuna")

import anyio
from mcp import Client

from conftest import LINEAR_GD, cli, make_project
from model_trainer.agent_server import build_server

SEARCH = '[search]\ntrials = 2\n[search.space]\nlr = { low = 0.01, high = 0.2, log = true }\n'


@pytest.mark.slow
def test_search_then_gates_diagnose_and_bad_calls(tmp_path: Path) -> None:
    p = make_project(tmp_path / "proj", LINEAR_GD, config="lr = 0.1\nepochs = 8\n", extra=SEARCH)
    out_ws = tmp_path / "proj" / "elsewhere"
    progress: list[float] = []

    async def on_progress(value: float, total: float | None, message: str | None) -> None:
        progress.append(value)

    async def session() -> dict[str, object]:
        async with Client(build_server()) as client:
            return {
                "search": await client.call_tool("search", {"spec": str(p.spec)}, progress_callback=on_progress),
                "train_out": await client.call_tool("train", {"spec": str(p.spec), "out": str(out_ws)}),
                "gates": await client.call_tool("gates", {"workspace": str(p.root)}),
                "diagnose": await client.call_tool("diagnose", {"file": str(p.root / "results/training_history.csv")}),
                "bad_trials": await client.call_tool("search", {"spec": str(p.spec), "trials": 0}),
                "bad_gates": await client.call_tool("gates", {"workspace": str(tmp_path / "none")}),
                "bad_diary": await client.call_tool("diary", {"workspace": str(tmp_path / "none")}),
                "bad_status": await client.call_tool("diary", {"workspace": str(p.root), "status": "fine"}),
            }

    out = anyio.run(session)
    s = out["search"].structured_content  # type: ignore[attr-defined]
    assert s["exit_code"] == 0 and s["status"] in ("accepted", "resolved"), s
    assert s["files"]["search_log"] == "results/hyperparameter_search.md" and s["workspace"] == "."
    assert progress and progress == sorted(progress)

    t = out["train_out"].structured_content  # type: ignore[attr-defined]
    assert t["workspace"] == "elsewhere" and t["files"]["log"] == "elsewhere/training_full.log"
    assert (out_ws / "training_full.log").exists()

    g = out["gates"].structured_content  # type: ignore[attr-defined]
    on_disk = json.loads((p.root / "quality_gates.json").read_text())
    assert g["passed"] == on_disk["passed"] and set(g["gates"]) == set(on_disk["gates"])
    d = out["diagnose"].structured_content  # type: ignore[attr-defined]
    assert d["exit_code"] in (0, 1) and d["red_flags"] == bool(d["new_entries"])

    assert out["bad_trials"].is_error  # type: ignore[attr-defined]  # the schema refuses it (trials >= 1)
    for key, folder in (("bad_gates", "none"), ("bad_diary", "none")):
        res = out[key]
        assert res.is_error and res.content[0].text.startswith("error: ")  # type: ignore[attr-defined]
        assert folder in res.content[0].text  # type: ignore[attr-defined]
    expected = cli("gates", str(tmp_path / "none")).stderr.strip()
    assert out["bad_gates"].content[0].text == expected  # type: ignore[attr-defined]
    assert out["bad_status"].is_error  # type: ignore[attr-defined]
