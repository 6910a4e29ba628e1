#!/usr/bin/env bash
# Runs every MeshCall test on a fresh machine: installs what the browser and service tests need (Debian's
# chromium, chromium-driver, prosody, coturn, nftables for the network-outage tests, and npm if missing; idempotent),
# then the whole Maven build with unit and e2e tests.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium chromium-driver prosody coturn nftables)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# npm installs axe-core for the e2e accessibility checks (e2e-tests/package-lock.json). Debian ships it apart from
# nodejs; NodeSource's nodejs has it inside, so ask for the command, not the package.
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# The e2e JVM runs in a loopback-only network namespace through this wrapper; git may not keep its mode.
chmod +x e2e-tests/src/test/netns/java 2>/dev/null || true

exec mvn -B verify "$@"
