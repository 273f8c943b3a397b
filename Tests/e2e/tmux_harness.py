"""What the end-to-end scripts in this folder share: the academy binary and modules, tmux on a socket
of the run, a player in a tmux pane, and the runner that calls each test_* function.

Python's standard library and tmux only; every wait is bounded. The scripts import this module from
their own directory (it is on sys.path when one runs `python3 Tests/e2e/test_player.py`).
"""
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ACADEMY = os.path.abspath(os.environ.get("ACADEMY_BIN", os.path.join(ROOT, ".build", "debug", "academy")))
MODULES = os.path.join(ROOT, "Modules")
TIMEOUT = 10.0


class Failure(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failure(message)


class Tmux:
    """tmux on a server of its own (`-L socket`) and without the user's configuration; call it with tmux's arguments."""

    def __init__(self, socket):
        self.socket = socket

    def __call__(self, *args, check=True):
        result = subprocess.run(["tmux", "-u", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True, text=True, timeout=10)
        if check and result.returncode != 0:
            raise Failure(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout


class Pane:
    """A tmux session `name` whose files are in `work`. `Pane(tmux, name, work)` reads and types into a
    session that is already there; `start` runs a command in a new one."""

    count = 0
    # The file the shell writes last, once the command exited (see `start`).
    exit_file = "stty-after"

    def __init__(self, tmux, name, work):
        self.tmux = tmux
        self.name = name
        self.work = work

    @staticmethod
    def next_name(prefix):
        """A session name not used before in this run: `prefix` and a number."""
        Pane.count += 1
        return f"{prefix}{Pane.count}"

    def start(self, command, env, width=100, height=30, after=""):
        """Runs the shell words `command` in `work` with `env` exported; the shell records the terminal
        before and after (stty-before, stty-after) and the exit status (status), then runs `after`
        (shell words ending in "; ") and keeps the pane open."""
        environment = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", **env}
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in environment.items())
        script = (
            f"cd {shlex.quote(self.work)}; export {exports}; stty -a > stty-before; "
            f"{command}; echo $? > status; stty -a > stty-after; {after}sleep 600"
        )
        self.tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), "sh", "-c", script)

    def screen(self):
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys, literal=False):
        self.tmux("send-keys", "-t", self.name, *(["-l"] if literal else []), *keys)

    def wait_for(self, predicate, what, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            time.sleep(0.05)
        raise Failure(f"timed out waiting for {what}; the screen was:\n{screen}")

    def wait_text(self, *texts, timeout=TIMEOUT):
        """Waits until every one of `texts` shows (a frame can be caught half drawn: wait for all)."""
        return self.wait_for(lambda screen: all(text in screen for text in texts), " and ".join(map(repr, texts)), timeout)

    def wait_exit(self, timeout=TIMEOUT):
        """The command's exit status, once the shell wrote `exit_file`."""
        path = os.path.join(self.work, self.exit_file)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if os.path.exists(path) and open(path).read().strip():
                return int(open(os.path.join(self.work, "status")).read().strip())
            time.sleep(0.05)
        raise Failure(f"the player did not exit; the screen was:\n{self.screen()}")

    def close(self):
        self.tmux("kill-session", "-t", self.name, check=False)


def open_module_five(pane):
    pane.wait_text("leerKRACHT-academie")
    pane.wait_text("? hulp")
    pane.keys("Down", "Down", "Down", "Down", "Down", "Enter")
    pane.wait_text("Module 5 · De bordsessie: opbouw en rollen")


def tests_in(namespace):
    """The test_* functions of a script's globals(), by name."""
    return [value for name, value in sorted(namespace.items()) if name.startswith("test_")]


def main(tests, tmux, work_prefix):
    """Runs `tests` (only those whose name holds NAME with `-k NAME`), each with a fresh temporary
    directory that `work_prefix` names; prints a line a test and "e2e: N passed, N failed". Returns
    the exit status: 1 when a test failed or tmux or the binary is missing."""
    only = sys.argv[sys.argv.index("-k") + 1] if "-k" in sys.argv else None
    if not shutil.which("tmux"):
        print("e2e: tmux is missing: apt-get install tmux", file=sys.stderr)
        return 1
    if not os.access(ACADEMY, os.X_OK):
        print(f"e2e: no academy binary at {ACADEMY}: run 'swift build' or set ACADEMY_BIN", file=sys.stderr)
        return 1
    passed = failed = 0
    # A session that lives for the whole run, so the server does not exit between tests.
    tmux("new-session", "-d", "-s", "keeper", "sleep 3600")
    try:
        for test in tests:
            if only and only not in test.__name__:
                continue
            work = tempfile.mkdtemp(prefix=work_prefix)
            started = time.monotonic()
            try:
                test(work)
                passed += 1
                print(f"✔ {test.__name__} ({time.monotonic() - started:.1f} s)", flush=True)
            except Exception as error:
                failed += 1
                detail = str(error) if isinstance(error, Failure) else traceback.format_exc()
                print(f"✘ {test.__name__}: {detail}", flush=True)
            finally:
                shutil.rmtree(work, ignore_errors=True)
    finally:
        tmux("kill-server", check=False)
    print(f"e2e: {passed} passed, {failed} failed")
    return 1 if failed else 0
