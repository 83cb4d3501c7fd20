"""`farm start` refuses bad input before any cluster starts: exit 2, one line, nothing left behind."""

from __future__ import annotations

import pytest

pytest.importorskip("ray.serve")

from app.cli.main import run_cli  # noqa: E402
from app.farm.cluster import state_path  # noqa: E402


@pytest.mark.parametrize(
    "extra, words",
    [
        (["--host", "0.0.0.0"], "without a token"),
        (["--autoscale", "3:1"], "MIN:MAX"),
        (["--autoscale", "many"], "MIN:MAX"),
        (["--replicas", "0"], "--replicas must be 1"),
        (["--gpus-per-replica", "nan"], "--gpus-per-replica must be"),
        (["--port", "99999"], "--port must be"),
    ],
)
def test_bad_flags_are_refused_before_anything_starts(tiny_a14b, capsys, extra, words):
    assert run_cli(["farm", "start", "--model", str(tiny_a14b), *extra]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not state_path().exists()


def test_a_missing_model_folder_is_refused_before_a_cluster_starts(tmp_path, capsys):
    assert run_cli(["farm", "start", "--model", str(tmp_path / "no-such-model")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not state_path().exists()


def test_replicas_and_autoscale_exclude_each_other(tiny_a14b, capsys):
    with pytest.raises(SystemExit) as stop:
        run_cli(["farm", "start", "--model", str(tiny_a14b), "--replicas", "2", "--autoscale", "1:2"])
    assert stop.value.code == 2 and "not allowed with" in capsys.readouterr().err


def test_status_and_stop_without_a_farm_say_so(capsys):
    assert run_cli(["farm", "status"]) == 1
    assert "No farm is running" in capsys.readouterr().err
    assert run_cli(["farm", "stop"]) == 1
    assert "No farm is running" in capsys.readouterr().err
