#!/usr/bin/env bash
# Runs every MeshCall test on a fresh machine: installs what the browser and service tests need (Debian's
# chromium, chromium-driver, prosody, ejabberd for the cluster tests, coturn, nftables for the network-outage tests,
# and npm if missing; idempotent), then the whole Maven build with unit and e2e tests.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium chromium-driver prosody ejabberd coturn nftables)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# npm installs axe-core for the e2e accessibility checks (e2e-tests/package-lock.json), and terser, which minifies
# the SDK, and TypeScript for its typings (client/package-lock.json). Debian ships it apart from nodejs;
# NodeSource's nodejs has it inside, so ask for the command, not the package.
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  # The tests start their own ejabberd nodes on 127.0.0.1 (EjabberdCluster). Should the package's install have
  # started its service (all interfaces, port 5222), stop it by its PID, and its epmd (port 4369) with it.
  if [ -s /run/ejabberd/ejabberd.pid ]; then
    pid=$(cat /run/ejabberd/ejabberd.pid)
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do [ -e "/proc/$pid" ] || break; sleep 0.1; done
    epmd -kill >/dev/null 2>&1 || true
  fi
fi

# The e2e JVM runs in a loopback-only network namespace through this wrapper; git may not keep its mode.
chmod +x e2e-tests/src/test/netns/java 2>/dev/null || true

exec mvn -B verify "$@"
