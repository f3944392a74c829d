"""Capacity per learner: memory and start-up cost of one course-app kernel.

Every learner of the Voilà app (or of a JupyterHub server) gets a kernel that
runs ``notebooks/course_app.ipynb``. This starts K such kernels side by side
and, as a baseline in the same run, K kernels running the bare one-button
notebook ``benchmarks/baseline/bare.ipynb``, and reports per kernel:

* memory: RSS and PSS (RSS with shared pages split between the kernels that
  share them: what one more learner costs) from ``/proc/<pid>/smaps_rollup``;
* start-up: wall time from starting the kernel to the notebook executed, and
  the CPU seconds the kernel process used for it (``/proc/<pid>/stat``).

Then, through the package's ``VoilaServer`` (what ``mediation-lessons serve``
runs, with the shipped ``voila.json``), it loads each notebook's page K times
with plain HTTP GETs (Voilà executes the notebook while it answers; no browser
shares the CPU) and reports the server-side CPU per arrival: the Voilà
process plus the kernel each page started.

It also measures the idle server processes: the ``voila`` server all learners
share, and a ``jupyter server`` with Voilà's extension, what each learner's
own server adds under JupyterHub.

Ratios are app / bare. Linux only (``/proc``).

Run: ``python benchmarks/bench_capacity.py [--kernels 3]
[--out benchmarks/results/capacity.md]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager

HERE = Path(__file__).parent
REPO = HERE.parent
APP = REPO / "notebooks" / "course_app.ipynb"
BARE = HERE / "baseline" / "bare.ipynb"
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Kernel:
    """A running kernel and what starting it cost."""

    manager: KernelManager
    pid: int
    wall: float
    cpu: float


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def memory_mib(pid: int) -> tuple[float, float]:
    """RSS and PSS of process ``pid`` in MiB."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value, *_ = line.split()
        values[name.rstrip(":")] = int(value) / 1024
    return values["Rss"], values["Pss"]


def start(notebook: Path, workdir: Path, env: dict[str, str]) -> Kernel:
    """Start a kernel in ``workdir`` and run every code cell of ``notebook`` in it."""
    cells = [cell.source for cell in nbformat.read(notebook, as_version=4).cells
             if cell.cell_type == "code"]
    began = time.perf_counter()
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(cwd=str(workdir), env=env)
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        for source in cells:
            reply = client.execute_interactive(source, timeout=300, output_hook=lambda _: None)
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"{notebook.name} failed: {reply['content'].get('evalue')}")
    finally:
        client.stop_channels()
    wall = time.perf_counter() - began
    pid = int(manager.provisioner.pid)  # type: ignore[union-attr]
    return Kernel(manager, pid, wall, cpu_seconds(pid))


def measure(notebook: Path, count: int, env: dict[str, str]) -> dict[str, float]:
    """Median start-up and memory of ``count`` kernels running ``notebook`` side by side."""
    kernels = [start(notebook, notebook.parent, env) for _ in range(count)]
    try:
        time.sleep(1.0)
        memory = [memory_mib(kernel.pid) for kernel in kernels]
    finally:
        for kernel in kernels:
            kernel.manager.shutdown_kernel(now=True)
    return {
        "wall": statistics.median(k.wall for k in kernels),
        "cpu": statistics.median(k.cpu for k in kernels),
        "rss": statistics.median(rss for rss, _ in memory),
        "pss": statistics.median(pss for _, pss in memory),
    }


def _wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise RuntimeError(f"{process.args!r} did not listen on port {port} within 60 s")


def server_memory(kind: str, workdir: Path, env: dict[str, str]) -> tuple[float, float]:
    """RSS and PSS (MiB) of an idle server process, before any learner's kernel.

    ``kind`` is ``jupyter`` (a single-user ``jupyter server``, Voilà's extension
    loaded: what JupyterHub adds per learner) or ``voila`` (the one Voilà
    server all learners share).
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    if kind == "jupyter":
        command = [sys.executable, "-m", "jupyter_server", "--no-browser", "--ip=127.0.0.1",
                   f"--port={port}", "--IdentityProvider.token=bench",
                   f"--ServerApp.root_dir={workdir}"]
        if os.geteuid() == 0:
            command.append("--allow-root")
    else:
        command = [sys.executable, "-m", "voila", str(BARE), "--no-browser",
                   "--Voila.ip=127.0.0.1", f"--port={port}"]
    process = subprocess.Popen(command, env=env, cwd=workdir, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        _wait_for_port(port, process)
        time.sleep(2.0)
        return memory_mib(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)


def children(pid: int) -> list[int]:
    """Direct child processes of ``pid``."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def arrival_cpu(notebook: Path, count: int, env: dict[str, str]) -> dict[str, float]:
    """Server CPU seconds and wall time per page load of ``notebook`` under Voilà."""
    from mediation_lessons.server import ServeOptions, VoilaServer, free_port

    server = VoilaServer(ServeOptions(port=free_port(), notebook=notebook), env=env)
    server.start()
    try:
        pid = server.pid
        assert pid is not None
        time.sleep(2.0)
        before = cpu_seconds(pid)
        walls = []
        for _ in range(count):
            began = time.perf_counter()
            with urllib.request.urlopen(server.url, timeout=120) as reply:
                page = reply.read()
            walls.append(time.perf_counter() - began)
            if b"jupyter-widgets" not in page and b"application/vnd.jupyter.widget" not in page:
                raise RuntimeError(f"{notebook.name}: the page holds no widget output")
        time.sleep(1.0)
        kernels = children(pid)
        if len(kernels) < count:
            raise RuntimeError(f"expected {count} kernels, found {len(kernels)}")
        cpu = cpu_seconds(pid) - before + sum(cpu_seconds(kernel) for kernel in kernels)
        pss = statistics.median(memory_mib(kernel)[1] for kernel in kernels)
    finally:
        server.stop()
    return {"cpu": cpu / count, "wall": statistics.median(walls), "pss": pss}


def report(bare: dict[str, float], app: dict[str, float], count: int,
           servers: dict[str, tuple[float, float]],
           arrivals: dict[str, dict[str, float]]) -> str:
    """The results as a markdown page."""
    rows = [
        ("Start-up, wall (s)", "wall", 2), ("Start-up, kernel CPU (s)", "cpu", 2),
        ("RSS per kernel (MiB)", "rss", 0), ("PSS per kernel (MiB)", "pss", 0),
    ]
    lines = [
        "# Capacity per learner (course-app kernel)",
        "",
        f"Machine: {platform.platform()}, {os.cpu_count()} CPU(s), Python "
        f"{platform.python_version()}. {count} kernels of each kind side by side; medians.",
        "Baseline: the bare one-button notebook `benchmarks/baseline/bare.ipynb`, same run.",
        "",
        "| Measure | bare kernel | course app | ratio app/bare |",
        "|---|---:|---:|---:|",
    ]
    for label, key, digits in rows:
        lines.append(f"| {label} | {bare[key]:.{digits}f} | {app[key]:.{digits}f} | "
                     f"{app[key] / bare[key]:.2f} |")
    per_gib = 1024 / app["pss"]
    served_bare, served_app = arrivals["bare"], arrivals["app"]
    lines += [
        "",
        f"Under Voilà (`VoilaServer`, {count} page loads each by HTTP GET, no browser):",
        "",
        "| Per arrival | bare | course app | ratio app/bare |",
        "|---|---:|---:|---:|",
        f"| Server CPU, Voilà + the page's kernel (s) | {served_bare['cpu']:.2f} | "
        f"{served_app['cpu']:.2f} | {served_app['cpu'] / served_bare['cpu']:.2f} |",
        f"| Page answered, wall (s) | {served_bare['wall']:.2f} | {served_app['wall']:.2f} | "
        f"{served_app['wall'] / served_bare['wall']:.2f} |",
        f"| Kernel PSS after the page (MiB) | {served_bare['pss']:.0f} | "
        f"{served_app['pss']:.0f} | {served_app['pss'] / served_bare['pss']:.2f} |",
        "",
        "Idle servers, before any kernel (RSS / PSS):",
        "",
        f"- `voila` (shared by all learners of `mediation-lessons serve`): "
        f"{servers['voila'][0]:.0f} / {servers['voila'][1]:.0f} MiB",
        f"- `jupyter server` with Voilà's extension (each JupyterHub learner's own): "
        f"{servers['jupyter'][0]:.0f} / {servers['jupyter'][1]:.0f} MiB",
        "",
        f"One more learner costs about {app['pss']:.0f} MiB (PSS): about {per_gib:.0f} "
        "learner kernels per GiB of RAM, before the server's own memory.",
        f"Serving one learner's first page costs {served_app['cpu']:.1f} server CPU-seconds: "
        f"one core serves about {60 / served_app['cpu']:.0f} arrivals a minute.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    """Measure and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernels", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "capacity.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "MEDIATION_LESSONS_DB": str(Path(scratch) / "progress.sqlite3")}
        measure(BARE, 1, env)  # warm-up: file caches, bytecode
        measure(APP, 1, env)
        bare = measure(BARE, args.kernels, env)
        app = measure(APP, args.kernels, env)
        servers = {kind: server_memory(kind, Path(scratch), env)
                   for kind in ("voila", "jupyter")}
        arrivals = {"bare": arrival_cpu(BARE, args.kernels, env),
                    "app": arrival_cpu(APP, args.kernels, env)}
    text = report(bare, app, args.kernels, servers, arrivals)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
