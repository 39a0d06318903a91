#!/usr/bin/env bash
# Lintel's run command: builds everything and starts Lintel on this machine with embedded defaults.
# Today: validates the device-profile library and the sample community, then serves the whole community over
# Modbus, CoAP and OPC UA from the simulators (HTTP API on :8090). Later parts add gateways, hub and console.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -ntp -DskipTests install
java -jar device-profiles/target/lintel-profiles.jar validate device-profiles/profiles device-profiles/sites
echo
echo "Starting the simulated community (Ctrl-C stops). Try:"
echo "  curl -s localhost:8090/devices | head -40"
echo "  java -jar simulators/target/lintel-simulators.jar scenario start fire b1-f01-smoke"
echo "  curl -s localhost:8090/truth/b1-0101-em"
exec java -jar simulators/target/lintel-simulators.jar --site device-profiles/sites/sample-community.yaml --data data/simulators "$@"
