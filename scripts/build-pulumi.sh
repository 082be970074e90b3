#!/usr/bin/env bash
# Builds the Pulumi CLI, the YAML language host and the project's test
# resource provider from the Go module proxy, at pinned versions, into a cache
# outside the repository. Prints the bin directory on the last line.
#
# Usage: scripts/build-pulumi.sh            (build if missing)
#        PROCELLA_CACHE_DIR=/path scripts/build-pulumi.sh
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-3.276.0}"
PULUMI_YAML_VERSION="${PULUMI_YAML_VERSION:-1.25.0}"
# The clipboard fork is a replace directive in pulumi/pkg's own go.mod; a
# wrapper module has to repeat it because replace directives of dependencies
# are ignored.
CLIPBOARD_FORK="github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${PROCELLA_CACHE_DIR:-$HOME/.cache/procella}"
# The provider binary is named after a hash of its sources, so a change to
# them builds a new binary on the next run.
provider_hash="$(cat "$repo_root"/tools/provider/go.mod "$repo_root"/tools/provider/go.sum "$repo_root"/tools/provider/*.go 2>/dev/null | sha256sum | cut -c1-12 || true)"
build_dir="$cache_root/pulumi-v$PULUMI_VERSION-yaml-v$PULUMI_YAML_VERSION"
bin_dir="$build_dir/bin"

log() { echo "build-pulumi: $*" >&2; }

mkdir -p "$build_dir/wrapper" "$bin_dir"

if [[ ! -x "$bin_dir/pulumi" ]]; then
  log "building pulumi v$PULUMI_VERSION (takes several minutes on a cold Go cache)"
  cd "$build_dir/wrapper"
  cat > go.mod <<GOMOD
module procella.local/pulumi-build

go 1.26

require (
	github.com/pulumi/pulumi/pkg/v3 v$PULUMI_VERSION
	github.com/pulumi/pulumi/sdk/v3 v$PULUMI_VERSION
)

replace github.com/atotto/clipboard => $CLIPBOARD_FORK
GOMOD
  cat > tools.go <<'GOSRC'
//go:build tools

package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
GOSRC
  GOFLAGS=-mod=mod go mod tidy >&2
  version_pkg="github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"
  go build -o "$bin_dir/pulumi" -ldflags "-s -w -X $version_pkg=v$PULUMI_VERSION" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
fi

if [[ ! -x "$bin_dir/pulumi-language-yaml" ]]; then
  # pulumi-yaml is built against the pulumi/pkg version its own go.mod pins,
  # because its code does not compile against newer pulumi/pkg APIs.
  log "building pulumi-language-yaml v$PULUMI_YAML_VERSION"
  GOBIN="$bin_dir" go install -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=v$PULUMI_YAML_VERSION" \
    "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$PULUMI_YAML_VERSION"
fi

provider_bin="$bin_dir/pulumi-resource-random-$provider_hash"
if [[ -d "$repo_root/tools/provider" ]]; then
  if [[ ! -x "$provider_bin" ]]; then
    log "building the test resource provider"
    (cd "$repo_root/tools/provider" && go build -o "$provider_bin" .)
  fi
  # Relink on every run so that the link follows the current sources, also
  # back to a binary built earlier.
  ln -sf "$provider_bin" "$bin_dir/pulumi-resource-random"
fi

echo "$bin_dir"
