#!/usr/bin/env bash
# Run the parley CLI from source (no build needed): scripts/parley-dev.sh compare examples/minimal.yaml
here="$(cd "$(dirname "$0")/.." && pwd)"
exec node --conditions=source --import tsx "$here/packages/cli/src/main.ts" "$@"
