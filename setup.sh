#!/usr/bin/env bash
# Set up interphase on a fresh Debian 12 machine and run the main job:
# install the Debian packages it needs, build the program (build/interphase),
# print the reaction energies of Li6PS5Cl/Li2RuO3 and Li3InCl6/Li2RuO3 on the
# default data set, then build the Python module (build/python, for
# /usr/bin/python3). The tests are built by the test command,
# `cmake --build build --target check`, not here.
#   ./setup.sh            install, build, run the main job
#   ./setup.sh --no-run   install and build only
set -euo pipefail
cd "$(dirname "$0")"

packages=(cmake g++ make libqhull-dev libeigen3-dev libsqlite3-dev libspdlog-dev
          libboost-test-dev libcli11-dev nlohmann-json3-dev libssl-dev
          libcpp-httplib-dev pkg-config
          pybind11-dev python3-dev python3-pytest python3-pandas python3-matplotlib)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j "$(nproc)" --target interphase

if [ "${1:-}" != "--no-run" ]; then
  echo
  build/interphase react Li6PS5Cl Li2RuO3
  echo
  build/interphase react Li3InCl6 Li2RuO3
fi
# The Python module after the main job's answer (it shares the library just built).
cmake --build build -j "$(nproc)" --target _interphase
