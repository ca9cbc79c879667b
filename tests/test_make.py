"""The Makefile targets a user runs, run for real."""

import os
import signal
import socket
import subprocess
import time
import urllib.request

from conftest import REPO, build, run


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_make_help_lists_the_quickstart_targets():
    output = run("make", "help", cwd=REPO).stdout
    for target in (
        "html",
        "clean",
        "regenerate",
        "serve",
        "devserver",
        "publish",
        "github",
        "install",
        "test",
        "check",
        "facts",
    ):
        assert f"make {target} " in output


def test_make_serve_serves_output_on_loopback(site):
    build(site)
    port = free_port()
    server = subprocess.Popen(
        [
            "make",
            "-C",
            str(REPO),
            "serve",
            f"PORT={port}",
            f"INPUTDIR={site}/content",
            f"OUTPUTDIR={site}/output",
            f"CONFFILE={site}/pelicanconf.py",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/systems/atacms/") as reply:
                    body = reply.read().decode()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        assert "<h1>ATACMS</h1>" in body
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
