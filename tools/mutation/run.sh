#!/usr/bin/env bash
# Mutation testing of the pure rule modules with cosmic-ray: one session per config, each in
# its own copy of the tree (cosmic-ray rewrites the module on disk while a test runs; a copy
# keeps the working tree intact if a run is interrupted, and lets two configs run side by side).
#
#   tools/mutation/run.sh                  every tools/mutation/*.toml
#   tools/mutation/run.sh workdays money   some of them
#   JOBS=1 VENV=/path/to/venv tools/mutation/run.sh
#   RETRY=1 tools/mutation/run.sh workdays  the last session again: its unexplained survivors,
#                                           its timeouts and its mutants not run yet only
#                                           (after adding tests: killed mutants stay killed;
#                                           an interrupted session goes on where it stopped)
#
# Sessions and logs go to build/mutation/; the table comes from report.py (equivalent mutants
# of equivalent.md left out of the score). With complaints_rules, moves.py also mutates the
# status table, which cosmic-ray leaves alone (it does not touch set literals): moves.log.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/tools/mutation
OUT=$ROOT/build/mutation
VENV=$(cd "$ROOT" && cd "${VENV:-.venv}" && pwd)
JOBS=${JOBS:-2}  # each session runs one pytest at a time: one job per core

if [ ! -x "$VENV/bin/cosmic-ray" ]; then
    echo "cosmic-ray absent de $VENV : installez-le avec « $VENV/bin/pip install cosmic-ray »" \
         "(outil de développement, hors des dépendances du projet)." >&2
    exit 2
fi

if [ $# -gt 0 ]; then
    names=("$@")
else
    names=()
    for config in "$HERE"/*.toml; do names+=("$(basename "$config" .toml)"); done
fi
for name in "${names[@]}"; do
    [ -f "$HERE/$name.toml" ] || { echo "Configuration inconnue : $HERE/$name.toml" >&2; exit 2; }
done
mkdir -p "$OUT"

run_one() {
    local name=$1 work session log
    work=$(mktemp -d "${TMPDIR:-/tmp}/rcdesk-mutation-$name.XXXXXX")
    session=$OUT/$name.sqlite
    log=$OUT/$name.log
    # the tree as it is now (uncommitted edits included), without caches or bytecode: a
    # mutated module must never be shadowed by a stale .pyc
    tar -C "$ROOT" --exclude=__pycache__ --exclude='*.pyc' -cf - rcdesk tests setup.cfg \
        pyproject.toml | tar -C "$work" -xf -
    (
        set -e
        cd "$work"
        export PATH="$VENV/bin:$PATH" PYTHONPATH="$work" QT_QPA_PLATFORM=offscreen \
               PYTHONDONTWRITEBYTECODE=1
        if [ "${RETRY:-0}" = 1 ] && [ -f "$session" ]; then
            python "$HERE/report.py" reset-survivors "$session"
        else
            rm -f "$session"
            cosmic-ray init "$HERE/$name.toml" "$session"
            python "$HERE/report.py" skip-annotations "$session"
            cr-filter-operators "$session" "$HERE/$name.toml"
        fi
        if ! cosmic-ray baseline "$HERE/$name.toml"; then
            echo "$name : les tests échouent sans mutation, session abandonnée" >&2
            exit 1
        fi
        cosmic-ray exec "$HERE/$name.toml" "$session"
        if [ "$name" = complaints_rules ] && [ "${RETRY:-0}" != 1 ]; then
            # the set literals cosmic-ray leaves alone (a retry keeps the last moves.log)
            python "$HERE/moves.py" >"$OUT/moves.log" 2>&1
        fi
    ) >"$log" 2>&1
    local status=$?
    rm -rf "$work"
    echo "$name : terminé (statut $status, journal $log)"
    return $status
}
export -f run_one
export ROOT HERE OUT VENV RETRY

printf '%s\n' "${names[@]}" | xargs -P "$JOBS" -I{} bash -c 'run_one "$@"' _ {} || failed=1

sessions=()
for name in "${names[@]}"; do sessions+=("$OUT/$name.sqlite"); done
cd "$ROOT"
"$VENV/bin/python" "$HERE/report.py" table "${sessions[@]}"
if [ -f "$OUT/moves.log" ] && [[ " ${names[*]} " == *" complaints_rules "* ]]; then
    grep -h "^Table des passages" "$OUT/moves.log" || true
fi
exit ${failed:-0}
