"""Mutation sessions of cosmic-ray: skip the annotation mutants, then print the scores.

    python tools/mutation/report.py skip-annotations SESSION
    python tools/mutation/report.py table SESSION...
    python tools/mutation/report.py reset-survivors SESSION
    python tools/mutation/report.py carry OLD_SESSION OLD_TREE SESSION

Run from the folder the sessions' module paths are relative to (the repository root, or
run.sh's copy of it). A mutant listed in tools/mutation/equivalent.md (same module, function,
operator, source line and rank of the position on that line) is equivalent: it cannot be
killed, and is left out of the score. A listed mutant that is killed, or that no longer exists
in a module the sessions cover, is reported, so the list never outlives the code it describes."""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkResult

EQUIVALENT_MD = Path(__file__).with_name("equivalent.md")


@lru_cache
def source_lines(module: str) -> list[str]:
    return Path(module).read_text(encoding="utf-8").splitlines()


def _char_col(line: str, byte_col: int) -> int:
    """ast columns count UTF-8 bytes, cosmic-ray's (parso) count characters."""
    return len(line.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))


@lru_cache
def annotation_spans(module: str) -> tuple[tuple[tuple[int, int], tuple[int, int]], ...]:
    """(start, end) of every annotation, in (line, character column), when the module has
    `from __future__ import annotations`: those are strings never evaluated, so a mutant
    inside one cannot change behaviour. Without the import, none (they are evaluated)."""
    lines = source_lines(module)
    tree = ast.parse("\n".join(lines))
    postponed = any(isinstance(node, ast.ImportFrom) and node.module == "__future__"
                    and any(alias.name == "annotations" for alias in node.names)
                    for node in tree.body)
    if not postponed:
        return ()
    nodes = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
            nodes += [a.annotation for a in every if a is not None and a.annotation is not None]
            if node.returns is not None:
                nodes.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            nodes.append(node.annotation)
    return tuple(((n.lineno, _char_col(lines[n.lineno - 1], n.col_offset)),
                  (n.end_lineno, _char_col(lines[n.end_lineno - 1], n.end_col_offset)))
                 for n in nodes)


def in_annotation(mutation) -> bool:
    start, end = tuple(mutation.start_pos), tuple(mutation.end_pos)
    return any(lo <= start and end <= hi for lo, hi in annotation_spans(str(mutation.module_path)))


def skip_annotations(session: str) -> int:
    skipped = 0
    with use_db(session, WorkDB.Mode.open) as db:
        for item in list(db.pending_work_items):
            if all(in_annotation(m) for m in item.mutations):
                db.set_result(item.job_id, WorkResult(output="annotation",
                                                      worker_outcome=WorkerOutcome.SKIPPED))
                skipped += 1
    print(f"{session} : {skipped} mutant(s) dans des annotations, non exécutés")
    return 0


@dataclass(frozen=True)
class Key:
    """What names a mutant across edits elsewhere in the file (line numbers move)."""

    module: str
    function: str
    operator: str
    code: str  # the source line, stripped
    rank: int  # 1 for the first position of this operator on that line, 2 for the next...


def short_operator(name: str) -> str:
    return name.removeprefix("core/")


def keys_of(items) -> dict[str, Key]:
    """job id -> Key, for single-mutation work items."""
    positions: dict[tuple, list] = {}
    for item in items:
        (m,) = item.mutations
        positions.setdefault((str(m.module_path), m.operator_name, m.start_pos[0]), []).append(
            (tuple(m.start_pos), m.occurrence, item.job_id))
    keys = {}
    for (module, operator, line), found in positions.items():
        for rank, (_, _, job_id) in enumerate(sorted(found), start=1):
            item_code = source_lines(module)[line - 1].strip()
            keys[job_id] = (module, operator, line, item_code, rank)
    result = {}
    for item in items:
        (m,) = item.mutations
        module, operator, line, code, rank = keys[item.job_id]
        result[item.job_id] = Key(module, m.definition_name or "", short_operator(operator),
                                  code, rank)
    return result


def _cells(line: str) -> list[str]:
    """The cells of a markdown table row, their backticks removed ("\\|" is a literal bar)."""
    cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [cell.strip().strip("`").replace("\\|", "|") for cell in cells]


def equivalents() -> dict[Key, str]:
    """The mutants of equivalent.md, rows of | module | function | operator | code | n | reason |
    (function "—" for a decorator's line)."""
    listed = {}
    if not EQUIVALENT_MD.exists():
        return listed
    for line in EQUIVALENT_MD.read_text(encoding="utf-8").splitlines():
        cells = _cells(line) if line.startswith("| `") else []
        if len(cells) == 6 and cells[4].isdigit():
            module, function, operator, code, rank, reason = cells
            listed[Key(module, "" if function == "—" else function, operator, code,
                       int(rank))] = reason
    return listed


def row_of(key: Key) -> str:
    """The equivalent.md row of a mutant, its reason left to write."""
    code = key.code.replace("|", "\\|")
    return (f"| `{key.module}` | `{key.function or '—'}` | `{key.operator}` | `{code}` | "
            f"{key.rank} | ? |")


def table(sessions: list[str]) -> int:
    listed = equivalents()
    rows, survivors, stale = [], [], []
    seen, covered = set(), set()
    for session in sessions:
        with use_db(session, WorkDB.Mode.open) as db:
            items = list(db.work_items)
            results = dict(db.results)
        keys = keys_of(items)
        module = str(items[0].mutations[0].module_path) if items else session
        seen.update(keys.values())
        covered.add(module)
        annotations = excluded = killed = survived = equivalent = pending = timeouts = carried = 0
        for item in items:
            result = results.get(item.job_id)
            key = keys[item.job_id]
            if result is None:
                pending += 1
            elif result.worker_outcome == WorkerOutcome.SKIPPED:
                if result.output == "annotation":
                    annotations += 1
                else:  # cr-filter-operators: an operator left out of the run
                    excluded += 1
            elif result.worker_outcome == WorkerOutcome.NO_TEST:
                excluded += 1
            elif result.test_outcome == TestOutcome.SURVIVED:
                if key in listed:
                    equivalent += 1
                else:
                    survived += 1
                    survivors.append((key, item.mutations[0].start_pos[0], result.diff or ""))
            else:  # killed by a failing test, a timeout, or code that cannot even run
                killed += 1
                timeouts += result.output == "timeout"
                carried += (result.output or "").startswith(CARRIED)
                if key in listed:
                    stale.append(key)
        tried = killed + survived
        score = f"{100 * killed / tried:.1f} %" if tried else "—"
        rows.append((module, len(items), annotations, excluded, killed + survived + equivalent,
                     killed, timeouts, carried, survived, equivalent, pending, score))
    head = ("module", "générés", "annotations", "exclus", "mutants", "tués", "dont délai",
            "dont repris", "survivants", "équivalents", "en attente", "score")
    width = max(len(head[0]), *(len(r[0]) for r in rows))
    print(f"{head[0]:<{width}}  " + "  ".join(f"{h:>11}" for h in head[1:]))
    for row in rows:
        print(f"{row[0]:<{width}}  " + "  ".join(f"{v:>11}" for v in row[1:]))
    print("\nscore = tués / (mutants - équivalents) ; annotations et opérateurs exclus ne sont "
          "pas exécutés ; « dont délai » : tués parce que les tests ont dépassé le délai de la "
          "configuration (une boucle sans fin, ou une machine trop chargée) ; « dont repris » : "
          "tués lors d'une session sur une version antérieure du module (report.py carry).")
    if survivors:
        print(f"\n{len(survivors)} survivant(s) ni tué(s) ni listé(s) dans {EQUIVALENT_MD.name} :")
        for key, line, diff in survivors:
            print(f"\n{key.module}:{line} {key.function or '—'} {key.operator} (n° {key.rank} "
                  f"sur la ligne)\n  {row_of(key)}")
            for diff_line in diff.splitlines():
                if diff_line.startswith(("+", "-")) and not diff_line.startswith(("+++", "---")):
                    print(f"    {diff_line}")
    for key in stale:
        print(f"\nListé comme équivalent mais tué : {key.module} {key.function} {key.operator} "
              f"« {key.code} » : retirez-le de {EQUIVALENT_MD.name}.")
    for key in listed:
        if key.module in covered and key not in seen:
            print(f"\nListé comme équivalent mais introuvable (code changé ?) : {key.module} "
                  f"{key.function or '—'} {key.operator} « {key.code} » n° {key.rank} : "
                  f"retirez-le de {EQUIVALENT_MD.name}.")
    return 0


def reset_survivors(session: str) -> int:
    """Forget the result of every survivor not listed in equivalent.md, and of every mutant
    killed by a timeout, so that `cosmic-ray exec` tries those mutants again (run.sh with
    RETRY=1, after tests were added: a killed mutant stays killed by a test suite that only
    grew)."""
    import sqlite3

    listed = equivalents()
    with use_db(session, WorkDB.Mode.open) as db:
        items = list(db.work_items)
        results = dict(db.results)
    keys = keys_of(items)
    again = [job for job, result in results.items()
             if (result.test_outcome == TestOutcome.SURVIVED and keys[job] not in listed)
             or result.output == "timeout"]  # on a loaded machine a timeout may hide a survivor
    with sqlite3.connect(session) as con:
        con.executemany("DELETE FROM work_results WHERE job_id = ?", [(j,) for j in again])
    print(f"{session} : {len(again)} survivant(s) ou délai(s) dépassé(s) à essayer de nouveau")
    return 0


CARRIED = "repris : "


def carry(old_session: str, old_tree: str, session: str) -> int:
    """Copy into session (new, not run yet) the kills of old_session, a run on an earlier
    version of the module whose sources are under old_tree: a pending mutant takes the result
    of the old mutant with the same Key (same function, operator, source line and rank), when
    that old mutant was killed by a failing test (not by a timeout), or survived and is listed
    in equivalent.md (then it counts as equivalent, not as carried). Only sound when the module
    changed little and its tests only grew: say so beside the figures. The rest stays pending
    for `cosmic-ray exec` (run.sh RETRY=1)."""
    import os

    here = os.getcwd()

    def keyed(path: str, root: str) -> tuple[dict, dict, dict]:
        os.chdir(root)
        source_lines.cache_clear()
        try:
            with use_db(path, WorkDB.Mode.open) as db:
                items = list(db.work_items)
                results = dict(db.results)
            keys = keys_of(items)
        finally:
            os.chdir(here)
            source_lines.cache_clear()
        count: dict[Key, int] = {}
        for key in keys.values():
            count[key] = count.get(key, 0) + 1
        return keys, {j: r for j, r in results.items()}, count

    old_keys, old_results, old_count = keyed(old_session, old_tree)
    listed = equivalents()
    old_kills = {old_keys[j]: r for j, r in old_results.items()
                 if r.worker_outcome == WorkerOutcome.NORMAL and old_count[old_keys[j]] == 1
                 and ((r.test_outcome == TestOutcome.KILLED and r.output != "timeout")
                      or (r.test_outcome == TestOutcome.SURVIVED and old_keys[j] in listed))}
    new_keys, new_results, new_count = keyed(session, here)
    carried = 0
    with use_db(session, WorkDB.Mode.open) as db:
        for job, key in new_keys.items():
            if job in new_results or new_count[key] != 1 or key not in old_kills:
                continue
            old = old_kills[key]
            db.set_result(job, WorkResult(output=CARRIED + (old.output or "")[:2000],
                                          test_outcome=old.test_outcome,
                                          worker_outcome=WorkerOutcome.NORMAL, diff=old.diff))
            carried += 1
    print(f"{session} : {carried} résultat(s) repris de {old_session}")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "skip-annotations":
        return skip_annotations(argv[1])
    if len(argv) >= 2 and argv[0] == "reset-survivors":
        return reset_survivors(argv[1])
    if len(argv) >= 4 and argv[0] == "carry":
        return carry(argv[1], argv[2], argv[3])
    if len(argv) >= 2 and argv[0] == "table":
        return table(argv[1:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
