#!/usr/bin/env bash
# Builds one binary per "os/arch" in TARGETS.
set -euo pipefail
for target in ${TARGETS}; do
  os="${target%/*}"
  arch="${target#*/}"
  echo "building ${os}/${arch}"
  GOOS="${os}" GOARCH="${arch}" go build -o "dist/app-${os}-${arch}" .
done
