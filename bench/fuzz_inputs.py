"""10,000 mutated inputs through the project loader, the preset importer and the endpoint body parser.

Prints, per target, how many cases opened (ok), how many were refused with a clean error, and how
many failed otherwise (an unexpected exception, a changed input, a file written outside the
project), with the first few failures. The suite runs the same checks, fewer of them
(tests/fuzz/). Exit status 1 if any case failed.
Usage: python bench/fuzz_inputs.py [--cases 10000] [--seed 0]
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fuzz_support import (  # noqa: E402
    base_project,
    base_request,
    check_preset_case,
    check_project_case,
    check_request_case,
    mutate_doc,
    mutated_style,
    render_text,
)

# Share of the cases per target: the loader is the most exposed, the importer the slowest.
SHARES = {"project": 0.4, "preset": 0.2, "request": 0.4}


def project_case(rng: random.Random) -> str:
    doc: object = base_project()
    for _ in range(rng.randint(1, 3)):
        doc = mutate_doc(doc, rng)
    with tempfile.TemporaryDirectory() as folder:
        return check_project_case(Path(folder), render_text(doc, rng))


def preset_case(rng: random.Random) -> str:
    with tempfile.TemporaryDirectory() as folder:
        return check_preset_case(Path(folder), mutated_style(rng))


def request_case(rng: random.Random) -> str:
    body: object = base_request()
    for _ in range(rng.randint(1, 3)):
        body = mutate_doc(body, rng)
    return check_request_case(body)


RUNNERS = {"project": project_case, "preset": preset_case, "request": request_case}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="storyreel-fuzz-home-") as home:
        os.environ["STORYREEL_HOME"] = home  # the preset library of this run only
        os.environ["HF_HUB_OFFLINE"] = "1"
        counts: dict[str, collections.Counter] = {name: collections.Counter() for name in RUNNERS}
        failures: list[str] = []
        started = time.perf_counter()
        for target, share in SHARES.items():
            for case in range(round(args.cases * share)):
                rng = random.Random(f"{args.seed}-{target}-{case}")
                try:
                    counts[target][RUNNERS[target](rng)] += 1
                except BaseException as exc:  # every way a case can go wrong is what this counts
                    if isinstance(exc, KeyboardInterrupt):
                        raise
                    counts[target]["failed"] += 1
                    if len(failures) < 5:
                        failures.append(
                            f"{target} case {case}: {''.join(traceback.format_exception(exc)[-3:])}"
                        )
        seconds = time.perf_counter() - started
    total = sum(sum(c.values()) for c in counts.values())
    print(f"{total} cases in {seconds:.0f} s")
    for target, count in counts.items():
        print(f"  {target:8} ok {count['ok']:5}  refused {count['refused']:5}  failed {count['failed']:5}")
    for failure in failures:
        print(failure)
    return 1 if any(c["failed"] for c in counts.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
