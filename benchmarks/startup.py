"""Cold start of `rcdesk` to the main window painted, beside a bare QMainWindow started the same way.

Each run is a fresh process (python -X importtime is not used: this is wall time as a user sees
it, interpreter start and exit included). The database holds the demo company (`rcdesk demo`).
Prints a table: median and best of N runs, and the ratio to the bare window (our overhead).
Run: .venv/bin/python benchmarks/startup.py [--runs 7]"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# rcdesk as `python main.py --db FILE` runs it, leaving its event loop once the main window has
# painted: the watcher sits on the application (rcdesk builds its window inside run_gui), which
# rcdesk reuses instead of building its own.
RCDESK_UNTIL_PAINTED = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
class W(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint and isinstance(o, QMainWindow):
            QTimer.singleShot(0, app.quit)
        return False
f = W(); app.installEventFilter(f)
from rcdesk.cli import main
sys.exit(main(sys.argv[1:]))
"""

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.resize(1200, 760)
class W(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
f = W(); w.installEventFilter(f)
w.show()
app.exec()
"""


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"échec de {' '.join(cmd)} :\n{result.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--customers", type=int, default=500)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        env = dict(os.environ, RCDESK_DATA_DIR=str(Path(tmp) / "data"),
                   QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   XDG_CONFIG_HOME=str(Path(tmp) / "config"))
        subprocess.run([python, "main.py", "--db", str(db), "demo", "--customers",
                        str(args.customers)], env=env, cwd=ROOT, check=True, capture_output=True)
        rcdesk = [python, "-c", RCDESK_UNTIL_PAINTED, "--db", str(db)]
        timed(rcdesk, env)  # warm the OS file cache once
        timed([python, "-c", BARE_WINDOW], env)
        ours = [timed(rcdesk, env) for _ in range(args.runs)]
        bare = [timed([python, "-c", BARE_WINDOW], env) for _ in range(args.runs)]
    med_ours, med_bare = statistics.median(ours), statistics.median(bare)
    print(f"Démarrage à froid jusqu'à la fenêtre peinte ({args.runs} essais, "
          f"plateforme Qt {env['QT_QPA_PLATFORM']}, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cœurs, Python {platform.python_version()})")
    print()
    print("| mesure | rcdesk (base démo) | plancher : QMainWindow nue | ratio | objectif |")
    print("|---|---|---|---|---|")
    print(f"| médiane | {med_ours * 1000:.0f} ms | {med_bare * 1000:.0f} ms | "
          f"{med_ours / med_bare:.2f} | < 1000 ms |")
    print(f"| meilleur | {min(ours) * 1000:.0f} ms | {min(bare) * 1000:.0f} ms | "
          f"{min(ours) / min(bare):.2f} | |")
    return 0 if med_ours < 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
