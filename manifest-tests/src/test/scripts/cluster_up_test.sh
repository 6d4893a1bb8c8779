#!/usr/bin/env bash
# scripts/cluster-up.sh up to the point where it would need a real cluster: with stand-ins for docker, k3d, kubectl
# and curl on the PATH (no Docker engine, k3d or network here), it must stop before it creates anything.
# shellcheck source-path=SCRIPTDIR source=harness.sh
source "$(dirname "$0")/harness.sh"

# stand_ins DIR MEMORY_BYTES: tools that record their calls in DIR/calls; curl fails as a broken download does.
stand_ins() {
  local dir=$1 memory=$2 tool
  mkdir -p "$dir/bin"
  cat >"$dir/bin/docker" <<STANDIN
#!/usr/bin/env bash
echo "docker \$*" >>"$dir/calls"
[ "\$1" = info ] && echo $memory
exit 0
STANDIN
  for tool in k3d kubectl; do
    printf '#!/usr/bin/env bash\necho "%s $*" >>"%s/calls"\nexit 0\n' "$tool" "$dir" >"$dir/bin/$tool"
  done
  printf '#!/usr/bin/env bash\necho "curl $*" >>"%s/calls"\necho "curl: (22) The requested URL returned error: 404" >&2\nexit 22\n' \
    "$dir" >"$dir/bin/curl"
  chmod +x "$dir"/bin/*
}

# cluster_up MEMORY_BYTES: runs cluster-up.sh among the stand-ins; sets OUTPUT and CALLS, fails if it succeeds.
cluster_up() {
  local dir
  dir=$(mktemp -d)
  stand_ins "$dir" "$1"
  if OUTPUT=$(PATH="$dir/bin:$PATH" bash "$PROJECT_ROOT/scripts/cluster-up.sh" --istio-version 0.0.0-test 2>&1); then
    echo "    cluster-up.sh succeeded among stand-ins: $OUTPUT" >&2
    exit 1
  fi
  CALLS=$(cat "$dir/calls")
  rm -rf "$dir"
}

test_a_docker_with_2_gib_is_refused_before_anything_is_created() {
  cluster_up $(( 2 * 1024 * 1024 * 1024 ))
  assert_contains "$OUTPUT" "Docker has 2048 MiB of memory; the cluster needs a 4 GiB Docker VM"
  assert_eq "" "$(echo "$CALLS" | grep -E '^(k3d|curl)' || true)" "k3d and curl calls"
}

test_a_failed_download_stops_the_script_before_the_cluster_is_created() {
  cluster_up $(( 8 * 1024 * 1024 * 1024 ))
  assert_contains "$OUTPUT" "download failed: https://github.com/istio/istio/releases/download/0.0.0-test/istio-0.0.0-test-"
  assert_eq "" "$(echo "$CALLS" | grep '^k3d' || true)" "k3d calls"
  [ ! -e "$PROJECT_ROOT/target/tools/istio-0.0.0-test" ] || { echo "    something was unpacked" >&2; exit 1; }
}

run_tests
