#!/usr/bin/env python3
"""End-to-end tests of `academy play`, `watch` and `check` in a real terminal (tmux).

Each test starts the player in a detached tmux session (100x30), types with send-keys, reads the
screen with capture-pane, and checks what a teacher would see and what lands in the data
directory's journal. Python's standard library and tmux only; every wait is bounded.

    python3 Tests/e2e/test_player.py              # uses .build/debug/academy
    ACADEMY_BIN=path/to/academy python3 Tests/e2e/test_player.py [-k NAME]

The last line is "e2e: N passed, N failed"; the exit status is 1 when any test failed.
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

import tmux_harness
from tmux_harness import ACADEMY, MODULES, TIMEOUT, Failure, expect, open_module_five

tmux = tmux_harness.Tmux(f"academy-e2e-{os.getpid()}")


class Pane(tmux_harness.Pane):
    """One player in a tmux session, in its own temporary data directory. Its shell writes the
    player's process id to `pid`, and after the player exited, whether the alternate screen is on and
    whether the cursor shows to `modes`; the content cache is the run's $XDG_CACHE_HOME."""

    exit_file = "modes"

    def __init__(self, work, command, width=100, height=30, env=None):
        super().__init__(tmux, Pane.next_name("p"), work)
        self.start(f"sh -c 'echo $$ > pid; exec {command}'", {"XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"], **(env or {})},
                   width, height, after=f"tmux -L {tmux.socket} display -p '#{{alternate_on}} #{{cursor_flag}}' > modes; ")

    def lines(self):
        return self.screen().split("\n")

    def hex(self, data):
        tmux("send-keys", "-t", self.name, "-H", *[f"{byte:02x}" for byte in data])

    def pid(self):
        return int(open(os.path.join(self.work, "pid")).read().strip())


def journal(data):
    path = os.path.join(data, "journal.jsonl")
    if not os.path.exists(path):
        return []
    events = []
    for line in open(path, encoding="utf-8"):
        record = json.loads(line)
        if "event" in record:
            events.append(record["event"])
    return events


def wait_event(data, predicate, what, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [event for event in journal(data) if predicate(event)]
        if found:
            return found
        time.sleep(0.05)
    raise Failure(f"no {what} in {data}/journal.jsonl: {journal(data)}")


def play(work, *arguments, media=None, player_env=None, **kwargs):
    """The player in a pane; `player_env` is set for the player alone (the pane's shell keeps its PATH)."""
    data = os.path.join(work, "data")
    prefix = ["/usr/bin/env", *(f"{key}={value}" for key, value in (player_env or {}).items())] if player_env else []
    command = [*prefix, ACADEMY, "play", *arguments, "--data", data, "--modules", MODULES]
    if media:
        command += ["--media", media]
    return Pane(work, " ".join(shlex.quote(part) for part in command), **kwargs), data


def run(work, *arguments, env=None):
    data = os.path.join(work, "data")
    environment = {**os.environ, "LANG": "C.UTF-8", **(env or {})}
    result = subprocess.run([ACADEMY, *arguments, "--data", data, "--modules", MODULES], capture_output=True, text=True,
                            timeout=30, env=environment, stdin=subprocess.DEVNULL)
    return result, data


def recording_player(work, name="recorder", status=0, seconds=1.5):
    """A stand-in for a video player: writes its arguments to a file, waits, exits with `status`."""
    path = os.path.join(work, name)
    with open(path, "w") as script:
        script.write(f"#!/bin/sh\nprintf '%s\\n' \"$@\" > {shlex.quote(path)}.args\nsleep {seconds}\nexit {status}\n")
    os.chmod(path, 0o755)
    return path


def fake_media(work):
    media = os.path.join(work, "media")
    os.makedirs(os.path.join(media, "bordsessie-opbouw"))
    open(os.path.join(media, "bordsessie-opbouw", "bordsessie-waarom.webm"), "wb").write(b"not really a video")
    return media


def caption_area(screen):
    """The lines between the 'ondertiteling' rule and the position bar."""
    lines = screen.split("\n")
    top = next(index for index, line in enumerate(lines) if "── ondertiteling" in line or "── transcript" in line)
    bottom = next(index for index, line in enumerate(lines) if line.lstrip().startswith(("▶ ", "‖ ")))
    return [line.strip() for line in lines[top + 1:bottom] if line.strip()]


# --- Tests -------------------------------------------------------------------------------------


def test_navigate_to_a_module(work):
    pane, data = play(work)
    try:
        # The totals, "begin here", and module 5 in the list.
        pane.wait_text("▶ Begin hier:", "0/20 modules klaar", " 5 De bordsessie: opbouw en rollen")
        open_module_five(pane)
        # Its videos with durations, and its step plans.
        pane.wait_text("▶ Waarom een bordsessie?", "2:32", "Je eerste bordsessie voorbereiden en houden")
        wait_event(data, lambda e: e["type"] == "moduleStarted" and e["module"] == "bordsessie-opbouw", "moduleStarted")
        pane.keys("q")
        pane.wait_text("▶ Verder waar je was: 5 De bordsessie: opbouw en rollen")
        pane.keys("/")
        pane.keys("nagesprek", literal=True)
        pane.wait_for(lambda s: "\n 12 Het nagesprek" in s and "\n  5 De bordsessie" not in s, "the search to narrow the list")
        pane.keys("Enter", "Enter")
        pane.wait_text("Module 12 · Het nagesprek")
        pane.keys("?")
        pane.wait_text("Toetsen: module")
        pane.keys("Escape", "q", "q")
        expect(pane.wait_exit() == 0, "q on the catalog quits with status 0")
    finally:
        pane.close()


def test_captions_play_in_time(work):
    pane, data = play(work, "bordsessie-opbouw")
    try:
        pane.wait_text("Module 5 · De bordsessie")
        pane.keys("Enter")
        first = pane.wait_text("── ondertiteling")
        pane.wait_text("Ken je dat?")
        before = caption_area(pane.screen())
        time.sleep(3)
        screen = pane.screen()
        after = caption_area(screen)
        expect(after != before, f"the captions changed in 3 s: {before} then {after}")
        expect("Een teamvergadering van" in screen, "the second cue (at 2.2 s) is shown")
        pane.wait_for(lambda s: re.search(r"▶ 0:0[3-5] ", s), "the position bar to show 0:03 to 0:05", timeout=1.5)
        pane.keys("Space")
        pane.wait_text("‖ 0:0")
        events = wait_event(data, lambda e: e["type"] == "videoProgress", "videoProgress after pause")
        segment = events[0]["segments"][0]
        expect(events[0]["video"] == "bordsessie-waarom", "the played video")
        expect(segment[0] == 0 and 2.5 <= segment[1] <= 6, f"the played segment is about 3 s: {segment}")
        pane.keys("Right")
        pane.wait_text("‖ 0:1")
        pane.keys("]")
        pane.wait_text("hoofdstuk 2 van 3")
        pane.keys("+")
        pane.wait_text("1,25×")
        pane.keys("t")
        pane.wait_text("── transcript (t)")
        pane.keys("q")
        pane.wait_text("Module 5 · De bordsessie")
    finally:
        pane.close()


def test_toggle_a_step_is_saved_at_once(work):
    pane, data = play(work, "bordsessie-opbouw")
    try:
        pane.wait_text("Module 5 · De bordsessie")
        pane.keys("End", "Up", "Enter")
        pane.wait_text("[ ] 1. Leg een vast wekelijks moment vast in het rooster")
        pane.keys("Down", "Space")
        pane.wait_text("[x] 2. Kies een bord en een vaste plek")
        found = wait_event(data, lambda e: e["type"] == "stepChecked" and e["step"] == "bordsessie-bord-kiezen", "stepChecked")
        expect(found[0]["module"] == "bordsessie-opbouw", "the event names the module")
        text = open(os.path.join(data, "journal.jsonl"), encoding="utf-8").read()
        expect('"step":"bordsessie-bord-kiezen"' in text and '"type":"stepChecked"' in text, "grep finds it in journal.jsonl")
        pane.keys("Space")
        pane.wait_text("[ ] 2. Kies een bord en een vaste plek")
        wait_event(data, lambda e: e["type"] == "stepUnchecked" and e["step"] == "bordsessie-bord-kiezen", "stepUnchecked")
        pane.keys("x")
        pane.wait_text("1/8 stappen gedaan")
    finally:
        pane.close()
    # A new player on the same data directory shows the step checked.
    pane, _ = play(work, "bordsessie-opbouw")
    try:
        pane.wait_text("1/8 stappen")
    finally:
        pane.close()


def test_resize_redraws(work):
    pane, _ = play(work)
    try:
        pane.wait_text("Lokale leraar · leraar")
        lines = pane.lines()
        expect(lines[0].rstrip().endswith("Lokale leraar · leraar") and len(lines[0].rstrip()) > 90, "the header spans 100 columns")
        tmux("resize-window", "-t", pane.name, "-x", "60", "-y", "20")
        def redrawn(screen):
            lines = screen.split("\n")
            return (lines[0].rstrip().endswith("Lokale leraar · leraar") and len(lines[0].rstrip()) <= 60
                    and len(lines) >= 20 and "? hulp" in lines[19])
        # A frame is written at once, but tmux may show it half drawn: wait for the whole of it.
        screen = pane.wait_for(redrawn, "the header and the footer to be redrawn at 60x20")
        lines = screen.split("\n")
        expect(all(len(line) <= 60 for line in lines), "every line fits 60 columns")
        expect(" 15 Bordsessies in de klas" in screen and " 16 " not in screen, "the list fits the 20 rows")
        tmux("resize-window", "-t", pane.name, "-x", "30", "-y", "10")
        pane.wait_text("Terminal te klein")
        pane.wait_text("30x10")
        tmux("resize-window", "-t", pane.name, "-x", "100", "-y", "30")
        pane.wait_for(lambda s: "Terminal te klein" not in s and "20 Uitbouwen, uitwisselen en verankeren" in s, "the full catalog again")
    finally:
        pane.close()


def test_ctrl_c_restores_the_terminal(work):
    pane, _ = play(work, "bordsessie-opbouw")
    try:
        pane.wait_text("Module 5 · De bordsessie")
        pane.keys("Enter")
        pane.wait_text("── ondertiteling")
        pane.keys("C-c")
        status = pane.wait_exit()
        expect(status == 0, f"Ctrl-C quits cleanly (status {status})")
        before = open(os.path.join(work, "stty-before")).read()
        after = open(os.path.join(work, "stty-after")).read()
        expect(before == after, f"stty -a is the same after:\n{before}\n---\n{after}")
        expect(open(os.path.join(work, "modes")).read().split() == ["0", "1"], "the main screen is back and the cursor shows")
    finally:
        pane.close()


def test_ctrl_z_suspends_and_fg_continues(work):
    data = os.path.join(work, "data")
    name = "jobs"
    tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "30", "env", "-i", f"PATH={os.environ['PATH']}", "TERM=xterm-256color",
         "LANG=C.UTF-8", f"XDG_CACHE_HOME={os.environ.get('XDG_CACHE_HOME', '')}", "PS1=$ ", "bash", "--norc", "--noprofile", "-i")
    pane = tmux_harness.Pane(tmux, name, work)
    try:
        pane.wait_text("$")
        pane.keys(f"cd {shlex.quote(work)}; stty -a > before; {shlex.quote(ACADEMY)} play bordsessie-opbouw --data {shlex.quote(data)} --modules {shlex.quote(MODULES)}", "Enter")
        pane.wait_text("Module 5 · De bordsessie")
        pane.keys("Enter")
        pane.wait_text("Ken je dat?")
        pane.keys("C-z")
        pane.wait_text("Stopped")
        events = wait_event(data, lambda e: e["type"] == "videoProgress", "the captions played before the stop")
        pane.keys("stty -a > during; fg", "Enter")
        pane.wait_text("── ondertiteling")
        pane.wait_text("‖ 0:0")
        expect(open(os.path.join(work, "before")).read() == open(os.path.join(work, "during")).read(), "stopped, the terminal is as it was")
        pane.keys("C-c")
        pane.wait_for(lambda s: s.rstrip().endswith("$"), "the shell prompt after Ctrl-C")
        pane.keys("stty -a > after", "Enter")
        time.sleep(0.3)
        expect(open(os.path.join(work, "before")).read() == open(os.path.join(work, "after")).read(), "and after quitting")
        expect(len(events) >= 1, "progress was recorded")
    finally:
        pane.close()


def test_signals_restore_the_terminal_and_keep_progress(work):
    for signal_name, expected in (("TERM", 143), ("INT", 130), ("HUP", 129)):
        run_dir = tempfile.mkdtemp(dir=work)
        pane, data = play(run_dir, "bordsessie-opbouw")
        try:
            pane.wait_text("Module 5 · De bordsessie")
            pane.keys("Enter")
            pane.wait_text("Ken je dat?")
            time.sleep(1)
            subprocess.run(["kill", f"-{signal_name}", str(pane.pid())], check=True)
            status = pane.wait_exit()
            expect(status == expected, f"SIG{signal_name}: exit status {status}, expected {expected}")
            before = open(os.path.join(run_dir, "stty-before")).read()
            after = open(os.path.join(run_dir, "stty-after")).read()
            expect(before == after, f"SIG{signal_name}: stty -a differs")
            expect(open(os.path.join(run_dir, "modes")).read().split() == ["0", "1"], f"SIG{signal_name}: main screen and cursor back")
            events = [e for e in journal(data) if e["type"] == "videoProgress"]
            expect(events and events[-1]["segments"][-1][1] >= 1, f"SIG{signal_name}: the captions played are recorded: {events}")
        finally:
            pane.close()


def test_crash_restores_the_terminal(work):
    for signal_name, expected in (("SEGV", 139), ("ABRT", 134)):
        run_dir = tempfile.mkdtemp(dir=work)
        # Swift's backtracer reports the crash after the player restored the terminal; not interactively here.
        pane, _ = play(run_dir, env={"SWIFT_BACKTRACE": "interactive=no"})
        try:
            pane.wait_text("? hulp")
            subprocess.run(["kill", f"-{signal_name}", str(pane.pid())], check=True)
            status = pane.wait_exit(timeout=30)
            expect(status == expected, f"SIG{signal_name}: exit status {status}, expected {expected} (the crash is still a crash)")
            before = open(os.path.join(run_dir, "stty-before")).read()
            after = open(os.path.join(run_dir, "stty-after")).read()
            expect(before == after, f"SIG{signal_name}: stty -a differs after the crash")
            expect(open(os.path.join(run_dir, "modes")).read().split() == ["0", "1"], f"SIG{signal_name}: main screen and cursor back")
        finally:
            pane.close()


def test_academy_player_gets_file_and_start(work):
    media = fake_media(work)
    recorder = recording_player(work)
    pane, data = play(work, "bordsessie-opbouw", media=media, env={"ACADEMY_PLAYER": f"{recorder} --fullscreen"})
    try:
        pane.wait_text("Module 5 · De bordsessie")
        pane.keys("Enter")
        pane.wait_text("Ken je dat?")
        time.sleep(1.5)
        pane.keys("o")
        arguments_file = recorder + ".args"
        deadline = time.monotonic() + TIMEOUT
        while not os.path.exists(arguments_file) and time.monotonic() < deadline:
            time.sleep(0.05)
        pane.wait_text("Video bekeken van")
        arguments = open(arguments_file).read().split("\n")[:-1]
        expect(arguments[0] == "--fullscreen", f"the words of ACADEMY_PLAYER come first: {arguments}")
        expect(arguments[1].startswith("--start="), f"then --start=SECONDS: {arguments}")
        start = float(arguments[1][len("--start="):])
        expect(1.0 <= start <= 4, f"the start is where the captions were: {start}")
        expect(arguments[2] == os.path.join(media, "bordsessie-opbouw", "bordsessie-waarom.webm"), f"then the file: {arguments}")
        events = wait_event(data, lambda e: e["type"] == "videoProgress" and e["segments"][0][0] == start, "the player's segment")
        played = events[-1]["segments"][0]
        expect(1.4 <= played[1] - played[0] <= 3.5, f"the time in the player is recorded from the start: {played}")
        pane.wait_text("── ondertiteling")
    finally:
        pane.close()


def test_failing_or_missing_player(work):
    media = fake_media(work)
    failing = recording_player(work, "failing", status=3, seconds=0)
    pane, data = play(work, "bordsessie-opbouw", media=media, env={"ACADEMY_PLAYER": failing})
    try:
        pane.wait_text("Module 5 · De bordsessie")
        pane.keys("o")
        pane.wait_text("stopte met status 3")
        pane.keys("Down")
        pane.wait_for(lambda s: "stopte met status 3" not in s, "the error to go at the next key")
        expect(not [e for e in journal(data) if e["type"] == "videoProgress"], "a failed player records nothing")
    finally:
        pane.close()
    pane, _ = play(work, "bordsessie-opbouw", media=media, player_env={"PATH": "/nonexistent"})
    try:
        pane.wait_text("Module 5 · De bordsessie")
        pane.keys("o")
        # The file's path, and the transcript.
        pane.wait_text("── transcript (t)", "geen videospeler gevonden", "bordsessie-waarom.webm", "0:01  Ken je dat?")
    finally:
        pane.close()


def test_note_in_editor(work):
    editor = os.path.join(work, "editor")
    with open(editor, "w") as script:
        script.write('#!/bin/sh\nfor f in "$@"; do :; done\nprintf "Dinsdag om 8:15 bij het bord\\n" > "$f"\n')
    os.chmod(editor, 0o755)
    pane, data = play(work, "bordsessie-opbouw", env={"EDITOR": editor})
    try:
        pane.wait_text("Module 5 · De bordsessie")
        pane.keys("End", "Up", "Enter")
        pane.wait_text("✎ Nog geen notitie (n)")
        pane.keys("n")
        pane.wait_text("✎ Notitie: Dinsdag om 8:15 bij het bord")
        found = wait_event(data, lambda e: e["type"] == "noteSaved", "noteSaved")
        expect(found[0]["text"] == "Dinsdag om 8:15 bij het bord", f"the note: {found}")
    finally:
        pane.close()
    pane, _ = play(work, "bordsessie-opbouw", env={"EDITOR": "/nonexistent/editor"})
    try:
        pane.wait_text("Module 5 · De bordsessie")
        pane.keys("End", "Up", "Enter")
        pane.wait_text("[ ] 1.")
        pane.keys("n")
        pane.wait_text("is niet gevonden")
    finally:
        pane.close()


def test_another_process_on_the_same_data(work):
    pane, data = play(work, "bordsessie-opbouw")
    try:
        pane.wait_text("Module 5 · De bordsessie")
        pane.keys("End", "Up", "Enter")
        pane.wait_text("[ ] 2. Kies een bord en een vaste plek")
        pane.keys("Down", "Space")
        pane.wait_text("[x] 2. Kies een bord")
        # Meanwhile another process (here: academy check; in a school: the server) records too.
        result, _ = run(work, "check", "bordsessie-moment-vastleggen")
        expect(result.returncode == 0, f"check while the player runs: {result.stderr}")
        pane.keys("q", "q")
        pane.wait_text("Verder waar je was")
        pane.keys("Enter")
        pane.wait_text("2/8 stappen")
        kinds = [(e["type"], e.get("step")) for e in journal(data) if e["type"] == "stepChecked"]
        expect(("stepChecked", "bordsessie-bord-kiezen") in kinds and ("stepChecked", "bordsessie-moment-vastleggen") in kinds, f"{kinds}")
    finally:
        pane.close()


def test_corrupt_progress_file(work):
    result, data = run(work, "check", "bordsessie-bord-kiezen")
    expect(result.returncode == 0, result.stderr)
    with open(os.path.join(data, "journal.jsonl"), "a") as journal_file:
        journal_file.write("{this is not json\n")
    damaged = open(os.path.join(data, "journal.jsonl")).read()
    pane, _ = play(work)
    try:
        # The message names the problem.
        pane.wait_text("Let op:", "unreadable line")
        kept = [name for name in os.listdir(os.path.join(data, "corrupt")) if "journal" in name]
        expect(kept and open(os.path.join(data, "corrupt", kept[0])).read() == damaged, "the original file is kept as it was")
        pane.keys("Down")
        pane.wait_text("Verder waar je was: 5 De bordsessie: opbouw en rollen › Kies een bord")
    finally:
        pane.close()


def test_colours_follow_no_color(work):
    coloured, _ = play(work)
    plain, _ = play(tempfile.mkdtemp(dir=work), env={"NO_COLOR": "1"})
    try:
        for pane in (coloured, plain):
            pane.wait_text("? hulp")
        with_colour = tmux("capture-pane", "-e", "-p", "-t", coloured.name)
        without = tmux("capture-pane", "-e", "-p", "-t", plain.name)
        colour = re.compile(r"\x1b\[[0-9;]*3[0-7][;m]")
        expect(colour.search(with_colour), "colours by default")
        expect(not colour.search(without), "no colours with NO_COLOR")
        expect("\x1b[7m" in without or re.search(r"\x1b\[[0-9;]*7[;m]", without), "reverse video (the selection) stays")
    finally:
        coloured.close()
        plain.close()


def test_garbage_input_is_ignored(work):
    pane, _ = play(work)
    try:
        pane.wait_text("▶ Begin hier:", "? hulp")
        before = pane.screen()
        pane.hex(b"\xff\xfe\xc3\x28\x1b[99~\x1b[?1;2c\x1bOZ\x1b[<0;5;5M\xed\xa0\x80")
        time.sleep(0.3)
        expect(pane.screen() == before, "unknown sequences and invalid UTF-8 change nothing")
        pane.hex(b"\x1bOB\x1b[B")
        pane.hex(b"\x0d")
        pane.wait_text("Module 2 · Ambitie en ritmiek")
    finally:
        pane.close()


def test_plain_mode_and_commands(work):
    result, data = run(work, "play")
    expect(result.returncode == 0, f"play in a pipe: {result.stderr}")
    expect("\x1b" not in result.stdout, "plain mode writes no escape codes")
    expect("Begin hier: 1 Wat is leerKRACHT" in result.stdout and "5  bordsessie-opbouw" in result.stdout, result.stdout[:400])
    result, _ = run(work, "play", "bordsessie-opbouw", "--plain")
    expect("Module 5: De bordsessie: opbouw en rollen (bordsessie-opbouw)" in result.stdout, result.stdout[:200])
    expect("[ ] bordsessie-bord-kiezen" in result.stdout, "steps with ids")

    result, _ = run(work, "check", "bordsessie-bord-kiezen")
    expect(result.returncode == 0 and "[x] Kies een bord en een vaste plek" in result.stdout, result.stdout + result.stderr)
    expect([e for e in journal(data) if e["type"] == "stepChecked" and e["step"] == "bordsessie-bord-kiezen"], "check is in the journal")
    result, _ = run(work, "play", "bordsessie-opbouw", "--plain")
    expect("[x] bordsessie-bord-kiezen" in result.stdout, "plain mode shows the check")
    result, _ = run(work, "check", "bordsessie-bord-kiezen", "--uncheck")
    expect(result.returncode == 0 and "niet meer afgevinkt" in result.stdout, result.stdout)

    result, _ = run(work, "check", "bordsessie-bord-kiezn")
    expect(result.returncode == 64 and "did you mean 'bordsessie-bord-kiezen'" in result.stderr, f"{result.returncode} {result.stderr}")
    result, _ = run(work, "play", "bordsesie-opbouw")
    expect(result.returncode == 64 and "did you mean 'bordsessie-opbouw'" in result.stderr, result.stderr)
    result, _ = run(work, "watch", "bordsessie-waarm")
    expect(result.returncode == 64 and "did you mean 'bordsessie-waarom'" in result.stderr, result.stderr)
    result, _ = run(work, "play", "--learner", "anne")
    expect(result.returncode == 64 and "no learner 'anne'" in result.stderr, result.stderr)

    media = fake_media(work)
    recorder = recording_player(work, seconds=1.2)
    result, _ = run(work, "watch", "bordsessie-waarom", "--at", "1:10", "--media", media, env={"ACADEMY_PLAYER": recorder})
    expect(result.returncode == 0 and "Bekeken van 1:10 tot 1:11" in result.stdout, result.stdout + result.stderr)
    arguments = open(recorder + ".args").read().split("\n")[:-1]
    expect(arguments == ["--start=70", os.path.join(media, "bordsessie-opbouw", "bordsessie-waarom.webm")], f"{arguments}")
    result, _ = run(work, "watch", "bordsessie-waarom", "--media", media, env={"ACADEMY_PLAYER": recorder})
    arguments = open(recorder + ".args").read().split("\n")[:-1]
    expect(arguments[0].startswith("--start=71."), f"without --at it resumes where the last viewing stopped: {arguments}")
    result, _ = run(work, "watch", "bordsessie-waarom", "--transcript")
    expect(result.returncode == 0 and "## Van vergaderen naar samen werken" in result.stdout and " 0:01  Ken je dat?" in result.stdout, result.stdout[:300])
    result, _ = run(work, "watch", "bordsessie-het-bord", "--media", media, env={"PATH": "/nonexistent"})
    expect(result.returncode == 0 and "geen videobestand in" in result.stderr and "Het bord inrichten" in result.stdout, result.stderr)

    environment = {**os.environ, "TERM": "dumb"}
    result = subprocess.run(["script", "-qec", f"{shlex.quote(ACADEMY)} play --data {shlex.quote(data)} --modules {shlex.quote(MODULES)}", "/dev/null"],
                            capture_output=True, text=True, timeout=30, env=environment, stdin=subprocess.DEVNULL) if shutil.which("script") else None
    if result is not None:
        expect("\x1b[?1049h" not in result.stdout and "Voortgang [" in result.stdout, "TERM=dumb on a terminal: plain lines")


TESTS = tmux_harness.tests_in(globals())


def main():
    # The content cache goes to a directory of this run, not the user's.
    cache = tempfile.mkdtemp(prefix="academy-e2e-cache-")
    os.environ["XDG_CACHE_HOME"] = cache
    try:
        return tmux_harness.main(TESTS, tmux, work_prefix="academy-e2e-")
    finally:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
