"""What the xdotool-driven tests of the archlane window share: their own
Xvfb server, the app started with ARCHLANE_TEST_PROBE (the file where the
window says where things are, what has the focus and what the document
holds), xdotool, screenshots, waiting on the probe, and saving with Ctrl+S.
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


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    log("ok -", message)


def components(doc):
    return {c["name"]: c for c in doc["components"]}


def dependencies(doc):
    names = {c["id"]: c["name"] for c in doc["components"]}
    return sorted((names.get(d["from"]), names.get(d["to"])) for d in doc["dependencies"])


class Session:
    def __init__(self, app, workdir):
        self.app = app
        self.workdir = workdir
        self.probe = os.path.join(workdir, "probe.json")
        self.xvfb = None
        self.proc = None
        self.env = None
        self.shots = 0

    # --- X server and app -------------------------------------------------
    def start_x(self, **extra_env):
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
        self.env.update(extra_env)
        self.env.pop("WAYLAND_DISPLAY", None)

    def launch(self, *args):
        if os.path.exists(self.probe):
            os.unlink(self.probe)
        self.proc = subprocess.Popen([self.app, *args], env=self.env)

    def stop_app(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def stop(self):
        self.stop_app()
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
            self.shots += 1
            path = os.path.join(self.workdir, "%02d-%s.png" % (self.shots, name))
            subprocess.run(["import", "-window", "root", path], env=self.env,
                           capture_output=True, timeout=30)
            log("screenshot", path)

    # --- What the app says --------------------------------------------------
    def read_probe(self):
        try:
            with open(self.probe, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError):
            return {}

    def wait(self, predicate, what, timeout=15.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("archlane exited with %d" % self.proc.returncode)
            probe = self.read_probe()
            try:
                if probe and predicate(probe):
                    return probe
            except (KeyError, IndexError, TypeError):
                pass
            time.sleep(0.05)
        raise AssertionError("timed out waiting until %s; last probe: %s"
                             % (what, json.dumps(self.read_probe())[:3000]))

    # --- The file -----------------------------------------------------------
    def save_and_read(self, path, press=None):
        """Presses Ctrl+S and returns what the file says once it changed."""
        before = os.stat(path).st_mtime_ns
        (press or (lambda: self.xdotool("key", "ctrl+s")))()
        deadline = time.monotonic() + 10
        while os.stat(path).st_mtime_ns == before:
            if time.monotonic() > deadline:
                raise AssertionError("Ctrl+S did not save the document")
            time.sleep(0.05)
        self.wait(lambda p: not p["modified"], "the document is saved")
        with open(path, encoding="utf-8") as f:
            return json.load(f)


def run_main(name, doc, run, make_session):
    """The common main(): arguments, skip without the tools, a work folder
    kept on failure, and the exit code meson reads."""
    if len(sys.argv) != 3:
        print(doc)
        return 2
    app, srcdir = sys.argv[1:]
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            print("skipped: %s is not installed" % tool)
            return SKIP
    workdir = tempfile.mkdtemp(prefix="archlane-%s-" % name)
    session = make_session(app, workdir)
    try:
        run(session, srcdir)
    except Exception as error:  # report, keep the screenshots, fail
        session.screenshot("failure")
        print("FAIL:", error)
        print("files kept in", workdir)
        return 1
    finally:
        session.stop()
    if not os.environ.get("ARCHLANE_KEEP_TEST_FILES"):
        shutil.rmtree(workdir, ignore_errors=True)
    return 0
