#!/usr/bin/env bash
# Installs the Debian packages edigate builds and tests with. Idempotent: installs only what is missing.
set -euo pipefail
packages=(pkg-config zlib1g-dev libxml2-dev libssh-dev python3-venv openssh-server openssh-client)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" >/dev/null
fi

# The schema tests validate emitted events with Python's jsonschema (Draft 2020-12).
if ! python3 -c 'import jsonschema, rfc3339_validator' 2>/dev/null; then
  echo "installing Python packages: jsonschema rfc3339-validator"
  python3 -m pip install -q jsonschema rfc3339-validator
fi
