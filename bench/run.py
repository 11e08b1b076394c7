"""trainer's benchmark (issue 8): ``python bench/run.py`` prints medians, ratios against baselines measured in
the same run, and one line per target saying met or not met. See bench/README.md for the figures.

Figures, per synthetic story size (``bench/generate.py``; written to ``bench/out/``, which git ignores), each
size measured in a fresh worker process so that one size's stories never weigh on the next:

- ``compose``: the baseline. Plain ``yaml.compose`` of the file with libyaml's ``CSafeLoader``, GC off, in
  process. Every other figure of the size is also shown as a multiple of it, because these machines are
  noisy and a ratio survives a slow day better than seconds do.
- ``load``: ``trainer.story.load_story(path)`` in process (read, compose, shape check, model build).
- ``check``: ``trainer check FILE`` as a whole process, start-up included: the full check path (load and
  every warning), as an author runs it. ``check memory`` is the peak resident set of that same process
  (``VmHWM`` from ``/proc/self/status`` at exit; ``ru_maxrss`` where there is no ``/proc``), against the peak
  of a process that only composes the file (``compose process``).
- ``explore``: ``trainer.author.explore.explore(story)``, exhaustive, in process (story preloaded).
- ``random x1000``: ``random_playthroughs(story, 1000, seed)`` in process.

Then, once per run:

- ``check of a bundled story``: ``trainer check stories/<largest>.yaml`` as a whole process, against
  ``python -c pass`` (interpreter start-up alone).
- ``explore of bundled stories``: each bundled story, exhaustive, against composing that story.
- ``first frame``: a fresh process building the app with ``trainer.tui.app.make_app`` (the library, as
  ``trainer`` with no story opens it) and running it headless until Textual produces its first frame, against a
  hello-world Textual app in the same conditions; timed from just before the process is spawned to the first
  call of ``App._display`` with a frame.
- ``key → explanation``: Pilot plays whole playthroughs of the largest bundled stories (``make_app`` of each,
  random enabled choices, seeded; the stories' quizzes left with escape); for every choice, the time from
  posting the key press (as the terminal driver does, then only waiting: no Pilot pause or press, which would
  make the app lay out and repaint in the middle of its work) to the first frame from which the text of the
  reading pane no longer changes, once a frame has shown the explanation's first line: an explanation drawn in
  several frames counts at its last. Frames are seen where Textual hands them to the driver and applied to a
  shadow of the screen. Median and worst, wall and CPU (the process's, every thread), against a hello-world
  app whose key press swaps a paragraph of text, measured the same way.

Wall-clock medians of ``--repeat`` runs (default 3; at 50,000 nodes load and check run at most twice and
explore once, to stay under five minutes); CPU seconds are shown beside them, being less sensitive to a busy
machine. ``--quick`` is a smoke run (1,000 nodes, one repeat, one playthrough of the smallest story).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402  (bench/generate.py, beside this file)
import yaml  # noqa: E402

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

OUT = ROOT / "bench" / "out"
SIZES = (1000, 10000, 50000)
MB = 1024 * 1024

# -- measuring -------------------------------------------------------------------------------------------


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


#: CPU seconds of the last ``timed`` call (median): shown beside wall time, as it suffers less from a busy machine.
last_cpu = [0.0]


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Median wall seconds of ``repeat`` calls of ``fn`` (a full collection before each), and the last result;
    the median CPU seconds go to ``last_cpu``."""
    times, cpus, result = [], [], None
    for _ in range(repeat):
        result = None
        gc.collect()
        c, t = time.process_time(), time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    last_cpu[0] = median(cpus)
    return median(times), result


def cpu_note() -> str:
    return f"CPU {last_cpu[0]:.3f} s"


@dataclass
class Proc:
    seconds: float
    maxrss: int  # bytes
    code: int
    output: str
    cpu: float = 0.0  # user + system CPU seconds of the process (less sensitive to a busy machine)


#: Prepended to a ``python -c`` program: at exit, print the process's peak resident set. On Linux this is
#: ``VmHWM`` (the high-water mark of this process's own memory since exec), not ``ru_maxrss``, which Linux
#: carries over exec from the parent that forked the process — here, a parent holding a large story.
PEAK = """
import atexit as _atexit, sys as _sys
def _peak():
    try:
        with open("/proc/self/status") as f:
            kb = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
        peak = kb * 1024
    except (OSError, StopIteration):
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak *= 1 if _sys.platform == "darwin" else 1024
    _sys.stdout.flush()
    print(f"PEAK_RSS {peak}", file=_sys.stderr, flush=True)
_atexit.register(_peak)
"""


def run_process(argv: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> Proc:
    """Run a process to completion: wall time from spawn to exit, CPU time (``os.wait4``), and its peak RSS
    as printed by a ``PEAK`` prelude (0 when the program has none)."""
    t = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=cwd)
    assert p.stdout is not None
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    p.stdout.close()
    text = out.decode("utf-8", "replace")
    peak = 0
    for line in text.splitlines():
        if line.startswith("PEAK_RSS "):
            peak = int(line.split()[1])
    return Proc(seconds, peak, p.returncode, text, usage.ru_utime + usage.ru_stime)


def trainer_argv() -> list[str]:
    """``trainer`` as its console script runs it (import ``trainer.cli``, call ``main``), with the PEAK prelude."""
    return [sys.executable, "-c", PEAK + "import sys\nfrom trainer.cli import main\nsys.exit(main())\n"]


def compose_baseline(text: str, repeat: int) -> float:
    def run() -> None:
        gc.disable()
        try:
            t = time.perf_counter()
            node = yaml.compose(text, Loader=_Loader)
            times.append(time.perf_counter() - t)
        finally:
            gc.enable()
        del node

    times: list[float] = []
    for _ in range(repeat):
        gc.collect()
        run()
    return median(times)


COMPOSE_PROCESS = PEAK + (
    "import gc, sys, yaml\n"
    "gc.disable()\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "yaml.compose(text, Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))\n"
)

# -- results ---------------------------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    value: float
    unit: str  # "s", "ms" or "MB"
    base: float | None = None
    base_name: str = ""
    note: str = ""

    def cells(self) -> list[str]:
        ratio = f"{self.value / self.base:.2f}× {self.base_name}" if self.base else ""
        return [self.name, fmt(self.value, self.unit), ratio, self.note]


def fmt(value: float, unit: str) -> str:
    if value != value:  # NaN
        return "n/a"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value * 1000:.1f} ms"
    if unit == "MB":
        return f"{value / MB:.0f} MB"
    return f"{value:g} {unit}"


@dataclass
class Results:
    rows: dict[str, list[Row]] = field(default_factory=dict)
    figures: dict[str, float] = field(default_factory=dict)  # key -> value, for the target lines
    worker: bool = False  # in a worker process: also print each row as JSON for the parent

    def add(self, section: str, row: Row, key: str = "") -> None:
        self.rows.setdefault(section, []).append(row)
        if key:
            self.figures[key] = row.value
        print(f"  {' | '.join(c for c in row.cells() if c)}", flush=True)
        if self.worker:
            print("ROW " + json.dumps({"section": section, "key": key, **row.__dict__}), flush=True)

    def add_json(self, line: str) -> None:
        data = json.loads(line)
        section, key = data.pop("section"), data.pop("key")
        row = Row(**data)
        self.rows.setdefault(section, []).append(row)
        if key:
            self.figures[key] = row.value


def bench_size_in_worker(n: int, repeat: int, seed: int, results: Results) -> None:
    """``bench_size`` in a fresh process, so that one size's stories and explorations never weigh on the next
    size's figures (memory, collector)."""
    argv = [sys.executable, str(Path(__file__).resolve()), "--worker", str(n), "--repeat", str(repeat),
            "--seed", str(seed)]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("ROW "):
            results.add_json(line[4:])
        else:
            print(line, end="", flush=True)
    if proc.wait() != 0:
        print(f"  (the worker for {n:,} nodes failed with status {proc.returncode})")


def print_table(results: Results) -> None:
    print()
    print("| figure | median | ratio to baseline (same run) | note |")
    print("|---|---|---|---|")
    for section, rows in results.rows.items():
        print(f"| **{section}** | | | |")
        for row in rows:
            print("| " + " | ".join(row.cells()) + " |")


# -- per size --------------------------------------------------------------------------------------------


def bench_size(n: int, repeat: int, seed: int, results: Results) -> None:
    # The 50,000 size runs its slow parts fewer times, to keep the whole run under five minutes.
    slow_repeat = repeat if n < 50000 else min(repeat, 2)
    explore_repeat = repeat if n < 50000 else 1
    from trainer.story import load_story

    section = f"{n:,} nodes"
    t = time.perf_counter()
    path = generate.write(n, OUT, seed)
    text = path.read_text(encoding="utf-8")
    scenes = sum(1 for line in text.splitlines() if line.startswith("  s") and line.endswith(":"))
    print(f"\n{section}: {path.relative_to(ROOT)} ({len(text.encode()) / MB:.1f} MB, {scenes:,} scenes, "
          f"generated in {time.perf_counter() - t:.1f} s)", flush=True)

    base = compose_baseline(text, repeat)
    results.add(section, Row("compose (baseline)", base, "s", note="yaml.compose, CSafeLoader, GC off"),
                f"compose:{n}")
    load_t, _ = timed(lambda: load_story(path), slow_repeat)
    results.add(section, Row("load", load_t, "s", base, "compose", note=cpu_note()), f"load:{n}")

    checks, bases = [], []
    for _ in range(slow_repeat):
        bases.append(run_process([sys.executable, "-c", COMPOSE_PROCESS, str(path)]))
        checks.append(run_process([*trainer_argv(), "check", str(path)]))
    bad = [c for c in checks if c.code != 0]
    if bad:
        print(f"  trainer check failed:\n{textwrap.indent(bad[0].output[-2000:], '    ')}")
    check_t = median([c.seconds for c in checks])
    cpu = median([c.cpu for c in checks])
    results.add(section, Row("check (process)", check_t, "s", base, "compose",
                             note=f"trainer check FILE, start-up included; CPU {cpu:.3f} s"), f"check:{n}")
    results.add(section, Row("compose process (baseline)", median([b.maxrss for b in bases]), "MB",
                             note=f"peak RSS; {median([b.seconds for b in bases]):.3f} s"))
    results.add(section, Row("check memory", median([c.maxrss for c in checks]), "MB",
                             median([b.maxrss for b in bases]), "compose process", note="peak RSS (VmHWM)"),
                f"memory:{n}")

    explore, playthroughs = _explorer()
    if explore is None:
        results.add(section, Row("explore", float("nan"), "s", note="trainer.author.explore not available"))
        results.add(section, Row("random x1000", float("nan"), "s", note="trainer.author.explore not available"))
        return
    story = load_story(path)
    explore_t, report = timed(lambda: explore(story, limit=10_000_000), explore_repeat)
    note = (f"{cpu_note()}; {report.states:,} states, {report.transitions:,} transitions, "
            f"{report.states / max(1, len(story.scenes)):.1f} states/scene, "
            f"{report.states / explore_t / 1000:.0f}k states/s")
    results.add(section, Row("explore (exhaustive)", explore_t, "s", base, "compose", note=note), f"explore:{n}")
    random_t, rp = timed(lambda: playthroughs(story, 1000, seed), repeat)
    results.add(section, Row("random x1000", random_t, "s", base, "compose",
                             note=f"{cpu_note()}; average {rp.average:.1f} decisions"), f"random:{n}")


def _explorer() -> tuple[Callable | None, Callable | None]:
    try:
        from trainer.author.explore import explore, random_playthroughs
    except ImportError:
        return None, None
    return explore, random_playthroughs


# -- once per run ----------------------------------------------------------------------------------------


def bundled() -> list[Path]:
    return sorted((ROOT / "stories").glob("*.yaml"))


def bench_startup(repeat: int, results: Results) -> None:
    section = "start-up"
    print(f"\n{section}", flush=True)
    stories = bundled()
    story = max(stories, key=lambda p: p.stat().st_size)
    passes, checks = [], []
    run_process([*trainer_argv(), "check", str(story)])  # warm the file cache and .pyc files
    for _ in range(max(5, repeat)):
        passes.append(run_process([sys.executable, "-c", "pass"]).seconds)
        proc = run_process([*trainer_argv(), "check", str(story)])
        checks.append(proc.seconds)
    base = median(passes)
    results.add(section, Row("python -c pass (baseline)", base, "s"))
    results.add(section, Row(f"trainer check {story.name}", median(checks), "s", base, "python -c pass",
                             note="whole process"), "check_bundled")


def bench_bundled_explore(repeat: int, results: Results) -> None:
    explore, _ = _explorer()
    section = "bundled stories"
    print(f"\n{section}", flush=True)
    if explore is None:
        results.add(section, Row("explore", float("nan"), "s", note="trainer.author.explore not available"))
        return
    from trainer.story import load_story

    worst = 0.0
    for path in bundled():
        story = load_story(path)
        base = compose_baseline(path.read_text(encoding="utf-8"), repeat)
        t, report = timed(lambda s=story: explore(s), repeat)
        worst = max(worst, t)
        results.add(section, Row(f"explore {path.stem}", t, "s", base, "compose",
                                 note=f"{cpu_note()}; {report.states:,} states"))
    results.figures["explore_bundled"] = worst


FIRST_FRAME = """
import sys, time
T0 = float(sys.argv[1])
from textual.app import App
_display = App._display
def _hook(self, screen, renderable):
    if renderable is not None and not getattr(self, "_bench_seen", False):
        self._bench_seen = True
        print(f"FRAME {time.time() - T0:.6f} {time.process_time():.6f}", flush=True)
        self.exit(0)
    return _display(self, screen, renderable)
App._display = _hook
_run = App.run
def _headless(self, *args, **kwargs):
    kwargs.update(headless=True, size=(120, 36))
    return _run(self, *args, **kwargs)
App.run = _headless
if sys.argv[2] == "hello":
    from textual.app import ComposeResult
    from textual.widgets import Static
    class Hello(App):
        def compose(self) -> ComposeResult:
            yield Static("Hello, world")
    Hello().run()
else:
    import trainer.cli  # the console script's module, as `trainer` imports it
    from trainer.tui.app import make_app
    from trainer.tui.config import AppConfig
    make_app(AppConfig()).run()  # the library, as `trainer` with no story opens it
"""


def bench_first_frame(repeat: int, results: Results, env: dict[str, str]) -> None:
    section = "first frame"
    print(f"\n{section}", flush=True)

    cpu: dict[str, list[float]] = {"hello": [], "trainer": []}

    def frame(kind: str) -> float:
        t0 = time.time()
        proc = run_process([sys.executable, "-c", FIRST_FRAME, repr(t0), kind], env=env)
        for line in proc.output.splitlines():
            if line.startswith("FRAME "):
                cpu[kind].append(float(line.split()[2]))
                return float(line.split()[1])
        print(f"  no frame from {kind}:\n{textwrap.indent(proc.output[-1500:], '    ')}")
        return float("nan")

    frame("hello"), frame("trainer")  # warm the .pyc files
    cpu["hello"].clear(), cpu["trainer"].clear()
    hello, app = [], []
    for _ in range(max(5, repeat)):
        hello.append(frame("hello"))
        app.append(frame("trainer"))
    base = median(hello)
    hello_cpu, app_cpu = median(cpu["hello"]), median(cpu["trainer"])
    results.add(section, Row("hello-world Textual app (baseline)", base, "s",
                             note=f"headless, process start to frame; CPU {hello_cpu:.3f} s"))
    results.add(section, Row("trainer (library)", median(app), "s", base, "hello world",
                             note=f"CPU {app_cpu:.3f} s ({app_cpu / hello_cpu:.2f}× hello world)"), "first_frame")
    results.figures["first_frame_ratio"] = median(app) / base if base else float("nan")


LATENCY = r"""
import asyncio, json, os, random, sys, time
from pathlib import Path
from rich.cells import cell_len
from textual import events
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.app import App

# The measurement must not disturb what it measures. The key reaches the app as a terminal's key does (the
# driver posts a Key event) and the harness then only waits (an asyncio.Event, then sleeps): it does not poll
# with pilot.pause(), each call of which posts a callback to every widget of the screen and forces a layout
# and repaint (Screen._on_timer_update) in the middle of the app's work, nor await pilot.press(), which waits
# for idle, for animations and then for every widget. Frames are seen in App._display, where Textual hands
# one to the driver: the clock is read first, then what the frame changes is applied to a shadow of the
# terminal's screen (taken in full before the key, outside the timed window). The press counts as answered
# at the first frame from which the area that must change (the text of the play screen's reading pane, not
# its scrollbar; hello world's paragraph) shows what it still shows once no frame has come for a while, given
# that a frame showed the expected text ("Decision N · ", the explanation's first line): an explanation drawn
# over several frames is timed to its last. Both apps, hello world and trainer, are measured the same way.
PROFILE = os.environ.get("TRAINER_BENCH_PROFILE")  # a file: cProfile of the timed windows only
profiler = None
if PROFILE:
    import cProfile
    profiler = cProfile.Profile()

_display = App._display
armed = {"check": None, "event": None, "frames": None}
shadow = []  # the screen as the terminal shows it during a timed window: one list of cells per line

def screen_lines(app):  # a full render, outside the timed window
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return [[c for c in "".join(strip.text for strip in line)] for line in update.strips]

def put(y, x, text):
    if not 0 <= y < len(shadow):
        return
    line = shadow[y]
    for ch in text:
        w = cell_len(ch)
        if w <= 0:
            continue
        if 0 <= x < len(line):
            line[x] = ch
            if w == 2 and x + 1 < len(line):
                line[x + 1] = ""
        x += w

def apply(update):
    # what this frame changes on the terminal, applied to the shadow screen
    if isinstance(update, LayoutUpdate):
        for y, line in enumerate(update.strips, update.region.y):
            put(y, update.region.x, "".join(strip.text for strip in line))
    elif isinstance(update, ChopsUpdate):
        for y, x1, x2 in update.spans:
            for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items()):
                if strip is None or x > x2 or end <= x1:
                    continue
                lo = max(x1 - x, 0)
                put(y, x + lo, strip.crop(lo, min(end, x2) - x).text)

def _hook(self, screen, renderable):
    if renderable is not None and armed["frames"] is not None:
        now = time.perf_counter()
        if profiler is not None:
            profiler.disable()
        apply(renderable)
        armed["frames"].append((now, time.process_time(), ["".join(line) for line in shadow]))
        if armed["check"] is not None and armed["check"](self):
            armed["check"] = None
            armed["event"].set()
        elif armed["check"] is not None and profiler is not None:
            profiler.enable()
    return _display(self, screen, renderable)
App._display = _hook

def on_screen(precheck, marker):
    # the frame shows ``marker`` (the shadow screen holds it), once the DOM says it may
    return lambda app: precheck(app) and any(marker in "".join(line) for line in shadow)

def crop(lines, region):
    return [line[region.x:region.right] for line in lines[region.y:region.bottom]]

async def wait_for(pilot, predicate, timeout=10.0):  # setting up only: never inside a timed window
    end = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > end:
            raise TimeoutError
        await pilot.pause(0.01)

async def measure(pilot, key, check, where, timeout=10.0, quiet=0.15):
    # seconds from the key press to the first frame from which the region where(app) shows what it shows once
    # the app is quiet again, given that some frame passed check (see the comment at the top)
    app = pilot.app
    await pilot.pause()  # nothing of the previous step is still being processed or drawn
    shadow[:] = screen_lines(app)
    frames = []
    armed.update(check=check, event=asyncio.Event(), frames=frames)
    key_event = events.Key(key, key if len(key) == 1 else None)
    key_event.set_sender(app)
    t, cpu = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    app._driver.send_message(key_event)  # what Pilot.press does first (and here nothing else)
    try:
        await asyncio.wait_for(armed["event"].wait(), timeout)
        if profiler is not None:
            profiler.disable()
        # no frame for ``quiet`` seconds: the app has drawn all it had to (waited for without touching it)
        while time.perf_counter() - frames[-1][0] < quiet:
            await asyncio.sleep(quiet / 5)
    finally:
        if profiler is not None:
            profiler.disable()
        armed.update(check=None, frames=None)
    region = where(app)
    final = crop(frames[-1][2], region)
    at, at_cpu = frames[-1][:2]
    for when, when_cpu, lines in reversed(frames):
        if crop(lines, region) != final:
            break
        at, at_cpu = when, when_cpu
    return at - t, at_cpu - cpu  # wall, and CPU seconds of the process (every thread) meanwhile

async def hello(n):
    from textual.app import ComposeResult
    from textual.widgets import Static
    text = " ".join(["The strike committee meets tonight in the union hall."] * 12)
    class Hello(App):
        BINDINGS = [("1", "swap", "Swap")]
        count = 0
        def compose(self) -> ComposeResult:
            yield Static("Hello, world", id="out")
        def action_swap(self) -> None:
            self.count += 1
            self.query_one("#out", Static).update(f"{self.count}: {text}")
    app = Hello()
    out = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for i in range(n):
            out.append(await measure(pilot, "1", on_screen(lambda a, i=i: a.count == i + 1, f"{i + 1}: The"),
                                     lambda a: a.query_one("#out").region))
    return out

async def play(path, seed):
    from trainer.tui.app import make_app
    from trainer.tui.config import AppConfig
    from trainer.tui.screens.play import PlayScreen
    from trainer.tui.widgets.choices import ChoiceList
    rng = random.Random(seed)
    app = make_app(AppConfig(paths=(Path(path),)))
    out = []

    def explained(step):
        # the play screen has taken the choice (phase "explained") and the frame shows the explanation's
        # first line for this decision, "Decision N · <scene>" (the scene's own line says "decision N")
        def ready(a):
            s = a.screen
            return isinstance(s, PlayScreen) and s.phase == "explained" and s.game.steps == step
        return on_screen(ready, f"Decision {step} · ")

    async with app.run_test(size=(120, 36)) as pilot:
        # the play screen, perhaps under the story's quiz (which the loop below leaves with escape)
        await wait_for(pilot, lambda: any(isinstance(x, PlayScreen) for x in app.screen_stack))
        for _ in range(500):
            await pilot.pause()
            s = app.screen
            if not isinstance(s, PlayScreen):
                if type(s).__name__ == "EndingScreen":
                    break
                await pilot.press("escape")  # a debate, or the quiz before the first scene or after the ending
                continue
            if s.phase == "ask":
                options = s.query_one("#choices", ChoiceList)
                enabled = [i for i in range(options.option_count) if not options.get_option_at_index(i).disabled]
                n = rng.choice(enabled) + 1
                out.append(await measure(pilot, str(n), explained(s.game.steps + 1),
                                         lambda a: a.screen.query_one("#reading").scrollable_content_region))
            elif s.phase in ("explained", "answered"):
                await pilot.press("enter")
            elif s.phase == "why":
                await pilot.press("1")
            elif s.phase == "debate":
                await pilot.press("x")
            elif s.phase == "ended":
                break
            else:
                raise RuntimeError(f"unexpected phase {s.phase}")
    return out

async def main():
    kind, rest = sys.argv[1], sys.argv[2:]
    if kind == "hello":
        data = await hello(int(rest[0]))
    else:
        data = []
        seed = int(rest[0])
        for k, path in enumerate(rest[1:]):
            try:
                data += await play(path, seed + k)
            except Exception as exc:
                print(f"ERROR {Path(path).name}: {type(exc).__name__}: {exc}".replace("\n", " ")[:300], flush=True)
    if profiler is not None:
        profiler.dump_stats(PROFILE + "." + kind)
    print("LATENCY " + json.dumps(data))  # [wall, cpu] per press

asyncio.run(main())
"""


def bench_latency(stories_count: int, seed: int, results: Results, env: dict[str, str]) -> None:
    section = "key press → explanation"
    print(f"\n{section}", flush=True)

    errors: list[str] = []

    def run(*args: str) -> tuple[list[float], list[float]]:
        """Wall and CPU seconds of each press."""
        proc = run_process([sys.executable, "-c", LATENCY, *args], env=env)
        for line in proc.output.splitlines():
            if line.startswith("ERROR "):
                errors.append(line[6:])
                print(f"  playthrough failed: {line[6:]}")
            if line.startswith("LATENCY "):
                pairs = json.loads(line[8:])
                return [w for w, _ in pairs], [c for _, c in pairs]
        print(f"  latency run failed:\n{textwrap.indent(proc.output[-3000:], '    ')}")
        return [], []

    # Whole playthroughs of the largest bundled stories (most text to draw), or of the smallest for --quick.
    by_size = sorted(bundled(), key=lambda p: p.stat().st_size)
    stories = [str(p) for p in (by_size[:1] if stories_count == 0 else by_size[::-1][:stories_count])]
    app, app_cpu = run("trainer", str(seed), *stories)
    hello, hello_cpu = run("hello", str(max(10, len(app))))
    if not app or not hello:
        results.add(section, Row("trainer", float("nan"), "ms", note="no measurement"))
        return
    base_med, base_max = median(hello), max(hello)
    results.add(section, Row("hello-world key → frame, median (baseline)", base_med, "ms",
                             note=f"{len(hello)} presses; CPU {median(hello_cpu) * 1000:.1f} ms"))
    results.add(section, Row("hello-world key → frame, worst (baseline)", base_max, "ms",
                             note=f"CPU {max(hello_cpu) * 1000:.1f} ms"))
    results.add(section, Row("trainer key → explanation, median", median(app), "ms", base_med, "hello median",
                             note=f"{len(app)} choices over {len(stories) - len(errors)} playthrough(s)"
                             + (f" ({len(errors)} failed: see above)" if errors else "")
                             + f"; CPU {median(app_cpu) * 1000:.1f} ms"), "latency_median")
    results.add(section, Row("trainer key → explanation, worst", max(app), "ms", base_max, "hello worst",
                             note=f"CPU {max(app_cpu) * 1000:.1f} ms (worst CPU)"), "latency_worst")


# -- targets ---------------------------------------------------------------------------------------------

TARGETS: list[tuple[str, str, float, str]] = [
    # (key, description, limit, unit)
    ("check:10000", "trainer check of 10,000 scenes ≤ 1.0 s", 1.0, "s"),
    ("check:50000", "trainer check of 50,000 scenes ≤ 5 s", 5.0, "s"),
    ("memory:10000", "peak memory of check at 10,000 ≤ 200 MB", 200 * MB, "MB"),
    ("memory:50000", "peak memory of check at 50,000 ≤ 1 GB", 1024 * MB, "MB"),
    ("explore:10000", "exhaustive explore of 10,000 scenes ≤ 3.3 s", 3.3, "s"),
    ("explore_bundled", "exhaustive explore of every bundled story ≤ 1 s (slowest)", 1.0, "s"),
    ("random:10000", "1,000 random playthroughs of 10,000 scenes ≤ 1 s", 1.0, "s"),
    ("first_frame_ratio", "trainer to first frame ≤ 1.3× hello-world Textual app", 1.3, "×"),
    ("check_bundled", "trainer check of one bundled story ≤ 0.25 s in all", 0.25, "s"),
    ("latency_median", "key press → explanation on screen ≤ 50 ms (median)", 0.050, "ms"),
    ("latency_worst", "key press → explanation on screen ≤ 50 ms (worst)", 0.050, "ms"),
]


def print_targets(results: Results) -> None:
    print("\ntargets (issue 8)")
    for key, text, limit, unit in TARGETS:
        value = results.figures.get(key)
        if value is None or value != value:
            print(f"NOT MEASURED  {text}")
            continue
        shown = f"{value:.2f}×" if unit == "×" else fmt(value, unit)
        print(f"{'MET' if value <= limit else 'NOT MET':<12}  {text}: {shown}")


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - not on every platform
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="comma-separated story sizes in nodes (default: 1000,10000,50000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; medians are reported")
    parser.add_argument("--quick", action="store_true", help="smoke run: 1,000 nodes, one repeat")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--playthroughs", type=int, default=3,
                        help="whole Pilot playthroughs for the key-latency figure, of the largest bundled stories")
    parser.add_argument("--skip-tui", action="store_true", help="skip first-frame and key-latency figures")
    parser.add_argument("--worker", type=int, metavar="N", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        bench_size(args.worker, max(1, args.repeat), args.seed, Results(worker=True))
        return 0
    sizes = [1000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    repeat = 1 if args.quick else max(1, args.repeat)
    began = time.perf_counter()
    import platform

    import textual

    print(f"trainer benchmark: Python {platform.python_version()}, PyYAML {yaml.__version__} "
          f"(libyaml {'yes' if _Loader.__name__.startswith('C') else 'no'}), Textual {textual.__version__}, "
          f"{os.cpu_count()} CPUs, {platform.platform()}; load average {_load()} (a busy machine slows every "
          "wall-clock figure: compare ratios and CPU seconds)")
    results = Results()
    with tempfile.TemporaryDirectory(prefix="trainer-bench-") as home:
        env = {**os.environ, "TRAINER_HOME": home}
        os.environ["TRAINER_HOME"] = home  # nothing here touches a real save or progress file
        for n in sizes:
            bench_size_in_worker(n, repeat, args.seed, results)
        bench_startup(repeat, results)
        bench_bundled_explore(repeat, results)
        if not args.skip_tui:
            bench_first_frame(repeat, results, env)
            bench_latency(0 if args.quick else args.playthroughs, args.seed, results, env)
    print_table(results)
    print_targets(results)
    print(f"\n(bench/run.py {' '.join(sys.argv[1:])} took {time.perf_counter() - began:.0f} s; "
          f"load average at the end {_load()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
