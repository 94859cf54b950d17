#!/usr/bin/env python3
"""Drives the archlane window with real pointer and key events (xdotool) on
its own Xvfb server, the way a person would: drags palette entries onto each
lane, drags a card into the other lane, links two cards by dragging from the
connector handle, undoes and redoes each gesture, deletes a card, and after
every step saves with Ctrl+S and checks what the saved file says.

Where things are on screen comes from the file the app writes when
ARCHLANE_TEST_PROBE is set (window coordinates of palette rows, lanes, cards
and connector handles, rewritten after every frame that changed them).

Usage: test-gestures.py ARCHLANE_EXECUTABLE SOURCE_DIR
Exit 77 (skip) when Xvfb or xdotool is missing.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77


def log(*args):
    print(*args, flush=True)


class Session:
    def __init__(self, app, document, workdir):
        self.app = app
        self.document = document
        self.workdir = workdir
        self.probe = os.path.join(workdir, "probe.json")
        self.xvfb = None
        self.proc = None
        self.env = None
        self.window = None
        self.origin = (0, 0)

    # --- X server and app -------------------------------------------------
    def start(self):
        read_fd, write_fd = os.pipe()
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24",
             "-nolisten", "tcp"],
            pass_fds=[write_fd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_fd)
        number = b""
        while not number.endswith(b"\n"):
            chunk = os.read(read_fd, 16)
            if not chunk:
                raise RuntimeError("Xvfb did not start")
            number += chunk
        os.close(read_fd)
        self.env = dict(os.environ)
        self.env.update({
            "DISPLAY": ":" + number.decode().strip(),
            "GDK_BACKEND": "x11",
            "GSETTINGS_BACKEND": "memory",
            "GTK_A11Y": "none",
            "ARCHLANE_TEST_PROBE": self.probe,
            "NO_AT_BRIDGE": "1",
        })
        self.env.pop("WAYLAND_DISPLAY", None)
        self.proc = subprocess.Popen([self.app, self.document], env=self.env)
        out = self.xdotool("search", "--sync", "--onlyvisible", "--name", "gestures")
        self.window = out.split()[0]
        self.wait_probe(lambda p: p.get("cards"))
        geometry = self.xdotool("getwindowgeometry", "--shell", self.window)
        values = dict(line.split("=", 1) for line in geometry.split() if "=" in line)
        self.origin = (int(values["X"]), int(values["Y"]))
        log("window", self.window, "at", self.origin)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        if self.xvfb:
            self.xvfb.terminate()
            self.xvfb.wait()

    def xdotool(self, *args):
        result = subprocess.run(["xdotool", *args], env=self.env, capture_output=True,
                                text=True, timeout=30)
        if result.returncode != 0:
            raise RuntimeError("xdotool %s: %s" % (" ".join(args), result.stderr))
        return result.stdout

    def screenshot(self, name):
        if shutil.which("import"):
            path = os.path.join(self.workdir, name + ".png")
            subprocess.run(["import", "-window", "root", path], env=self.env,
                           capture_output=True, timeout=30)
            log("screenshot", path)

    # --- Where things are ---------------------------------------------------
    def read_probe(self):
        try:
            with open(self.probe, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError):
            return {}

    def wait_probe(self, predicate, timeout=10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("archlane exited with %d" % self.proc.returncode)
            probe = self.read_probe()
            if probe and predicate(probe):
                return probe
            time.sleep(0.05)
        raise AssertionError("timed out waiting for the window to show the expected state;"
                             " last probe: %s" % json.dumps(self.read_probe())[:2000])

    def screen(self, point):
        return (int(round(self.origin[0] + point[0])), int(round(self.origin[1] + point[1])))

    def card(self, name):
        probe = self.wait_probe(lambda p: name in p.get("cards", {}))
        return probe["cards"][name]

    def lane(self, lane_id):
        probe = self.wait_probe(lambda p: any(l["id"] == lane_id for l in p.get("lanes", [])))
        return next(l for l in probe["lanes"] if l["id"] == lane_id)

    # --- Gestures -----------------------------------------------------------
    def move(self, point):
        x, y = self.screen(point)
        self.xdotool("mousemove", "--sync", str(x), str(y))

    def drag(self, start, end, steps=12):
        self.move(start)
        time.sleep(0.1)
        self.xdotool("mousedown", "1")
        time.sleep(0.1)
        for i in range(1, steps + 1):
            t = i / steps
            self.move((start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t))
            time.sleep(0.04)
        time.sleep(0.2)
        self.xdotool("mouseup", "1")
        time.sleep(0.3)

    def click(self, point):
        self.move(point)
        self.xdotool("click", "1")
        time.sleep(0.2)

    def key(self, keys):
        self.xdotool("key", "--window", self.window, keys)
        time.sleep(0.3)

    # --- What the file says -------------------------------------------------
    def save_and_read(self):
        before = os.stat(self.document).st_mtime_ns
        self.key("ctrl+s")
        deadline = time.monotonic() + 10
        while os.stat(self.document).st_mtime_ns == before:
            if time.monotonic() > deadline:
                raise AssertionError("Ctrl+S did not save the document")
            time.sleep(0.05)
        with open(self.document, encoding="utf-8") as f:
            return json.load(f)


def components(doc):
    return {c["name"]: c for c in doc["components"]}


def dependencies(doc):
    names = {c["id"]: c["name"] for c in doc["components"]}
    return sorted((names.get(d["from"]), names.get(d["to"])) for d in doc["dependencies"])


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    log("ok -", message)


def run(session):
    probe = session.read_probe()
    palette = probe["palette"]
    check("mysql" in palette and "redis" in palette, "the palette shows MySQL and Redis")

    # 1. Drop a palette entry onto each lane.
    x86 = session.lane("x86")["content"]
    arm = session.lane("arm")["content"]
    drop_x86 = (x86[0] + 420, x86[1] + x86[3] / 2)
    drop_arm = (arm[0] + 420, arm[1] + arm[3] / 2)
    session.drag(palette["mysql"], drop_x86)
    doc = session.save_and_read()
    check(components(doc).get("mysql", {}).get("lane") == "x86",
          "dragging MySQL onto the x86_64 lane creates mysql there")
    session.drag(palette["redis"], drop_arm)
    doc = session.save_and_read()
    check(components(doc).get("redis", {}).get("lane") == "arm",
          "dragging Redis onto the arm64 lane creates redis there")
    session.drag(palette["mysql"], drop_arm)
    doc = session.save_and_read()
    check(components(doc).get("mysql-2", {}).get("lane") == "arm",
          "a second MySQL gets the unique name mysql-2")
    session.screenshot("after-drops")

    # A drop outside every lane is refused: nothing is created, and the
    # next save (after the next gesture) has no mongodb.
    probe = session.read_probe()
    last = probe["lanes"][-1]["content"]
    canvas = probe["canvas"]
    below = (drop_arm[0], last[1] + last[3] + 60)
    if below[1] < canvas[1] + canvas[3] - 10:
        count = len(probe["cards"])
        session.drag(palette["mongodb"], below)
        time.sleep(0.5)
        check(len(session.read_probe()["cards"]) == count,
              "a drop below the last lane creates nothing")
    else:
        log("# the canvas has no room below the last lane; refused drop not tried")

    # 2. Drag a card into the other lane: its architecture changes.
    api = session.card("api")
    arm = session.lane("arm")["content"]
    session.drag(api["center"], (arm[0] + 760, arm[1] + arm[3] / 2))
    doc = session.save_and_read()
    check(components(doc)["api"]["lane"] == "arm", "dragging api into the arm64 lane moves it there")
    check("mongodb" not in components(doc), "the refused drop left no component behind")
    session.key("ctrl+z")
    doc = session.save_and_read()
    check(components(doc)["api"]["lane"] == "x86", "undo puts api back on the x86_64 lane")
    session.key("ctrl+shift+z")
    doc = session.save_and_read()
    check(components(doc)["api"]["lane"] == "arm", "redo moves api to the arm64 lane again")

    # 3. Link two cards by dragging from the connector handle.
    web = session.card("web")
    mysql = session.card("mysql")
    session.drag(web["handle"], mysql["center"])
    doc = session.save_and_read()
    check(("web", "mysql") in dependencies(doc), "dragging web's handle onto mysql links web → mysql")
    session.key("ctrl+z")
    doc = session.save_and_read()
    check(dependencies(doc) == [], "undo removes the dependency")
    session.key("ctrl+shift+z")
    doc = session.save_and_read()
    check(dependencies(doc) == [("web", "mysql")], "redo brings the dependency back")
    session.screenshot("after-link")

    # 4. Delete a card: its dependency goes with it, in one undo step.
    session.click(session.card("mysql")["center"])
    session.key("Delete")
    doc = session.save_and_read()
    check("mysql" not in components(doc) and dependencies(doc) == [],
          "Delete removes mysql and the dependency on it")
    session.key("ctrl+z")
    doc = session.save_and_read()
    check("mysql" in components(doc) and dependencies(doc) == [("web", "mysql")],
          "undo brings mysql and its dependency back")
    session.key("ctrl+shift+z")
    doc = session.save_and_read()
    check("mysql" not in components(doc), "redo deletes mysql again")

    # 5. Undo the drops, newest first.
    session.key("ctrl+z")  # delete
    session.key("ctrl+z")  # link
    session.key("ctrl+z")  # move
    doc = session.save_and_read()
    check(components(doc)["api"]["lane"] == "x86" and dependencies(doc) == [],
          "undoing the delete, the link and the move restores them in order")
    session.key("ctrl+z")
    doc = session.save_and_read()
    check("mysql-2" not in components(doc), "undo removes the last dropped component")
    session.screenshot("final")


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    app, srcdir = sys.argv[1:]
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            print("skipped: %s is not installed" % tool)
            return SKIP
    workdir = tempfile.mkdtemp(prefix="archlane-gestures-")
    document = os.path.join(workdir, "gestures.archlane")
    shutil.copy(os.path.join(srcdir, "tests", "ui", "gestures.archlane"), document)
    session = Session(app, document, workdir)
    try:
        session.start()
        run(session)
    except Exception as error:  # report, keep the screenshot, fail
        session.screenshot("failure")
        print("FAIL:", error)
        return 1
    finally:
        session.stop()
    if not os.environ.get("ARCHLANE_KEEP_TEST_FILES"):
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
