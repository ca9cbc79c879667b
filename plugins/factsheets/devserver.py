"""The live preview behind `make devserver`: rebuild on change, reload the browser.

Pelican's own `--autoreload --listen` rebuilds but leaves the open page stale.
Here one process watches the content, the theme and the settings file with
watchfiles (what Pelican itself uses), rebuilds in-process, serves the output
and tells every open page to reload through a server-sent event. The reload
script is served from the same origin, so the site's Content-Security-Policy
(scripts and connections from 'self' only) needs no exception. Modules under
plugins/ are imported once: changing them needs a restart.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import watchfiles
from pelican import Pelican
from pelican.log import LimitFilter
from pelican.settings import read_settings

from .generate import BuildStopped
from .plugin import fact_sheets_written
from .shipped import STATIC, template_folders

logger = logging.getLogger(__name__)

SCRIPT_PATH = "/__factsheets/livereload.js"
EVENTS_PATH = "/__factsheets/events"
SCRIPT_TAG = f'<script src="{SCRIPT_PATH}"></script>'.encode()
RELOAD_SCRIPT = b"""// Injected by `factsheets devserver` only; never part of the built site.
const events = new EventSource("/__factsheets/events");
events.addEventListener("reload", () => location.reload());
events.addEventListener("failed", (event) => {
  let banner = document.getElementById("factsheets-build-failed");
  if (!banner) {
    banner = document.createElement("pre");
    banner.id = "factsheets-build-failed";
    banner.setAttribute("role", "alert");
    Object.assign(banner.style, {
      position: "fixed", left: "0", right: "0", bottom: "0", margin: "0", zIndex: "1000",
      maxHeight: "50vh", overflow: "auto", padding: "1em", whiteSpace: "pre-wrap",
      background: "#7a1010", color: "#fff", font: "14px/1.4 monospace",
    });
    document.body.append(banner);
  }
  banner.textContent = "The last build failed; this page is the last good one.\\n\\n" + event.data;
});
"""
KEEPALIVE_SECONDS = 10


@dataclass
class Reloads:
    """A counter of finished builds that open pages wait on, and why the last one failed."""

    generation: int = 0
    failure: str | None = None
    condition: threading.Condition = field(default_factory=threading.Condition)

    def announce(self, failure: str | None = None) -> None:
        with self.condition:
            self.generation += 1
            self.failure = failure
            self.condition.notify_all()

    def event(self) -> bytes:
        """The server-sent event for the latest build."""
        if self.failure is None:
            return b"event: reload\ndata: rebuilt\n\n"
        lines = "".join(f"data: {line}\n" for line in self.failure.splitlines())
        return f"event: failed\n{lines}\n".encode()

    def wait_after(self, generation: int, timeout: float) -> int:
        with self.condition:
            self.condition.wait_for(lambda: self.generation != generation, timeout)
            return self.generation


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder, with the reload script added to every HTML page."""

    def __init__(self, *args, reloads: Reloads, **kwargs) -> None:
        self.reloads = reloads  # set first: the base class handles the request in __init__
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        # A reload must fetch the rebuilt page, never a cached copy.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        if self.path == SCRIPT_PATH:
            self._send(200, "text/javascript", RELOAD_SCRIPT)
        elif self.path == EVENTS_PATH:
            self._stream_reloads()
        else:
            self._send_page()

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_page(self) -> None:
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                super().do_GET()  # redirects to the address with a slash
                return
            target = target / "index.html"
        if target.suffix != ".html" or not target.is_file():
            missing = not target.exists()
            page_404 = Path(self.directory) / "404.html"
            if missing and page_404.is_file():
                self._send(404, "text/html; charset=utf-8", with_reload_script(page_404))
            else:
                super().do_GET()
            return
        self._send(200, "text/html; charset=utf-8", with_reload_script(target))

    def _stream_reloads(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = self.reloads.generation
        try:
            # A page opened after a failed build learns of it at once.
            opening = self.reloads.event() if self.reloads.failure else b": connected\n\n"
            self.wfile.write(opening)
            self.wfile.flush()
            while True:
                current = self.reloads.wait_after(seen, KEEPALIVE_SECONDS)
                message = self.reloads.event() if current != seen else b": -\n\n"
                seen = current
                self.wfile.write(message)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, format: str, *args) -> None:
        logger.debug("devserver: " + format, *args)


_SAVED_DURING_BUILD = "changed while building"


class ErrorCollector(logging.Handler):
    """The error messages of one build, for the pages open in the browser."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def with_reload_script(page: Path) -> bytes:
    html = page.read_bytes()
    at = html.lower().find(b"</head>")
    return html if at < 0 else html[:at] + SCRIPT_TAG + html[at:]


def digest(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


class Preview:
    """Build, serve, watch, rebuild: the loop of one `factsheets devserver`."""

    def __init__(self, settings_file: Path, overrides: dict) -> None:
        self.settings_file = settings_file.resolve()
        self.overrides = overrides
        self.settings = self._read_settings()
        self.reloads = Reloads()
        # Fact sheets the build itself rewrote, with their new content: their
        # change events are the build's echo, not an editor's edit.
        self.own_writes: dict[str, str | None] = {}
        fact_sheets_written.connect(self._remember_writes)

    def _read_settings(self) -> dict:
        return read_settings(str(self.settings_file), override=self.overrides)

    def _remember_writes(self, sender, paths) -> None:
        for path in paths:
            resolved = str(Path(path).resolve())
            self.own_writes[resolved] = digest(resolved)

    def build(self, retries: int = 3) -> None:
        """One Pelican build, then tell open pages: reload, or why it failed.

        After a failure the last good site stays served. When an editor saved a sheet while
        it was being built (the build stopped, writing nothing), it builds again at once: the
        save is the newer state, and it may have come before the watcher was listening.
        """
        started = time.perf_counter()
        # Pelican logs a repeated message once per process; each rebuild must
        # report its own warnings, as a fresh `make html` would.
        LimitFilter._raised_messages.clear()
        errors = ErrorCollector()
        logging.getLogger().addHandler(errors)
        try:
            self.settings = self._read_settings()
            Pelican(self.settings).run()
        except BuildStopped as stopped:
            if retries and any(_SAVED_DURING_BUILD in p for p in stopped.problems):
                logging.getLogger().removeHandler(errors)
                logger.info("devserver: a fact sheet was saved during the build; building again")
                self.build(retries - 1)
                return
            errors.messages[:0] = [f"factsheets: {problem}" for problem in stopped.problems]
            failed = True
        except SystemExit:
            failed = True
        except Exception as error:  # noqa: BLE001 - a broken template must not stop the preview
            logger.error("devserver: %s: %s", type(error).__name__, error)
            failed = True
        else:
            failed = False
        finally:
            logging.getLogger().removeHandler(errors)
        if failed:
            logger.error("devserver: build failed (see above); still serving the last good build")
            self.reloads.announce("\n".join(errors.messages) or "see the terminal")
            return
        logger.info("devserver: built in %.1f s", time.perf_counter() - started)
        self.reloads.announce()

    def watched_paths(self) -> list[str]:
        paths = [self.settings["PATH"], self.settings["THEME"], str(self.settings_file)]
        # the plugin's own templates and static files too: they are read at every build
        paths += [str(folder) for folder in template_folders(self.settings)] + [str(STATIC)]
        return list(dict.fromkeys(path for path in paths if Path(path).exists()))

    def edits(self, changes: set[tuple[watchfiles.Change, str]]) -> list[str]:
        """The changed paths, minus the fact sheets the last build wrote itself."""
        edited = []
        for _, path in sorted(changes, key=lambda change: change[1]):
            if path in self.own_writes and self.own_writes[path] == digest(path):
                continue
            self.own_writes.pop(path, None)
            edited.append(path)
        return edited

    def serve(self, bind: str, port: int) -> http.server.ThreadingHTTPServer:
        handler = functools.partial(
            PreviewHandler, directory=self.settings["OUTPUT_PATH"], reloads=self.reloads
        )
        server = http.server.ThreadingHTTPServer((bind, port), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    def watch(self, stop: threading.Event | None = None) -> None:
        for changes in watchfiles.watch(
            *self.watched_paths(), watch_filter=preview_filter, debounce=300, stop_event=stop
        ):
            edited = self.edits(changes)
            if not edited:
                continue
            names = ", ".join(self._display(path) for path in edited[:3])
            more = f" and {len(edited) - 3} more" if len(edited) > 3 else ""
            logger.info("devserver: changed: %s%s; rebuilding", names, more)
            self.build()

    def _display(self, path: str) -> str:
        try:
            return str(Path(path).relative_to(Path.cwd()))
        except ValueError:
            return path


# Files editors' tools write and remove around a save: sed -i's "sedAbC123", vim's "4913"
# probe and swap files, emacs's "#name#", backups ending in "~"; and the store's `.name.tmp`.
_TEMPORARY_SUFFIXES = (".swp", ".swx", ".tmp", "~")


def preview_filter(change: watchfiles.Change, path: str) -> bool:
    """Skip hidden and temporary files: only a saved file is an edit worth a rebuild."""
    name = Path(path).name
    temporary = (
        name.startswith((".", "#"))
        or name.endswith(_TEMPORARY_SUFFIXES)
        or ("." not in name and not Path(path).is_dir())  # sed -i, vim's 4913: no suffix
    )
    return not temporary and watchfiles.DefaultFilter()(change, path)
