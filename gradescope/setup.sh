#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (its Ubuntu base
# image): it installs Node and then the grader's dependencies, exactly as package-lock.json names
# them. It runs on Gradescope's machine, never on ours.
#
# Node comes from the official release tarball on nodejs.org, pinned to one version and checked
# against the release's SHASUMS256.txt before it is unpacked into /usr/local. Why the tarball
# rather than an apt repository: one exact version on every rebuild, and no third-party apt
# source or signing key to add to the image. The grader needs Node 20.19 or newer.
set -euo pipefail

NODE_VERSION=20.20.2
SOURCE="$(cd "$(dirname "$0")" && pwd)"

node_is_recent() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
}

if ! node_is_recent; then
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "setup.sh: no Node build for the machine type $(uname -m)" >&2; exit 1 ;;
  esac
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends ca-certificates curl xz-utils >/dev/null
  tarball="node-v${NODE_VERSION}-linux-${arch}.tar.xz"
  work="$(mktemp -d)"
  curl -fsSL --retry 3 -o "$work/$tarball" "https://nodejs.org/dist/v${NODE_VERSION}/${tarball}"
  curl -fsSL --retry 3 -o "$work/SHASUMS256.txt" "https://nodejs.org/dist/v${NODE_VERSION}/SHASUMS256.txt"
  (cd "$work" && grep " ${tarball}\$" SHASUMS256.txt | sha256sum -c -)
  tar -xJf "$work/$tarball" -C /usr/local --strip-components=1 --no-same-owner
  rm -rf "$work"
fi
node_is_recent || { echo "setup.sh: Node 20.19 or newer is needed, found $(node --version 2>&1)" >&2; exit 1; }
echo "setup.sh: node $(node --version), npm $(npm --version)"

# The sandbox limits memory with prlimit and isolates with unshare (both util-linux); the grader
# says which protections it found and grades with the rest if one is missing.
command -v prlimit >/dev/null 2>&1 && command -v unshare >/dev/null 2>&1 ||
  { apt-get install -y -qq --no-install-recommends util-linux >/dev/null || true; }

cd "$SOURCE"
npm ci --omit=dev --no-audit --no-fund
