#!/usr/bin/env bash
# Mutation score of perfscore's core modules (slow: not run in CI). From a clean checkout:
#   bash scripts/mutation.sh                 # every module listed in scripts/mutation.py
#   bash scripts/mutation.sh numbers rules   # some of them; options: --jobs N, --survivors
# Creates .venv-mutation with the test and mutation extras unless PYTHON names an interpreter
# that already has them (and perfscore's dependencies).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${PYTHON:-}" ]]; then
  if [[ ! -x .venv-mutation/bin/python ]]; then
    python3 -m venv .venv-mutation
    .venv-mutation/bin/python -m pip install --quiet --upgrade pip
    .venv-mutation/bin/python -m pip install --quiet -e ".[test,mutation]"
  fi
  PYTHON=.venv-mutation/bin/python
fi
exec "$PYTHON" scripts/mutation.py "$@"
