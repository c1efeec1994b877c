#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (its Ubuntu base
# image): it installs Node and then the grader's dependencies, exactly as package-lock.json names
# them. It runs on Gradescope's machine, never on ours.
#
# Node comes from the official release tarball on nodejs.org, pinned to one version and checked
# against the release's SHASUMS256.txt before it is unpacked into /usr/local. Why the tarball
# rather than an apt repository: one exact version on every rebuild, and no third-party apt
# source or signing key to add to the image. It installs the active LTS, Node 24, unless the
# image already has a Node 24.
set -euo pipefail

NODE_VERSION=24.21.0
SOURCE="$(cd "$(dirname "$0")" && pwd)"

node_is_recent() {
  command -v node >/dev/null 2>&1 && node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 24 ? 0 : 1)'
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
node_is_recent || { echo "setup.sh: Node 24 is needed, found $(node --version 2>&1)" >&2; exit 1; }
echo "setup.sh: node $(node --version), npm $(npm --version)"

# The sandbox's jails: bubblewrap (every namespace, a read-only root of the system's libraries),
# else unshare, and prlimit for the limits (both util-linux). Where the image's container does not
# permit namespaces, the grader finds that at start, says which protections are active, and grades
# with the rest (SECURITY.md).
if ! command -v bwrap >/dev/null 2>&1 || ! command -v prlimit >/dev/null 2>&1 || ! command -v unshare >/dev/null 2>&1; then
  apt-get update -qq || true
  apt-get install -y -qq --no-install-recommends bubblewrap util-linux >/dev/null || true
fi

cd "$SOURCE"
npm ci --omit=dev --no-audit --no-fund
