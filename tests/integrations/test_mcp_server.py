"""`model-trainer mcp` driven by the SDK's own client over stdio, on a real (tiny) training with a repair."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("mcp")

import anyio
from mcp import Client, StdioServerParameters

from conftest import LINEAR_GD, cli, make_project


def _server(cwd: Path) -> StdioServerParameters:
    env = {k: os.environ[k] for k in ("PYTHONPATH", "OMP_NUM_THREADS", "MKL_NUM_THREADS") if k in os.environ}
    return StdioServerParameters(command=sys.executable, args=["-m", "model_trainer", "mcp"], env=env, cwd=str(cwd))


@pytest.mark.slow
def test_agent_session_lists_trains_reads_and_survives_a_bad_call(tmp_path: Path) -> None:
    # lr = 1.5 diverges on this data: the verdict must come from a real repair, documented in the diary
    p = make_project(tmp_path / "proj", LINEAR_GD, config="lr = 1.5\nepochs = 12\n")
    progress: list[tuple[float, str | None]] = []

    async def on_progress(value: float, total: float | None, message: str | None) -> None:
        progress.append((value, message))

    async def session() -> dict[str, object]:
        async with Client(_server(tmp_path), read_timeout_seconds=240) as client:
            tools = {t.name: t for t in (await client.list_tools()).tools}
            bad = await client.call_tool("train", {"spec": "proj/missing.toml"})
            trained = await client.call_tool("train", {"spec": "proj/spec.toml"}, progress_callback=on_progress)
            diary = await client.call_tool("diary", {"workspace": "proj", "status": "resolved"})
            none = await client.call_tool("diary", {"workspace": "proj", "status": "escalated"})
            lint = await client.call_tool("lint", {"workspace": "proj"})
            return {"tools": tools, "bad": bad, "trained": trained, "diary": diary, "none": none, "lint": lint}

    out = anyio.run(session)
    tools = out["tools"]
    assert set(tools) == {"train", "search", "diagnose", "gates", "lint", "diary"}  # type: ignore[arg-type]
    assert tools["train"].input_schema["required"] == ["spec"]  # type: ignore[index]
    assert tools["diary"].input_schema["properties"]["status"]  # type: ignore[index]

    # the bad call: the CLI's own message, as a tool error, and the server goes on to the next call
    bad = out["bad"]
    expected = cli("train", str(tmp_path / "proj/missing.toml")).stderr.strip()
    assert bad.is_error  # type: ignore[attr-defined]
    text = bad.content[0].text  # type: ignore[attr-defined]
    assert text.startswith("error: ") and "missing.toml" in text
    assert text.replace(str(tmp_path / "proj/missing.toml"), "proj/missing.toml") == \
        expected.replace(str(tmp_path / "proj/missing.toml"), "proj/missing.toml")

    trained = out["trained"]
    assert not trained.is_error, trained.content  # type: ignore[attr-defined]
    v = trained.structured_content  # type: ignore[attr-defined]
    assert v["status"] == "resolved" and v["exit_code"] == 0
    assert v["symptom"] in ("exploding_gradients", "nan_loss") and v["cause"] == "learning_rate_too_high"
    assert v["line"].startswith("verdict: resolved") and v["entry_id"] == 1
    assert v["workspace"] == "." and v["files"]["dev_diary_md"] == "dev_diary.md"
    assert v["new_entries"] == [1]
    # the metric is the accepted run's, as the manifest recorded it
    import json

    manifest = json.loads((p.root / "results/model_final.manifest.json").read_text())
    assert v["run_id"] == manifest["run_id"] and v["metric"] == manifest["metric"]["last"]
    # every epoch of every run was reported, as an increasing count
    values = [val for val, _ in progress]
    assert values == sorted(values) and values[-1] > 0
    assert any(m and "epoch" in m for _, m in progress)

    entries = out["diary"].structured_content["entries"]  # type: ignore[attr-defined]
    on_disk = json.loads((p.root / "dev_diary.json").read_text())
    assert entries == on_disk and entries[0]["status"] == "resolved"
    assert out["none"].structured_content["count"] == 0  # type: ignore[attr-defined]
    assert out["lint"].structured_content["exit_code"] in (0, 1)  # type: ignore[attr-defined]
