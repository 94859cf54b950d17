#!/usr/bin/env python3
"""Builds a small mixed-architecture system with the keyboard alone
(xdotool key/type, no pointer event) on its own Xvfb server, starting
from an empty document: saves it through the file chooser, adds an arm64
lane from the main menu (F10), inserts MySQL and a web front end from the
palette search (Ctrl+F), moves the web front end to the other lane with
the inspector's lane row, selects it on the canvas with the arrow keys
and links it to MySQL (L, type, Enter). Every step is undone and redone
(Ctrl+Z, Ctrl+Shift+Z) and the saved file (Ctrl+S) is checked after each.
Then the application is started again, the file is opened through the
file chooser (Ctrl+O, Ctrl+L) and saved again: it must be identical.

The app is started with settings in a private key file: the first launch
is over (so no sample opens) and new documents have an amd64 lane only.
What has the keyboard focus, the document state and which windows are
open come from the file the app writes when ARCHLANE_TEST_PROBE is set;
the test waits on it instead of sleeping.

Usage: test-keyboard.py ARCHLANE_EXECUTABLE SOURCE_DIR
Exit 77 (skip) when Xvfb or xdotool is missing.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uisession import Session as BaseSession, check, components, dependencies, log, run_main  # noqa: E402


class Session(BaseSession):
    def start_x(self):
        config = os.path.join(self.workdir, "config")
        settings = os.path.join(config, "glib-2.0", "settings")
        os.makedirs(settings)
        with open(os.path.join(settings, "keyfile"), "w", encoding="utf-8") as f:
            f.write("[io/github/archlane/Archlane]\n"
                    "first-launch-done=true\n"
                    "new-document-arches=['amd64']\n")
        super().start_x(GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=config,
                        XDG_DATA_HOME=os.path.join(self.workdir, "data"))

    def start_app(self):
        self.launch()
        self.wait(lambda p: self.main(p).get("active"), "the window is shown and active")

    @staticmethod
    def main(probe):
        return next((w for w in probe.get("windows", []) if w["type"] == "AlWindow"), {})

    @staticmethod
    def active(probe):
        # Without a window manager nobody gives the keyboard back to the
        # window when a dialog closes (X falls back to the window under
        # the pointer): then the only window is the one typed into.
        windows = probe.get("windows", [])
        if len(windows) == 1:
            return windows[0]
        return next((w for w in windows if w["active"]), {})

    def wait_focus(self, test, what):
        return self.wait(lambda p: test(self.active(p)), what)

    # --- Keys -------------------------------------------------------------
    def key(self, *keys):
        # To whatever has the keyboard focus, as a person's keyboard does.
        for k in keys:
            self.xdotool("key", k)

    def type(self, text):
        self.xdotool("type", "--delay", "20", text)

    def press_until(self, key, test, what, limit=60):
        """Presses @key until the focus satisfies @test."""
        for _ in range(limit):
            if test(self.active(self.read_probe())):
                return
            before = self.active(self.read_probe()).get("focus_path")
            self.key(key)
            # The focus moves (or the key did nothing): wait for the probe.
            try:
                self.wait(lambda p: self.active(p).get("focus_path") != before, what, timeout=2)
            except AssertionError:
                pass
        self.wait_focus(test, what)

    # --- The file -----------------------------------------------------------
    def choose_file(self, path, what):
        """In the file chooser that just opened: type @path and press Enter."""
        self.wait(lambda p: self.active(p).get("type") == "GtkFileChooserDialog",
                  "the file chooser has the keyboard (%s)" % what)
        # Ctrl+L opens the location field (save: focuses the name field);
        # a full path typed there picks the folder and the name at once.
        self.key("ctrl+l")
        self.wait_focus(lambda w: w.get("focus") == "GtkText", "a text field of the chooser")
        self.key("ctrl+a")
        self.type(path)
        self.wait_focus(lambda w: w.get("focus_words") == path, "the chooser says " + path)
        self.key("Return")
        # GTK 4.8's Open chooser starts in Recent; there the first Enter on
        # a typed path only goes to it, a second one opens it.
        try:
            self.wait(lambda p: not any(w["type"] == "GtkFileChooserDialog" for w in p["windows"]),
                      "the file chooser takes the path", timeout=2)
        except AssertionError:
            log("# the chooser is still open after Enter; another Enter")
            self.key("Return")
        self.wait(lambda p: not any(w["type"] == "GtkFileChooserDialog" for w in p["windows"]),
                  "the file chooser is gone (%s)" % what)


def lanes(doc):
    return [l["arch"] for l in doc["lanes"]]


def undo_redo(session, path, undone, redone, what):
    session.key("ctrl+z")
    doc = session.save_and_read(path)
    check(undone(doc), "Ctrl+Z undoes " + what)
    session.key("ctrl+shift+z")
    doc = session.save_and_read(path)
    check(redone(doc), "Ctrl+Shift+Z redoes " + what)
    return doc


def insert_from_palette(session, query, name):
    session.key("ctrl+f")
    session.wait_focus(lambda w: "AlPalette" in w.get("focus_path", []),
                       "Ctrl+F puts the keyboard in the palette search")
    session.type(query)
    session.wait_focus(lambda w: w.get("focus_words") == query, "the search says " + query)
    session.key("Return")
    probe = session.wait(lambda p: name in p["cards"], "%s is on the canvas" % name)
    session.wait_focus(lambda w: w.get("focus") == "AlCanvas",
                       "the canvas has the keyboard after an insert")
    return probe


def run(session, path):
    session.start_app()
    probe = session.read_probe()
    check([l["arch"] for l in probe["lanes"]] == ["amd64"] and probe["cards"] == {}
          and probe["file"] is None, "the app starts on an empty document with one amd64 lane")
    check(session.active(probe).get("focus") == "AlCanvas", "the canvas has the keyboard at start")

    # 1. Save As through the file chooser, so every later step is Ctrl+S.
    session.key("ctrl+shift+s")
    session.choose_file(path, "save as")
    session.wait(lambda p: p["file"] == path and not p["modified"], "the document has its file")
    with open(path, encoding="utf-8") as f:
        check(components(json.load(f)) == {}, "Save As wrote the empty document")

    # 2. Add an arm64 lane from the main menu.
    session.key("F10")
    session.press_until("Down", lambda w: w.get("focus_words") == "Add Lane…",
                        "the main menu's Add Lane item has the keyboard")
    session.key("Return")
    probe = session.wait_focus(lambda w: w.get("type") == "AdwMessageDialog"
                               and "GtkDropDown" in w.get("focus_path", []),
                               "the Add Lane dialog opens on the architecture")
    session.screenshot("add-lane")
    session.key("Tab")
    session.wait_focus(lambda w: "GtkEntry" in w.get("focus_path", []), "Tab reaches the label")
    session.type("ARM")
    session.key("Return")
    session.wait(lambda p: len(p["lanes"]) == 2, "the second lane is there")
    doc = session.save_and_read(path)
    check(lanes(doc) == ["amd64", "arm64"] and doc["lanes"][1]["label"] == "ARM",
          "Enter in the Add Lane dialog adds the arm64 lane labelled ARM")
    undo_redo(session, path, lambda d: len(d["lanes"]) == 1, lambda d: len(d["lanes"]) == 2,
              "adding the lane")
    session.wait(lambda p: len(p["windows"]) == 1, "the dialog is gone")

    # 3. MySQL and a web front end from the palette search.
    probe = insert_from_palette(session, "mysql", "mysql")
    mysql_lane = probe["cards"]["mysql"]["lane"]
    doc = session.save_and_read(path)
    check(components(doc)["mysql"]["image"].startswith("mysql:"),
          "Ctrl+F, “mysql”, Enter inserts a MySQL component")
    undo_redo(session, path, lambda d: "mysql" not in components(d),
              lambda d: "mysql" in components(d), "the MySQL insert")
    insert_from_palette(session, "web", "web")
    doc = session.save_and_read(path)
    check(components(doc)["web"]["image"].startswith("nginx"),
          "Ctrl+F, “web”, Enter inserts a web front end")
    lane_ids = [l["id"] for l in doc["lanes"]]
    web_lane = components(doc)["web"]["lane"]
    other = lane_ids[1] if web_lane == lane_ids[0] else lane_ids[0]
    session.screenshot("inserted")

    # 4. Move the web front end to the other lane with the inspector.
    session.wait(lambda p: p["selection"] == ["web"], "the inserted web front end is selected")
    session.key("F6")
    session.wait_focus(lambda w: "AlInspector" in w.get("focus_path", []),
                       "F6 moves the keyboard from the canvas to the inspector")
    session.press_until("Tab", lambda w: w.get("focus_words") == "Lane"
                        and "AlInspector" in w.get("focus_path", []),
                        "Tab reaches the inspector's Lane row")
    session.key("Return")
    session.wait_focus(lambda w: "GtkPopover" in w.get("focus_path", []),
                       "Enter on the Lane row opens its list")
    session.key("Down" if other == lane_ids[1] else "Up")
    session.key("Return")
    session.wait(lambda p: p["cards"]["web"]["lane"] == other, "web moved to the %s lane" % other)
    doc = session.save_and_read(path)
    check(components(doc)["web"]["lane"] == other,
          "the inspector's Lane row moves web to the %s lane" % other)
    undo_redo(session, path, lambda d: components(d)["web"]["lane"] == web_lane,
              lambda d: components(d)["web"]["lane"] == other, "the lane change")
    check(components(doc)["mysql"]["lane"] == mysql_lane, "mysql stayed where it was")

    # 5. Back to the canvas, select the consumer with the arrow keys, link.
    session.key("shift+F6")
    session.wait_focus(lambda w: w.get("focus") == "AlCanvas", "Shift+F6 goes back to the canvas")
    session.key("Escape")
    session.wait(lambda p: p["selection"] == [], "Escape clears the selection")
    selected = []
    for direction in ("Down", "Up", "Right", "Left", "Up"):
        session.key(direction)
        probe = session.wait(lambda p: p["selection"] and p["selection"] != selected,
                             "an arrow key selects another card")
        selected = probe["selection"]
        if selected == ["web"]:
            break
    check(selected == ["web"], "the arrow keys select web")
    session.key("l")
    session.wait_focus(lambda w: w.get("type") == "AlLinkDialog"
                       and w.get("focus") == "GtkText", "L opens the link dialog on its search")
    session.type("mysql")
    session.screenshot("link-dialog")
    session.key("Return")
    session.wait(lambda p: p["dependencies"] == [["web", "mysql"]], "web depends on mysql")
    session.wait(lambda p: len(p["windows"]) == 1, "the dialog is gone")
    doc = session.save_and_read(path)
    check(dependencies(doc) == [("web", "mysql")], "L, “mysql”, Enter links web → mysql")
    doc = undo_redo(session, path, lambda d: dependencies(d) == [],
                    lambda d: dependencies(d) == [("web", "mysql")], "the link")
    session.screenshot("built")
    check(len({c["lane"] for c in doc["components"]}) == 2,
          "the system spans both architectures")
    with open(path, "rb") as f:
        saved = f.read()

    # 6. Quit, start again, open the file with the keyboard, save: identical.
    session.key("ctrl+q")
    session.proc.wait(10)
    session.start_app()
    session.key("ctrl+o")
    session.choose_file(path, "open")
    probe = session.wait(lambda p: p["file"] == path, "the saved document is open")
    check(sorted(probe["cards"]) == ["mysql", "web"] and probe["dependencies"] == [["web", "mysql"]],
          "the reopened document shows both components and the dependency")
    session.save_and_read(path)
    with open(path, "rb") as f:
        check(f.read() == saved, "saving the reopened document writes the same bytes")


def run_with_file(session, _srcdir):
    session.start_x()
    run(session, os.path.join(session.workdir, "shop.archlane"))


def main():
    return run_main("keyboard", __doc__, run_with_file, Session)


if __name__ == "__main__":
    sys.exit(main())
