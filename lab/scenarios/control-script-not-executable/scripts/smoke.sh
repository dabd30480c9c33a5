#!/usr/bin/env bash
set -euo pipefail
./bin/app | grep -q "hello from app"
echo "smoke ok"
