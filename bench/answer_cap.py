"""Peak memory of the remote backend's HTTP call against a huge answer, with and without the cap.

A loopback endpoint streams a JSON answer of --mb megabytes (no Content-Length, so only counting
what arrives can stop it); the client reads it through post_json with the given limit. Each run is
a fresh process, so its peak RSS is its own:

    python bench/answer_cap.py --mb 512 --limit 256     # the default limit: refused at 256 MB
    python bench/answer_cap.py --mb 512 --limit 1024    # read in full, as before the limit
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CHUNK = b"A" * (1 << 20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=512, help="size of the answer")
    parser.add_argument("--limit", type=int, default=256, help="the client's limit, in MB")
    args = parser.parse_args()

    from starlette.applications import Starlette
    from starlette.responses import StreamingResponse
    from starlette.routing import Route

    from app.serve.server import ServerThread
    from engine.endpoint.http_call import EndpointError, post_json

    async def answer(request: object) -> StreamingResponse:
        async def body():  # the same chunk again and again: the server holds 1 MB
            yield b'{"video": "'
            for _ in range(args.mb):
                yield CHUNK
            yield b'"}'

        return StreamingResponse(body(), media_type="application/json")

    with ServerThread(Starlette(routes=[Route("/", answer, methods=["POST"])])) as server:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10
        started = time.perf_counter()
        try:
            doc = asyncio.run(
                post_json(server.url, {}, {}, "bench", 600, 0, max_answer_bytes=args.limit << 20)
            )
            outcome = f"read ({len(doc['video']) >> 20} MB of video text)"  # type: ignore[index]
        except EndpointError as exc:
            outcome = f"refused: {exc}"
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10
    print(f"answer {args.mb} MB, limit {args.limit} MB: {outcome}")
    print(f"peak RSS {peak} MB (started at {before} MB, +{peak - before} MB), {seconds:.1f} s")


if __name__ == "__main__":
    main()
