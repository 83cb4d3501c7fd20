"""Farm settings and the state file: bounds, autoscaling on ongoing requests, hostile state files."""

from __future__ import annotations

import json
import math

import pytest

from app.farm.cluster import FarmError, FarmState, load_state, save_state, state_path
from app.farm.farm_config import FarmConfig, FarmConfigError, parse_autoscale
from engine.generation.request import ModelSpec

MODEL = ModelSpec("Wan-AI/Wan2.2-T2V-A14B-Diffusers")


def test_fixed_replicas_hold_one_request_each_and_are_health_checked():
    options = FarmConfig(MODEL, replicas=3, gpus_per_replica=1).generator_options()
    assert options["num_replicas"] == 3 and "autoscaling_config" not in options
    assert options["max_ongoing_requests"] == 1  # one generation per pipeline; the rest wait in the router
    assert options["ray_actor_options"] == {"num_gpus": 1, "num_cpus": 1.0}
    assert options["health_check_period_s"] > 0 and options["health_check_timeout_s"] > 0


def test_autoscaling_targets_one_ongoing_request_per_replica():
    options = FarmConfig(MODEL, autoscale=(0, 4)).generator_options()
    auto = options["autoscaling_config"]
    assert (auto["min_replicas"], auto["max_replicas"], auto["initial_replicas"]) == (0, 4, 1)
    assert auto["target_ongoing_requests"] == 1 and "num_replicas" not in options
    assert auto["downscale_delay_s"] >= 60  # a loaded 14B pipeline is not given back at the first lull


@pytest.mark.parametrize(
    "text, expected",
    [("1:4", (1, 4)), ("0:2", (0, 2)), (" 2 : 3 ", (2, 3))],
)
def test_autoscale_is_parsed(text, expected):
    assert parse_autoscale(text) == expected


@pytest.mark.parametrize("text", ["4", "a:b", "1:", ":2", "-1:2", "1.5:2", "1:2:3", ""])
def test_a_bad_autoscale_is_refused_with_the_form_to_use(text):
    with pytest.raises(FarmConfigError, match="MIN:MAX"):
        parse_autoscale(text)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"replicas": 0},
        {"replicas": 10**12},
        {"autoscale": (3, 2)},
        {"autoscale": (0, 0)},
        {"autoscale": (0, 10**6)},
        {"gpus_per_replica": -1},
        {"gpus_per_replica": math.nan},
        {"gpus_per_replica": math.inf},
        {"cpus_per_replica": math.nan},
        {"port": 0},
        {"port": 70000},
    ],
)
def test_out_of_range_settings_are_refused(kwargs):
    with pytest.raises(FarmConfigError):
        FarmConfig(MODEL, **kwargs)


def test_gpus_default_to_one_per_replica_on_a_gpu_cluster_and_must_fit():
    assert FarmConfig(MODEL, replicas=2).for_cluster(8).gpus_per_replica == 1
    assert FarmConfig(MODEL, replicas=2).for_cluster(0).gpus_per_replica == 0
    cpu = ModelSpec(MODEL.source, device="cpu")
    assert FarmConfig(cpu, replicas=2).for_cluster(8).gpus_per_replica == 0
    with pytest.raises(FarmConfigError, match="need 4 GPUs; the cluster has 2"):
        FarmConfig(MODEL, replicas=2, gpus_per_replica=2).for_cluster(2)
    # Autoscaling starts with its first replica; the autoscaler may add machines for the rest.
    assert FarmConfig(MODEL, autoscale=(1, 8), gpus_per_replica=1).for_cluster(1).gpus_per_replica == 1


def test_the_state_file_round_trips_and_holds_no_token():
    config = FarmConfig(MODEL, replicas=2)
    save_state(FarmState("10.0.0.1:6379", "http://10.0.0.1:8000/", 1234, config.describe(), 5.0))
    state = load_state()
    assert state == FarmState("10.0.0.1:6379", "http://10.0.0.1:8000/", 1234, config.describe(), 5.0)
    assert "token" not in state_path().read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"[]",
        b'"text"',
        json.dumps({"address": 1, "url": "u"}).encode(),
        json.dumps({"address": "a:1", "url": "u", "head_pid": -5}).encode(),
        json.dumps({"address": "a:1", "url": "u", "head_pid": True}).encode(),
        json.dumps({"address": "a:1", "url": "u", "head_pid": 2**40}).encode(),
        json.dumps({"address": "a:1", "url": "u", "config": []}).encode(),
        b"\xff\xfe\x00",
        b"[" * 20_000 + b"]" * 20_000,  # under the size cap, deeper than Python's stack
    ],
)
def test_a_damaged_state_file_is_named_and_left_alone(content):
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    with pytest.raises(FarmError, match="farm"):
        load_state()
    assert path.read_bytes() == content


def test_a_huge_state_file_is_not_read():
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        f.truncate(1 << 30)  # sparse: a gigabyte that costs no disk
    with pytest.raises(FarmError, match="too large"):
        load_state()
