#!/usr/bin/env python3
"""End-to-end tests of the terminal player's remote mode (`academy play --server URL`) in tmux.

Each test starts a real `academy serve` on a random loopback port with a fresh data directory and
one learner, runs the player against it in a detached tmux session (100x30), types with send-keys,
reads the screen with capture-pane, and checks what the server stores (GET /api/v1/me/events) and
what waits in the player's queue ($XDG_STATE_HOME/academy/queue-*.jsonl). The server is stopped
with SIGTERM while the player runs and started again on the same port and data. Python's standard
library and tmux only; every wait is bounded.

    python3 Tests/e2e/test_player_remote.py              # uses .build/debug/academy
    ACADEMY_BIN=path/to/academy python3 Tests/e2e/test_player_remote.py [-k NAME]

The last line is "e2e: N passed, N failed"; the exit status is 1 when any test failed.
"""
import glob
import http.server
import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import tmux_harness
from tmux_harness import ACADEMY, MODULES, TIMEOUT, Failure, expect, open_module_five

tmux = tmux_harness.Tmux(f"academy-e2e-remote-{os.getpid()}")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`academy serve` on a loopback port with its own data directory and learner anna."""

    def __init__(self, work):
        self.data = os.path.join(work, "server-data")
        self.log = os.path.join(work, "server.log")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        added = subprocess.run([ACADEMY, "learners", "add", "anna", "--name", "Anna", "--team", "onderbouw", "--role", "leraar",
                                "--data", self.data, "--json"], capture_output=True, text=True, timeout=30)
        expect(added.returncode == 0, f"academy learners add: {added.stderr}")
        self.token = json.loads(added.stdout)["token"]
        self.process = None
        self.start()

    def start(self):
        log = open(self.log, "a")
        self.process = subprocess.Popen([ACADEMY, "serve", "--port", str(self.port), "--data", self.data, "--modules", MODULES,
                                         "--log-level", "warning"], stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/readyz", timeout=1).read()
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                if self.process.poll() is not None:
                    raise Failure(f"the server exited: {open(self.log).read()[-2000:]}")
                time.sleep(0.1)
        raise Failure("the server did not get ready")

    def stop(self):
        """SIGTERM, as an admin stops it; waits until the port refuses connections."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=20)
        self.process = None

    def events(self):
        request = urllib.request.Request(f"{self.url}/api/v1/me/events", headers={"Authorization": f"Bearer {self.token}"})
        return json.load(urllib.request.urlopen(request, timeout=5))


class Pane(tmux_harness.Pane):
    """One player in a tmux session, in a folder of its own below the test's; the player's stderr goes to `stderr`."""

    def __init__(self, work, command, env, width=100, height=30):
        name = Pane.next_name("r")
        super().__init__(tmux, name, os.path.join(work, name))
        os.makedirs(self.work)
        self.start(f"{command} 2> stderr", env, width, height)

    def footer(self):
        lines = [line for line in self.screen().split("\n")]
        return lines[29] if len(lines) > 29 else ""

    def file(self, name):
        return open(os.path.join(self.work, name)).read()


def environment(work):
    """The player's XDG directories, fresh for each test."""
    return {name: os.path.join(work, folder) for name, folder in
            [("XDG_STATE_HOME", "state"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"), ("HOME", "home")]}


def player(work, server, *arguments, token=True):
    command = [ACADEMY, "play", "--server", server.url, *(["--token", server.token] if token else []), *arguments]
    return Pane(work, " ".join(shlex.quote(part) for part in command), environment(work))


def run(work, *arguments, stdin=None, env=None):
    variables = {**os.environ, "LANG": "C.UTF-8", **environment(work), **(env or {})}
    variables.pop("ACADEMY_TOKEN", None)
    variables.update(env or {})
    return subprocess.run([ACADEMY, *arguments], capture_output=True, text=True, timeout=60, env=variables,
                          input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL)


def queue_events(work):
    """The events waiting in the player's queue files (the header line left out)."""
    events = []
    for path in glob.glob(os.path.join(work, "state", "academy", "queue-*.jsonl")):
        for line in open(path, encoding="utf-8"):
            record = json.loads(line)
            if "format" not in record:
                events.append(record)
    return events


def wait_server_event(server, predicate, what, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    events = []
    while time.monotonic() < deadline:
        events = server.events()
        if any(predicate(event) for event in events):
            return events
        time.sleep(0.1)
    raise Failure(f"the server has no {what}: {events}")


# --- Tests -------------------------------------------------------------------------------------


def test_server_stopped_mid_session(work):
    server = Server(work)
    pane = player(work, server)
    try:
        open_module_five(pane)
        pane.keys("End", "Up", "Enter")
        pane.wait_text("[ ] 1. Leg een vast wekelijks moment vast in het rooster")
        pane.keys("Space")
        pane.wait_text("[x] 1. Leg een vast wekelijks moment vast in het rooster")
        wait_server_event(server, lambda e: e["type"] == "stepChecked" and e["step"] == "bordsessie-moment-vastleggen", "first check")

        server.stop()
        pane.keys("Down", "Space")
        pane.wait_text("[x] 2. Kies een bord en een vaste plek")
        # Captions of the step's video play from the catalog the server gave; 3 s of them.
        pane.keys("Enter")
        pane.wait_text("── ondertiteling", "Het bord inrichten")
        time.sleep(3)
        pane.keys("q")
        pane.wait_text("[x] 2. Kies een bord en een vaste plek")
        screen = pane.wait_for(lambda s: "wachten op de server" in s, "the footer to say events wait")
        expect("server onbereikbaar" in screen, f"the footer says why: {pane.footer()}")
        queued = queue_events(work)
        expect(any(e["type"] == "stepChecked" and e["step"] == "bordsessie-bord-kiezen" for e in queued), f"the check is queued: {queued}")
        expect(any(e["type"] == "videoProgress" and e["video"] == "bordsessie-het-bord" for e in queued), f"the viewing is queued: {queued}")
        count = len(queued)
        expect(f"{count} wachten op de server" in pane.footer(), f"the footer counts {count}: {pane.footer()}")

        server.start()
        pane.wait_for(lambda s: "op de server" not in s, "the queue to drain within 10 s", timeout=10)
        expect(queue_events(work) == [], f"the queue is empty: {queue_events(work)}")
        stored = server.events()
        ids = [event["id"].lower() for event in stored]
        expect(len(ids) == len(set(ids)), f"no event twice on the server: {ids}")
        for event in queued:
            expect(ids.count(event["id"].lower()) == 1, f"queued event {event['id']} is on the server exactly once")

        pane.keys("q", "q", "q")
        status = pane.wait_exit()
        expect(status == 0, f"exit status {status}: {pane.file('stderr')}")
        expect(pane.file("stty-before") == pane.file("stty-after"), "stty -a is unchanged")
    finally:
        pane.close()
        server.stop()


def test_quit_while_down_then_sent_at_next_start(work):
    server = Server(work)
    result = run(work, "play", "--server", server.url, "--token", server.token, "--plain")
    expect(result.returncode == 0 and "Anna" in result.stdout, f"a first start fills the cache: {result.stderr}")
    server.stop()
    pane = player(work, server, "bordsessie-opbouw")
    try:
        # Offline: content from the cache, and the screen says so.
        pane.wait_text("Module 5 · De bordsessie", "onbereikbaar", "cache")
        pane.keys("End", "Up", "Enter")
        pane.wait_text("[ ] 1. Leg een vast wekelijks moment vast in het rooster")
        # Opening the module (moduleStarted) and the check wait.
        pane.keys("Space")
        pane.wait_text("[x] 1. Leg een vast wekelijks moment vast", "2 wachten op de server (server onbereikbaar)")
        pane.keys("q", "q", "q")
        expect(pane.wait_exit() == 0, "exit status 0: the events are safe in the queue")
        stderr = pane.file("stderr")
        expect("2 wachten op de server" in stderr and "queue-" in stderr, f"the learner is told where they wait: {stderr}")
    finally:
        pane.close()
    expect(len([e for e in queue_events(work) if e["type"] == "stepChecked"]) == 1, "the check waits in the queue")
    server.start()
    result = run(work, "play", "--server", server.url, "--token", server.token, "bordsessie-opbouw", "--plain")
    expect(result.returncode == 0 and "[x] bordsessie-moment-vastleggen" in result.stdout, result.stdout[-500:] + result.stderr)
    expect(queue_events(work) == [], "sent at the next start")
    checks = [e for e in server.events() if e["type"] == "stepChecked"]
    expect(len(checks) == 1 and checks[0]["step"] == "bordsessie-moment-vastleggen", f"on the server once: {checks}")
    server.stop()


def test_login_then_play_without_token(work):
    server = Server(work)
    try:
        result = run(work, "login", "--server", f"127.0.0.1:{server.port}", stdin=server.token + "\n")
        expect(result.returncode == 0 and "Ingelogd" in result.stdout and "Anna (anna" in result.stdout, result.stdout + result.stderr)
        login = os.path.join(work, "config", "academy", "login.json")
        expect(os.stat(login).st_mode & 0o777 == 0o600, "login.json is readable by the user alone")
        saved = json.load(open(login))
        expect(saved == {"server": server.url, "token": server.token, "learner": "anna"}, f"login.json: {saved}")

        pane = player(work, server, token=False)
        try:
            pane.wait_text("leerKRACHT-academie", "Anna · leraar")
            pane.keys("q")
            expect(pane.wait_exit() == 0, pane.file("stderr"))
        finally:
            pane.close()
        result = run(work, "check", "bordsessie-bord-kiezen", "--server", server.url)
        expect(result.returncode == 0 and "afgevinkt, opgeslagen" in result.stdout, result.stdout + result.stderr)
        wait_server_event(server, lambda e: e.get("step") == "bordsessie-bord-kiezen", "the check from 'academy check'")
        # `academy next` against the server: the token's learner and track, the server's progress.
        result = run(work, "next", "--server", server.url)
        expect(result.returncode == 0 and result.stdout.startswith("Next: ") and "academy " in result.stdout, result.stdout + result.stderr)
        result = run(work, "next", "--server", server.url, "--json")
        expect(result.returncode == 0 and json.loads(result.stdout)["kind"] in ("video", "step", "module"), result.stdout + result.stderr)
        # Without --server the player stays local, even with a saved login.
        local = run(work, "play", "--plain", "--data", os.path.join(work, "local"), "--modules", MODULES)
        expect(local.returncode == 0 and "0/236 stappen" in local.stdout, local.stdout[:300] + local.stderr)

        result = run(work, "logout")
        expect(result.returncode == 0 and "Uitgelogd" in result.stdout and not os.path.exists(login), result.stdout + result.stderr)
        result = run(work, "play", "--server", server.url, "--plain")
        expect(result.returncode == 1 and "no token for" in result.stderr and "academy login --server" in result.stderr, result.stderr)
        result = run(work, "login", "--server", server.url, "--token", "ak_wrong")
        expect(result.returncode == 1 and "refuses the token (401" in result.stderr, result.stderr)
        expect(not os.path.exists(login), "a refused token is not saved")
    finally:
        server.stop()


def test_bad_input(work):
    server = Server(work)
    try:
        result = run(work, "play", "--server", server.url, "--token", "ak_wrong", "--plain")
        expect(result.returncode == 1 and "refuses the token (401" in result.stderr and "academy login" in result.stderr, result.stderr)
        port = free_port()
        result = run(work, "play", "--server", f"127.0.0.1:{port}", "--token", server.token, "--plain")
        expect(result.returncode == 1 and f"cannot reach http://127.0.0.1:{port} (connection refused)" in result.stderr, result.stderr)
        result = run(work, "play", "--server", "ftp://school.example", "--token", "x", "--plain")
        expect(result.returncode == 64 and "not a server address" in result.stderr, f"{result.returncode} {result.stderr}")
        result = run(work, "play", "--server", server.url, "--token", server.token, "--learner", "bert", "--plain")
        expect(result.returncode == 64 and "not whom the token belongs to ('anna'" in result.stderr, f"{result.returncode} {result.stderr}")
        result = run(work, "play", "--token", "x", "--plain")
        expect(result.returncode == 64 and "--token is for a server" in result.stderr, f"{result.returncode} {result.stderr}")

        # A web server that is not the academy.
        site = os.path.join(work, "site")
        os.makedirs(site)
        open(os.path.join(site, "index.html"), "w").write("<html><body>Welkom op de schoolsite</body></html>")
        handler = lambda *args: http.server.SimpleHTTPRequestHandler(*args, directory=site)  # noqa: E731
        http.server.SimpleHTTPRequestHandler.log_message = lambda *args: None
        other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=other.serve_forever, daemon=True).start()
        try:
            result = run(work, "play", "--server", f"127.0.0.1:{other.server_address[1]}", "--token", "x", "--plain")
            expect(result.returncode == 1 and "is not an academy server" in result.stderr and "check the address" in result.stderr, result.stderr)
        finally:
            other.shutdown()

        # A refused event (a step the server does not know) goes to the refused file, said on stderr.
        result = run(work, "play", "--server", server.url, "--token", server.token, "--plain")
        expect(result.returncode == 0, result.stderr)
        queue = glob.glob(os.path.join(work, "state", "academy", "queue-*.lock"))[0].replace(".lock", ".jsonl")
        header = json.dumps({"format": "academy-event-queue", "learner": "anna", "server": server.url, "version": 1})
        refused = {"id": "6f1b7f5e-0000-4000-8000-000000000001", "type": "stepChecked", "at": "2026-11-29T10:00:00Z", "step": "geen-stap"}
        good = {"id": "6f1b7f5e-0000-4000-8000-000000000002", "type": "stepChecked", "at": "2026-11-29T10:00:01Z",
                "module": "bordsessie-opbouw", "step": "bordsessie-bord-kiezen"}
        # A corrupt line too: set aside, the others kept and sent.
        with open(queue, "w") as file:
            file.write("\n".join([header, json.dumps(refused), "{not an event", json.dumps(good)]) + "\n")
        result = run(work, "play", "--server", server.url, "--token", server.token, "--plain")
        expect(result.returncode == 0, result.stderr)
        expect("apart gezet" in result.stderr and ".corrupt" in result.stderr, f"the corrupt line is reported: {result.stderr}")
        expect("refused 1 event" in result.stderr and ".refused" in result.stderr, f"the refused event is reported: {result.stderr}")
        expect(open(queue.replace(".jsonl", ".corrupt")).read() == "{not an event\n", "the corrupt line is kept aside")
        kept = [json.loads(line) for line in open(queue.replace(".jsonl", ".refused"))]
        expect(kept[0]["event"]["step"] == "geen-stap" and kept[0]["code"] == "E002", f"the refused event and why: {kept}")
        expect(not os.path.exists(queue), "the queue is empty")
        expect([e["id"].lower() for e in server.events()] == [good["id"]], f"the good event is stored: {server.events()}")
    finally:
        server.stop()


def test_watch_gets_the_media_url(work):
    server = Server(work)
    try:
        recorder = os.path.join(work, "recorder")
        with open(recorder, "w") as script:
            script.write(f"#!/bin/sh\nprintf '%s\\n' \"$@\" \"$ACADEMY_TOKEN\" > {shlex.quote(recorder)}.args\nsleep 1.2\n")
        os.chmod(recorder, 0o755)
        result = run(work, "watch", "bordsessie-waarom", "--at", "1:10", "--server", server.url, "--token", server.token,
                     env={"ACADEMY_PLAYER": recorder})
        expect(result.returncode == 0 and "Bekeken van 1:10 tot 1:11; opgeslagen" in result.stdout, result.stdout + result.stderr)
        arguments = open(recorder + ".args").read().split("\n")[:-1]
        expected = ["--start=70", f"{server.url}/media/bordsessie-opbouw/bordsessie-waarom.webm", server.token]
        expect(arguments == expected, f"the player gets the URL, and the token in $ACADEMY_TOKEN: {arguments}")
        watched = [e for e in server.events() if e["type"] == "videoProgress"]
        expect(len(watched) == 1 and watched[0]["segments"][0][0] == 70, f"the viewing is on the server: {watched}")
    finally:
        server.stop()


TESTS = tmux_harness.tests_in(globals())


if __name__ == "__main__":
    sys.exit(tmux_harness.main(TESTS, tmux, work_prefix="academy-e2e-remote-"))
