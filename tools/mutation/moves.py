"""The status table by hand: cosmic-ray does not mutate set literals, so ALLOWED_MOVES is
mutated here. Each of the 16 allowed moves is deleted in turn, and each move out of a final
status (Clôturée, Non recevable) is added in turn; tests/unit/complaints/test_moves.py, which
goes through move() and close() on SQLite, must fail every time.

Run by run.sh in its copy of the tree (the module is rewritten on disk, then put back)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

RULES = Path("rcdesk/services/complaints/rules.py")
TESTS = "tests/unit/complaints/test_moves.py"
TABLE = re.compile(r"ALLOWED_MOVES: dict\[str, set\[str\]\] = \{.*?\n\}", re.S)
FINAL = ("Clôturée", "Non recevable")


def written(moves: dict[str, set[str]], names: dict[str, str], order) -> str:
    lines = [f"    {names[s]}: {{{', '.join(names[t] for t in sorted(moves[s]))}}},"
             if moves[s] else f"    {names[s]}: set()," for s in order]
    return "ALLOWED_MOVES: dict[str, set[str]] = {\n" + "\n".join(lines) + "\n}"


def main() -> int:
    sys.path.insert(0, os.getcwd())
    from rcdesk.services.complaints import rules

    names = {getattr(rules, n): n for n in ("RECEIVED", "QUALIFIED", "IN_PROGRESS", "WAITING",
                                             "ANSWERED", "CLOSED", "REJECTED")}
    allowed = rules.ALLOWED_MOVES
    cases = [(f"sans {s} → {t}", {k: v - {t} if k == s else set(v) for k, v in allowed.items()})
             for s in rules.STATUSES for t in sorted(allowed[s])]
    cases += [(f"avec {s} → {t}", {k: v | {t} if k == s else set(v) for k, v in allowed.items()})
              for s in FINAL for t in rules.STATUSES if t != s]
    original = RULES.read_text(encoding="utf-8")
    block = TABLE.search(original).group(0)
    survivors = []
    try:
        for label, moves in cases:
            RULES.write_text(original.replace(block, written(moves, names, rules.STATUSES)),
                             encoding="utf-8")
            run = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p",
                                  "no:cacheprovider", "-m", "not pg", TESTS], capture_output=True,
                                 env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
            print(f"{label} : {'tué' if run.returncode else 'SURVIT'}", flush=True)
            if run.returncode == 0:
                survivors.append(label)
    finally:
        RULES.write_text(original, encoding="utf-8")
    killed = len(cases) - len(survivors)
    print(f"Table des passages (ALLOWED_MOVES) : {len(cases)} mutants, {killed} tués, "
          f"{len(survivors)} survivant(s){' : ' + ', '.join(survivors) if survivors else ''}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
