#!/usr/bin/env bash
# Lintel's run command: builds everything and starts Lintel on this machine with embedded defaults.
# At this stage (foundation) it validates and summarises the device-profile library and the sample community;
# later parts turn it into the whole running system (simulators → gateways → hub → console).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -ntp -DskipTests install
exec java -jar device-profiles/target/lintel-profiles.jar validate device-profiles/profiles device-profiles/sites "$@"
