"""Checks of the built folder: its executable run as a person would (headless), and the shipped desktop files."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

from bundle_contents import PACKAGE_DATA_FOLDERS

WORKER_FILE_BYTES = 1024 * 1024  # well past the size the window reads in a worker process (512 KB)
SIGNS_OF_A_CRASH = ("Traceback (most recent call last)", "ModuleNotFoundError", "ImportError",
                    "Failed to execute script", "Segmentation fault")
MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-", ".svg": b"<?xml"}


@dataclass
class Report:
    """What passed and what failed, printed as it goes."""

    failures: list[str] = field(default_factory=list)
    passed: int = 0

    def check(self, name: str, problem: str | None) -> bool:
        if problem:
            self.failures.append(name)
            print(f"FAIL  {name}\n      {problem.strip()}".replace("\n", "\n      "), flush=True)
            return False
        self.passed += 1
        print(f"ok    {name}", flush=True)
        return True


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    def problem(self, expected_code: int = 0) -> str | None:
        """Why this run failed: its exit code, or a crash in its stderr; None when it did not."""
        crash = next((sign for sign in SIGNS_OF_A_CRASH if sign in self.stderr), None)
        if self.code == expected_code and crash is None:
            return None
        why = f"exit code {self.code}" if self.code != expected_code else f"'{crash}' on stderr"
        return f"{why}\nstdout: {self.stdout.strip()[-1500:]}\nstderr: {self.stderr.strip()[-3000:]}"


def run(command: list[str], timeout: float = 120, env: dict[str, str] | None = None) -> Run:
    """Run a command in its own process group, killed whole (worker processes too) when it overruns."""
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                          start_new_session=True) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            return Run(-1, stdout, f"timed out after {timeout:.0f} s\n{stderr}")
    return Run(process.returncode, stdout, stderr)


def headless_environment(data_dir: Path) -> dict[str, str]:
    """No display: Qt's offscreen platform, and a data folder of the check's own, never the person's."""
    environment = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return {**environment, "QT_QPA_PLATFORM": "offscreen", "ROADMAP_APP_DATA_DIR": str(data_dir)}


class AppChecks:
    """The built executable, run with a data folder in a temporary folder."""

    def __init__(self, app_folder: Path, package_source: Path, version: str, report: Report, scratch: Path):
        self.app_folder = app_folder
        self.executable = app_folder / "roadmap-app"
        self.bundled_package = app_folder / "_internal" / "roadmap_app"
        self.package_source = package_source
        self.version = version
        self.report = report
        self.scratch = scratch

    def all(self) -> None:
        self.version_is_printed()
        self.data_folders_landed()
        self.no_dangling_links()
        roadmaps = sorted((self.bundled_package / "roadmaps").glob("*.roadmap.*"))
        for roadmap in roadmaps:
            self.report.check(f"validate {roadmap.name} (inside the build)", self.app(["validate", str(roadmap)])
                              .problem())
        self.window_paints_first_frame()
        if roadmaps:
            self.big_file_is_read_in_a_worker(roadmaps[0])
            self.commands_draw_and_plan(roadmaps[0])
        self.window_on_x11()
        self.desktop_entry_installs()
        self.programs_it_starts_get_the_system_libraries()

    def app(self, arguments: list[str], data_dir: Path | None = None, timeout: float = 120) -> Run:
        folder = data_dir or self.scratch / "data"
        return run([str(self.executable), "--data-dir", str(folder), *arguments], timeout, headless_environment(folder))

    def version_is_printed(self) -> None:
        done = self.app(["--version"])
        expected = f"roadmap-app {self.version}"
        self.report.check("--version", done.problem() or (None if done.stdout.strip() == expected else
                                                           f"printed {done.stdout.strip()!r}, not {expected!r}"))

    def data_folders_landed(self) -> None:
        """Every file of the package's data folders is in the build, at the same place under roadmap_app/."""
        missing = [str(path.relative_to(self.package_source))
                   for folder in PACKAGE_DATA_FOLDERS for path in (self.package_source / folder).rglob("*")
                   if path.is_file() and "__pycache__" not in path.parts
                   and not (self.bundled_package / path.relative_to(self.package_source)).is_file()]
        self.report.check("data folders in the build (roadmaps, resources, migrations, icons)",
                          f"missing under _internal/roadmap_app: {', '.join(missing)}" if missing else None)

    def window_paints_first_frame(self) -> None:
        """The window on an empty data folder: the migrations make the progress database, then the first frame."""
        folder = self.scratch / "first-start"
        done = self.app(["gui", "--smoke-test"], folder)
        problem = done.problem() or (None if "first frame painted" in done.stdout else "no first frame")
        if problem is None:
            problem = _migrated(folder / "progress.sqlite3")
        self.report.check("window offscreen: first frame on an empty data folder, database migrated", problem)

    def big_file_is_read_in_a_worker(self, roadmap: Path) -> None:
        """A big file is read in a worker process (multiprocessing, spawn): the frozen app must start one."""
        big = self.scratch / "big.roadmap.yaml"
        padding = "# padding, so that the window reads this file in a worker process\n"
        text = roadmap.read_text(encoding="utf-8")
        big.write_text(text + padding * (WORKER_FILE_BYTES // len(padding) + 1), encoding="utf-8")
        folder = self.scratch / "big-file"
        done = self.app(["gui", str(big), "--smoke-test"], folder)
        problem = done.problem()
        settings = folder / "settings.ini"
        if problem is None and str(big.resolve()) not in (settings.read_text() if settings.exists() else ""):
            problem = f"the window did not show {big.name} (read in a worker process)\nstderr: {done.stderr}"
        self.report.check("window offscreen: a 1 MB roadmap read in a worker process", problem)

    def commands_draw_and_plan(self, roadmap: Path) -> None:
        """Progress through the CLI, then charts (matplotlib), map images (Qt offscreen) and a calendar plan."""
        folder = self.scratch / "commands"
        first_skill = _first_node_id(roadmap)
        for arguments in (["mark", str(roadmap), first_skill, "done"], ["log", str(roadmap), first_skill, "90"]):
            self.report.check(" ".join(["roadmap-app", arguments[0], roadmap.name, *arguments[2:]]),
                              self.app(arguments, folder).problem())
        for suffix in MAGIC:
            for command in (["chart", str(roadmap), "burnup"], ["export-image", str(roadmap)]):
                output = folder / f"{command[0]}{suffix}"
                done = self.app([*command, "-o", str(output)], folder)
                self.report.check(f"roadmap-app {command[0]} ... -o {output.name}",
                                  done.problem() or _starts_with(output, MAGIC[suffix]))
        plan = folder / "plan.ics"
        done = self.app(["plan", str(roadmap), "--hours-per-week", "6", "--format", "ics", "-o", str(plan)], folder)
        self.report.check("roadmap-app plan ... --format ics", done.problem() or _starts_with(plan, b"BEGIN:VCALENDAR"))
        done = self.app(["stats", str(roadmap), "--json"], folder)
        self.report.check("roadmap-app stats ... --json", done.problem() or _json_problem(done.stdout))

    def window_on_x11(self) -> None:
        """The window on a real X server (Xvfb): the xcb platform plugin and the libraries it loads."""
        if not shutil.which("xvfb-run"):
            print("skip  window on X11: xvfb-run is not installed (Debian: apt-get install xvfb xauth)", flush=True)
            return
        folder = self.scratch / "x11"
        environment = {key: value for key, value in os.environ.items()
                       if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
        done = run(["xvfb-run", "--auto-servernum", "--server-args=-screen 0 1280x800x24", str(self.executable),
                    "--data-dir", str(folder), "gui", "--smoke-test"], 120, environment)
        self.report.check("window on X11 (Xvfb, the xcb plugin): first frame",
                          done.problem() or (None if "first frame painted" in done.stdout else "no first frame"))

    def no_dangling_links(self) -> None:
        dangling = sorted(str(path.relative_to(self.app_folder)) for path in self.app_folder.rglob("*")
                          if path.is_symlink() and not path.exists())
        self.report.check("no link in the build points to nothing", ", ".join(dangling) if dangling else None)

    def programs_it_starts_get_the_system_libraries(self) -> None:
        """The bootloader points LD_LIBRARY_PATH at the bundle; a program the app starts (xdg-open, the desktop's
        cache tools) must get the person's own value back, or it would load the bundle's copies of glib & co."""
        tools = self.scratch / "fake-tools"
        tools.mkdir(exist_ok=True)
        seen = self.scratch / "seen-library-path"
        fake = tools / "update-mime-database"
        fake.write_text(f'#!/bin/sh\nprintf %s "${{LD_LIBRARY_PATH-(unset)}}" > "{seen}"\n')
        fake.chmod(0o755)
        problems = []
        for given in (None, "/opt/own-libraries"):
            environment = {**headless_environment(self.scratch / "data"), "XDG_DATA_HOME": str(self.scratch / "env"),
                           "PATH": f"{tools}{os.pathsep}{os.environ.get('PATH', '')}"}
            environment.pop("LD_LIBRARY_PATH", None)
            if given:
                environment["LD_LIBRARY_PATH"] = given
            seen.unlink(missing_ok=True)
            done = run([str(self.executable), "install-desktop"], 120, environment)
            expected = given or "(unset)"
            got = seen.read_text() if seen.exists() else "(the tool did not run)"
            problems.append(done.problem() or (None if got == expected else f"a program started by the app saw "
                                                                             f"LD_LIBRARY_PATH={got}, not {expected}"))
        self.report.check("programs the app starts get the system's libraries, not the bundle's",
                          "; ".join(p for p in problems if p) or None)

    def desktop_entry_installs(self) -> None:
        """install-desktop from the build: an entry that starts this executable and validates; uninstall removes it."""
        share = self.scratch / "share"
        environment = {**headless_environment(self.scratch / "data"), "XDG_DATA_HOME": str(share)}
        installed = run([str(self.executable), "install-desktop"], 120, environment)
        entry = next((share / "applications").glob("*.desktop"), None) if share.is_dir() else None
        problem = installed.problem() or (None if entry else "no desktop entry written")
        if problem is None and entry is not None:
            exec_line = next((line for line in entry.read_text().splitlines() if line.startswith("Exec=")), "")
            if not exec_line.startswith(f"Exec={self.executable.resolve()}"):
                problem = f"the entry does not start this build: {exec_line}"
            problem = problem or _validator(["desktop-file-validate", str(entry)])
        if problem is None:
            removed = run([str(self.executable), "uninstall-desktop"], 120, environment)
            left = [path.name for path in share.rglob(f"{entry.stem if entry else '?'}*") if path.is_file()]
            problem = removed.problem() or (f"left behind: {', '.join(left)}" if left else None)
        self.report.check("install-desktop / uninstall-desktop from the build", problem)


def check_desktop_files(resources: Path, report: Report, scratch: Path) -> None:
    """The shipped desktop entry, AppStream metainfo and file-type definition, through their validators."""
    desktop = next(resources.glob("*.desktop"), None)
    metainfo = next(resources.glob("*.metainfo.xml"), None)
    mime = next(resources.glob("*.mime.xml"), None)
    if desktop is None or metainfo is None or mime is None:
        report.check("desktop files in the build", f"a desktop entry, metainfo and mime XML are needed in {resources}")
        return
    report.check(f"desktop-file-validate {desktop.name}", _validator(["desktop-file-validate", str(desktop)]))
    report.check(f"appstreamcli validate {metainfo.name}",
                 _validator(["appstreamcli", "validate", "--no-net", "--explain", str(metainfo)]))
    report.check(f"update-mime-database with {mime.name}", _mime_problem(mime, scratch / "mime"))


def _validator(command: list[str]) -> str | None:
    done = run(command, timeout=60)
    return None if done.code == 0 else f"exit code {done.code}\n{done.stdout}{done.stderr}"


def _mime_problem(mime: Path, database: Path) -> str | None:
    """update-mime-database exits 0 even on a file it cannot parse: read its messages and the globs it wrote."""
    try:
        globs = [element.get("pattern", "") for element in ElementTree.parse(mime).iter()
                 if element.tag.endswith("}glob")]
    except ElementTree.ParseError as error:
        return f"not well-formed XML: {error}"
    (database / "packages").mkdir(parents=True)
    shutil.copy(mime, database / "packages")
    done = run(["update-mime-database", str(database)], 60, {**os.environ, "XDG_DATA_DIRS": str(database)})
    written = (database / "globs2").read_text() if (database / "globs2").exists() else ""
    unknown = [pattern for pattern in globs if f":{pattern}\n" not in written]
    if done.code != 0 or "Failed to parse" in done.stderr or "error" in done.stderr.lower() or unknown or not globs:
        return f"exit code {done.code}; patterns not registered: {unknown or 'none found'}\n{done.stderr}"
    return None


def _migrated(database: Path) -> str | None:
    """None when the database exists with Alembic's record of the migration it is at."""
    if not database.is_file():
        return f"no progress database at {database}"
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        try:
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlite3.Error as error:
            return f"the progress database has no migration record: {error}"
    return None if rows else "the progress database records no migration"


def _first_node_id(roadmap: Path) -> str:
    """The first `- id:` or `- {id:` under nodes:, read as text (the check imports nothing of the app)."""
    in_nodes = False
    for line in roadmap.read_text(encoding="utf-8").splitlines():
        if line.startswith("nodes:"):
            in_nodes = True
        elif in_nodes and line.lstrip().startswith(("- id:", "- {id:")):
            return line.split("id:", 1)[1].split(",")[0].strip().strip("\"'}")
    return "unknown-node"


def _starts_with(path: Path, magic: bytes) -> str | None:
    if not path.is_file():
        return f"{path.name} was not written"
    head = path.read_bytes()[:len(magic)]
    return None if head == magic else f"{path.name} starts with {head!r}, not {magic!r}"


def _json_problem(text: str) -> str | None:
    try:
        json.loads(text)
    except ValueError as error:
        return f"not JSON: {error}"
    return None


def run_all(app_folder: Path, package_source: Path, version: str, report: Report) -> None:
    """Every check, in a temporary folder removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="roadmap-app-check-") as scratch:
        AppChecks(app_folder, package_source, version, report, Path(scratch)).all()
        check_desktop_files(app_folder / "_internal" / "roadmap_app" / "resources", report, Path(scratch))
