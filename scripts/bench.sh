#!/usr/bin/env bash
# Runs every MeshCall benchmark and prints one table (also in e2e-tests/target/bench/results.md). Figures, not
# pass/fail: each stands beside a baseline measured in the same run. Needs what scripts/test-all.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
chmod +x e2e-tests/src/test/netns/java 2>/dev/null || true
mvn -B -q -Pbench verify -Dcheckstyle.skip -De2e.xmpp.skip=true "$@"
echo
cat e2e-tests/target/bench/results.md
