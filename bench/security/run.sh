#!/usr/bin/env bash
# bench/security: rule sets for 1k/10k devices, first-packet vs later-packet latency in real namespaces,
# access decisions per second through the contracts on a local ganache chain. Needs root, nft, ip, python3,
# and `npm ci` in security/contracts. Prints the README tables.
set -euo pipefail
cd "$(dirname "$0")/../.."
uptime
mvn -B -q -pl security -am test -Dtest='DataPlaneBench,ContractBench' -Daisprint.bench=true \
  -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E '^\|'
