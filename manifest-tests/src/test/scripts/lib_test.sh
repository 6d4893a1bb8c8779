#!/usr/bin/env bash
# The logic of scripts/lib.sh that runs without a cluster: the project's version and jars, architecture and download
# names, istioctl's version, checksums, downloads, the memory check, the overlay that keeps the live split, and
# load.sh's counting.
# shellcheck source-path=SCRIPTDIR source=harness.sh
source "$(dirname "$0")/harness.sh"
# shellcheck source=/dev/null
source "$PROJECT_ROOT/scripts/lib.sh"

test_the_project_version_is_the_root_poms_own_and_names_the_jars() {
  local dir
  dir=$(mktemp -d)
  cat >"$dir/pom.xml" <<'POM'
<project>
  <parent>
    <groupId>io.micronaut.platform</groupId>
    <artifactId>micronaut-parent</artifactId>
    <version>4.10.11</version>
  </parent>
  <artifactId>mesh-demo</artifactId>
  <version>1.2.3</version>
</project>
POM
  assert_eq 1.2.3 "$(ROOT=$dir project_version)" "the project's version, not its parent's"
  assert_eq "$dir/access-app/target/access-app-1.2.3.jar" "$(ROOT=$dir VERSION=1.2.3 app_jar access-app)"
  rm -rf "$dir"
}

test_machine_types_map_to_the_image_architectures_jib_and_docker_use() {
  assert_eq amd64 "$(image_architecture x86_64)" "Linux/Intel Mac"
  assert_eq amd64 "$(image_architecture amd64)"
  assert_eq arm64 "$(image_architecture arm64)" "Apple silicon (uname -m on macOS)"
  assert_eq arm64 "$(image_architecture aarch64)" "arm64 Linux"
  assert_fails_with "no images for machine type riscv64" image_architecture riscv64
}

test_istio_archives_are_named_as_the_release_names_them() {
  assert_eq istio-1.27.1-linux-amd64.tar.gz "$(istio_archive_name 1.27.1 Linux x86_64)"
  assert_eq istio-1.27.1-linux-arm64.tar.gz "$(istio_archive_name 1.27.1 Linux aarch64)"
  assert_eq istio-1.27.1-osx.tar.gz "$(istio_archive_name 1.27.1 Darwin x86_64)"
  assert_eq istio-1.27.1-osx-arm64.tar.gz "$(istio_archive_name 1.27.1 Darwin arm64)"
  assert_fails_with "no Istio download for FreeBSD" istio_archive_name 1.27.1 FreeBSD amd64
}

test_istioctl_client_version_is_read_from_current_and_older_output() {
  assert_eq 1.27.1 "$(printf 'client version: 1.27.1\n' | istioctl_client_version)" "istioctl 1.27"
  assert_eq 1.27.1 "$(printf '1.27.1\n' | istioctl_client_version)" "an older --short"
  assert_eq 1.22.0 "$(printf 'no ready Istio pods in "istio-system"\nclient version: 1.22.0\n' | istioctl_client_version)"
  assert_eq "" "$(printf 'command not found\n' | istioctl_client_version)" "output without a version"
}

test_a_file_matching_its_published_checksum_passes() {
  local dir
  dir=$(mktemp -d)
  printf 'istioctl' >"$dir/a.tar.gz"
  echo "$(sha256_of "$dir/a.tar.gz")  a.tar.gz" >"$dir/a.tar.gz.sha256"
  verify_sha256 "$dir/a.tar.gz" "$dir/a.tar.gz.sha256"
  assert_eq istioctl "$(cat "$dir/a.tar.gz")" "the verified file"
  rm -rf "$dir"
}

test_a_file_not_matching_its_published_checksum_stops_and_is_removed() {
  local dir
  dir=$(mktemp -d)
  printf 'tampered' >"$dir/a.tar.gz"
  echo "$(printf 'istioctl' | sha256_of /dev/stdin)  a.tar.gz" >"$dir/a.tar.gz.sha256"
  assert_fails_with "checksum mismatch for a.tar.gz" verify_sha256 "$dir/a.tar.gz" "$dir/a.tar.gz.sha256"
  [ ! -e "$dir/a.tar.gz" ] || { echo "    the mismatching file is still there" >&2; exit 1; }
  rm -rf "$dir"
}

test_a_checksum_file_without_a_checksum_stops() {
  local dir
  dir=$(mktemp -d)
  printf 'x' >"$dir/a"
  echo '<html>Not Found</html>' >"$dir/a.sha256"
  assert_fails_with "holds no SHA-256" verify_sha256 "$dir/a" "$dir/a.sha256"
  rm -rf "$dir"
}

test_download_keeps_a_file_only_once_its_checksum_matches() {
  local dir
  dir=$(mktemp -d)
  mkdir "$dir/release" "$dir/tools"
  printf 'release' >"$dir/release/istio.tar.gz"
  echo "$(sha256_of "$dir/release/istio.tar.gz")  istio.tar.gz" >"$dir/release/istio.tar.gz.sha256"
  download "file://$dir/release/istio.tar.gz" "$dir/tools/istio.tar.gz"
  assert_eq release "$(cat "$dir/tools/istio.tar.gz")"
  [ ! -e "$dir/tools/istio.tar.gz.part" ] || { echo "    a partial file stayed" >&2; exit 1; }
  rm -rf "$dir"
}

test_download_stops_at_once_when_the_file_or_its_checksum_is_missing() {
  local dir
  dir=$(mktemp -d)
  mkdir "$dir/release"
  printf 'release' >"$dir/release/only-the-file.tar.gz"
  assert_fails_with "download failed: file://$dir/release/missing.tar.gz" \
    download "file://$dir/release/missing.tar.gz" "$dir/tools/missing.tar.gz"
  assert_fails_with "only-the-file.tar.gz.sha256 (the published checksum)" \
    download "file://$dir/release/only-the-file.tar.gz" "$dir/tools/only-the-file.tar.gz"
  [ -z "$(ls -A "$dir/tools")" ] || { echo "    left behind: $(ls "$dir/tools")" >&2; exit 1; }
  rm -rf "$dir"
}

test_a_docker_vm_below_4_gib_is_refused_with_what_to_do() {
  check_docker_memory $(( 4 * 1024 * 1024 * 1024 - 200 * 1024 * 1024 ))  # a 4 GiB VM reports a little less
  assert_fails_with "Docker has 1990 MiB of memory; the cluster needs a 4 GiB Docker VM" \
    check_docker_memory $(( 1990 * 1024 * 1024 ))
}

test_the_redeploy_overlay_applies_istio_without_the_split_it_keeps() {
  local dir rendered
  dir=$(mktemp -d "$PROJECT_ROOT/manifest-tests/target/overlay.XXXXXX")
  write_istio_keeping_split "$dir"
  rendered=$("${KUBECTL:-kubectl}" kustomize "$dir")
  assert_eq "AuthorizationPolicy access-app,AuthorizationPolicy logic-app,AuthorizationPolicy mesh-console,DestinationRule logic-app,Gateway mesh-demo-gateway,PeerAuthentication default,VirtualService mesh-demo-ingress" \
    "$(echo "$rendered" | awk '/^kind:/ { kind = $2 } /^  name:/ { print kind " " $2 }' | sort | paste -sd, -)" \
    "the objects it applies"
  rm -rf "$dir"
}

test_load_answers_are_counted_by_version_error_or_silence() {
  assert_eq v2 "$(answer_key '{"message":"Hello, load-1!","version":"v2","instance":"p:9090","stars":4}')"
  assert_eq "error: unavailable" "$(answer_key '{"error":"unavailable","detail":"no healthy upstream"}')"
  assert_eq "no answer" "$(answer_key '')"
  assert_eq "$(printf '    %-28s %6d  %5.1f%%\n' v1 3 75.0 v2 1 25.0)" "$(printf 'v2\nv1\nv1\nv1\n' | tally_answers 4)"
}

test_the_cluster_scripts_use_nothing_bash_3_2_lacks() {
  # macOS ships bash 3.2: no associative arrays, mapfile/readarray, case conversion, namerefs, |& or &>>.
  local found
  found=$(grep -nE 'declare -[A-Za-z]*[An]|\bmapfile\b|\breadarray\b|\$\{[A-Za-z_]+(,,|\^\^)|\|&|&>>|\bcoproc\b' \
    "$PROJECT_ROOT"/scripts/{lib,cluster-up,build-images,deploy,undeploy,load,console}.sh || true)
  assert_eq "" "$found" "bash 4 constructs"
}

test_cluster_up_runs_the_k3s_image_the_k3s_tests_pin() {
  local script tests
  script=$(sed -n 's/^K3S_IMAGE=\(.*\)$/\1/p' "$PROJECT_ROOT/scripts/cluster-up.sh")
  tests=$(sed -n 's/.*K3S_IMAGE = .*"\(rancher\/k3s:[^"]*\)".*/\1/p' \
    "$PROJECT_ROOT/cluster-tests/src/test/java/demo/mesh/cluster/Project.java")
  assert_contains "$script" "rancher/k3s:v" "cluster-up.sh's K3S_IMAGE"
  assert_eq "$tests" "$script" "cluster-up.sh's k3s image"
}

run_tests
