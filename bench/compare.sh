#!/usr/bin/env bash
# cnnc vs PyTorch (the peer) on LeNet-5, VGG-small and the 1-D net, in one run.
# Usage: bench/compare.sh [--threads T] [--scale S] [--markdown] [--json OUT] [--cnnc-rounds R] [--vector-api]
set -euo pipefail
exec /usr/bin/python3 "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/compare.py" "$@"
