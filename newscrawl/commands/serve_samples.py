"""``newscrawl serve-samples``: serve the bundled sample web on 127.0.0.1."""

from __future__ import annotations

import argparse
import errno

from newscrawl.commands._errors import CommandError
from newscrawl.commands._output import VERBOSE, verbosity
from newscrawl.samples.server import SampleServer


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve-samples",
        help="serve the bundled sample sites (each real host as <host>.localhost:PORT)",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port (0: any free port)")
    parser.add_argument(
        "--variant", help="serve page variants with this name (e.g. 'edited') where they exist"
    )
    parser.set_defaults(func=run)  # -v (common to every command): log every request


def run(args: argparse.Namespace) -> int:
    try:
        server = SampleServer(
            (args.host, args.port), variant=args.variant, verbose=verbosity(args) >= VERBOSE
        )
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise CommandError(
                f"port {args.port} on {args.host} is already in use: choose another with "
                "--port (0 picks a free one)"
            ) from None
        raise CommandError(f"cannot serve on {args.host}:{args.port}: {error.strerror}") from None
    print(f"sample web on http://{args.host}:{server.port}/ (Ctrl-C to stop)")
    for host in server.web.hosts():
        print(f"  http://{host}.localhost:{server.port}/")
    print(f"crawl it with: scrapy crawl <source> -a sample_port={server.port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
