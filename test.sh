#!/usr/bin/env bash
# Lintel's test command: prepares what the tests need on a fresh Debian machine, then runs every test.
# Needs Java 17 and Maven; everything else is installed here when missing.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the test suite talks to (real servers and tools, never mocks). Later parts of Lintel add to
# this list; the foundation needs none yet.
DEBIAN_PACKAGES=()

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages the tests need: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

mvn -B -ntp verify "$@"
