#!/usr/bin/env bash
# Reproducibility check of rules/world/: installs the pinned packages into a private venv under
# target/ (reused while requirements.txt is unchanged) and runs generate.py --check.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/rulegen-venv
stamp="$venv/requirements.sha256"
want=$(sha256sum tools/rulegen/requirements.txt | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r tools/rulegen/requirements.txt \
    || "$venv/bin/pip" install --quiet --disable-pip-version-check -r tools/rulegen/requirements.txt
  echo "$want" >"$stamp"
fi
"$venv/bin/python" tools/rulegen/generate.py --check
