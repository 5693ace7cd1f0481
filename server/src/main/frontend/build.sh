#!/usr/bin/env bash
# Builds the dashboard into target/classes/dashboard (served by the jar at /) with this machine's
# npm: 'npm ci' against the committed package-lock.json, then 'vite build'. Nothing downloads Node.
# Both steps run only when their inputs changed. Without npm the jar is built without the
# dashboard (a warning), unless AISPRINT_DASHBOARD_REQUIRED=1 (CI) makes that an error.
set -euo pipefail
cd "$(dirname "$0")"
out=../../../target/classes/dashboard
if ! command -v npm >/dev/null; then
  if [[ "${AISPRINT_DASHBOARD_REQUIRED:-}" == 1 ]]; then
    echo "error: npm is needed to build the dashboard (apt-get install npm)" >&2
    exit 1
  fi
  echo "warning: npm not found: the server is built without its dashboard (apt-get install npm)" >&2
  exit 0
fi
stamp=node_modules/.aisprint-package-lock.json
if [[ ! -f $stamp ]] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
if [[ ! -f $out/index.html ]] || [[ -n "$(find index.html vite.config.js package-lock.json src -newer "$out/index.html" -print -quit)" ]]; then
  npx --no-install vite build --logLevel warn
fi
