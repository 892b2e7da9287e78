#!/usr/bin/env bash
# Installs the Debian 12 packages regsim needs to build and test (skips what is already there).
set -euo pipefail
packages=(build-essential cmake ninja-build pkg-config git ccache
          libtbb-dev libeigen3-dev libboost-graph-dev libboost-math-dev libtomlplusplus-dev librandom123-dev
          libfmt-dev libcli11-dev nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev
          libsqlite3-dev libopenmpi-dev openmpi-bin python3-matplotlib
          pybind11-dev python3-dev python3-pandas python3-pytest python3-statsmodels python3-scipy
          libsfml-dev libx11-dev libimgui-dev libstb-dev xvfb xauth libgl1-mesa-dri libglx-mesa0 fonts-dejavu-core
          libcpp-httplib-dev)
# The classroom's browser test (tests/classroom/browser_test.py) drives headless Chromium; without
# these it skips with a message, so a failure to install them never stops the build.
browser_packages=(chromium chromium-driver python3-selenium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
missing=()
for p in "${browser_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing (for the browser test): ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" || echo "warning: could not install ${missing[*]}; the browser test will skip"
fi
