#!/usr/bin/env bash
# Starts a MinIO server on 127.0.0.1 for the S3 tests of packages/storage,
# creates the test bucket and prints the environment variables to export.
# MinIO is built once from the Go module proxy at a pinned version and cached
# outside the repository.
#
# Usage: scripts/s3-test-server.sh [start] [PORT] [DATA_DIR]   (default 9100, a new temp dir)
#        scripts/s3-test-server.sh stop DATA_DIR
#        eval "$(scripts/s3-test-server.sh start 9100 /tmp/procella-s3)"
#
# The server listens only on loopback (127.0.0.1, and ::1, which MinIO adds
# for a 127.0.0.1 address) and has its update check, web console and call-home
# reporting switched off, so it contacts no other host. Its
# process id is written to DATA_DIR/minio.pid.
set -euo pipefail

# MinIO publishes no semver tags, so the proxy serves it only as a pseudo-version.
MINIO_VERSION="${MINIO_VERSION:-v0.0.0-20260212201848-7aac2a2c5b7c}"
ACCESS_KEY="procella-test"
SECRET_KEY="procella-test-secret"
BUCKET="procella-test"
REGION="us-east-1"
READY_TIMEOUT_SECONDS=60

log() { echo "s3-test-server: $*" >&2; }

command="start"
if [[ "${1:-}" == "start" || "${1:-}" == "stop" ]]; then
  command="$1"
  shift
fi

if [[ "$command" == "stop" ]]; then
  data_dir="${1:?usage: s3-test-server.sh stop DATA_DIR}"
  pid_file="$data_dir/minio.pid"
  if [[ -f "$pid_file" ]]; then
    pid="$(cat "$pid_file")"
    kill "$pid" 2>/dev/null && log "stopped MinIO (pid $pid)" || log "MinIO (pid $pid) was not running"
    rm -f "$pid_file"
  else
    log "no $pid_file, nothing to stop"
  fi
  exit 0
fi

port="${1:-9100}"
data_dir="${2:-$(mktemp -d -t procella-s3-XXXXXX)}"
endpoint="http://127.0.0.1:$port"
console_port=$((port + 1))

cache_root="${PROCELLA_CACHE_DIR:-$HOME/.cache/procella}"
bin_dir="$cache_root/minio-$MINIO_VERSION/bin"
minio="$bin_dir/minio"

if [[ ! -x "$minio" ]]; then
  log "building MinIO $MINIO_VERSION (about 5 minutes on a cold Go cache)"
  mkdir -p "$bin_dir"
  GOBIN="$bin_dir" go install "github.com/minio/minio@$MINIO_VERSION" >&2
fi

mkdir -p "$data_dir/data"
pid_file="$data_dir/minio.pid"

if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  log "MinIO already running (pid $(cat "$pid_file")) for $data_dir"
else
  # env -i keeps the caller's AWS_* and MINIO_* settings (remote targets, KMS,
  # identity providers) out of the server.
  env -i PATH="$PATH" HOME="$data_dir" \
    MINIO_ROOT_USER="$ACCESS_KEY" MINIO_ROOT_PASSWORD="$SECRET_KEY" \
    MINIO_UPDATE=off MINIO_BROWSER=off MINIO_CALLHOME_ENABLE=off \
    "$minio" server --quiet --anonymous \
    --address "127.0.0.1:$port" --console-address "127.0.0.1:$console_port" \
    "$data_dir/data" >"$data_dir/minio.log" 2>&1 &
  echo $! >"$pid_file"
  log "started MinIO (pid $!) on $endpoint, log in $data_dir/minio.log"
fi

ready=false
for _ in $(seq 1 $((READY_TIMEOUT_SECONDS * 2))); do
  if curl -fsS -o /dev/null "$endpoint/minio/health/ready" 2>/dev/null; then
    ready=true
    break
  fi
  if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    break
  fi
  sleep 0.5
done
if [[ "$ready" != true ]]; then
  log "MinIO did not become ready on $endpoint within ${READY_TIMEOUT_SECONDS}s; last log lines:"
  tail -n 20 "$data_dir/minio.log" >&2 || true
  exit 1
fi

# PUT /<bucket> creates the bucket. HTTP 409 (BucketAlreadyOwnedByYou) means it exists.
status="$(curl -sS -o /dev/null -w '%{http_code}' -X PUT \
  --aws-sigv4 "aws:amz:$REGION:s3" --user "$ACCESS_KEY:$SECRET_KEY" "$endpoint/$BUCKET")"
if [[ "$status" != "200" && "$status" != "409" ]]; then
  log "creating bucket $BUCKET failed with HTTP $status"
  exit 1
fi

cat <<ENV
export PROCELLA_TEST_S3_ENDPOINT=$endpoint
export PROCELLA_TEST_S3_BUCKET=$BUCKET
export PROCELLA_TEST_S3_REGION=$REGION
export AWS_ACCESS_KEY_ID=$ACCESS_KEY
export AWS_SECRET_ACCESS_KEY=$SECRET_KEY
# stop with: scripts/s3-test-server.sh stop $data_dir
ENV
