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
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uisession import Session as BaseSession, check, components, dependencies, log, run_main  # noqa: E402


class Session(BaseSession):
    def __init__(self, app, workdir):
        super().__init__(app, workdir)
        self.document = os.path.join(workdir, "gestures.archlane")
        self.window = None
        self.origin = (0, 0)

    def start(self):
        self.start_x()
        self.launch(self.document)
        out = self.xdotool("search", "--sync", "--onlyvisible", "--name", "gestures")
        self.window = out.split()[0]
        self.wait_probe(lambda p: p.get("cards"))
        geometry = self.xdotool("getwindowgeometry", "--shell", self.window)
        values = dict(line.split("=", 1) for line in geometry.split() if "=" in line)
        self.origin = (int(values["X"]), int(values["Y"]))
        log("window", self.window, "at", self.origin)

    def wait_probe(self, predicate, timeout=10.0):
        return self.wait(predicate, "the window shows the expected state", timeout)

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

    def save_and_read(self):
        return super().save_and_read(self.document,
                                     lambda: self.xdotool("key", "--window", self.window, "ctrl+s"))


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


def copy_and_run(session, srcdir):
    shutil.copy(os.path.join(srcdir, "tests", "ui", "gestures.archlane"), session.document)
    session.start()
    run(session)


def main():
    return run_main("gestures", __doc__, copy_and_run, Session)


if __name__ == "__main__":
    sys.exit(main())
