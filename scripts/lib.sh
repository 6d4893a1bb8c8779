# Shared by the scripts and the benchmarks (sourced, not run): the project's version and jars, the local mesh's ports
# and xDS bootstrap, and for the cluster scripts names, progress output and checks for the tools they need.
# Its variables are read by the scripts that source it.
# shellcheck shell=bash disable=SC2034

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NAMESPACE=mesh-demo
CLUSTER=${MESH_DEMO_CLUSTER:-mesh-demo}
APPS=(logic-app-v1 logic-app-v2 access-app mesh-console)
# The project's version, from the root pom (its own <version>, not the parent's): jar names and image tags (the one
# the k8s kustomization expects) follow it.
project_version() {
  sed -n '/<parent>/,/<\/parent>/d; s:^  <version>\(.*\)</version>$:\1:p' "$ROOT/pom.xml" | head -1
}
VERSION=$(project_version)

# app_jar MODULE: where ./mvnw package leaves MODULE's jar.
app_jar() { echo "$ROOT/$1/target/$1-$VERSION.jar"; }

# jvm_options MODULE: the start-up settings MODULE's pod sets in k8s/ besides its memory (K8sManifestsTest checks they
# agree), for the scripts and benchmarks that start it here.
#   -XX:CompileThresholdScaling=3: compile three times later than the JVM's defaults. Code that runs a few thousand
#     times while the app starts, and never again, was being compiled by C2 at as much CPU as the start itself;
#     request paths under load still reach C2 within seconds. Ready about 12% sooner (BENCHMARKS.md).
#   -Dio.netty.jfr.enabled=false: Netty registers its buffer events with Flight Recorder on the first allocation,
#     ~40 ms of the first request (the first readiness probe) for events nobody here records.
# The console's pod also runs C1 only with its heap at full size (k8s/mesh-console.yaml); locally it starts with the
# JVM's defaults.
jvm_options() {
  case $1 in
    mesh-console) ;;
    *) echo "-XX:CompileThresholdScaling=3 -Dio.netty.jfr.enabled=false" ;;
  esac
}

# The local mesh (scripts/run-local.sh) on the ports each app's application.yml gives it; the benchmarks and
# system-tests start theirs on free ports.
ACCESS_HTTP_PORT=8080
V1_HTTP_PORT=8081
V2_HTTP_PORT=8082
CONSOLE_HTTP_PORT=8090
V1_GRPC_PORT=9091
V2_GRPC_PORT=9092
XDS_PORT=18000

# xds_bootstrap XDS_PORT: the GRPC_XDS_BOOTSTRAP_CONFIG with which access-app's xds:///logic-app channel finds the
# console's xDS server on that port of this machine (what Istio's grpc-agent writes in a cluster), as mesh-xds's
# XdsBootstrap writes it, run from the console's jar.
xds_bootstrap() {
  java -cp "$(app_jar mesh-console)" demo.mesh.xds.XdsBootstrap "127.0.0.1:$1" access-app
}

# hash_password: the bcrypt hash of the password read from stdin, made by the console's jar; the console is given
# only the hash.
hash_password() {
  java -cp "$(app_jar mesh-console)" demo.mesh.console.security.HashPassword
}

step() { echo "==> $*"; }
fail() { echo "error: $*" >&2; exit 1; }  # words joined by spaces, so long messages may be split

# need TOOL HINT: stop with a hint on how to install TOOL when it is missing.
need() {
  command -v "$1" >/dev/null 2>&1 || fail "$1 is not installed; $2"
}

need_kubectl_cluster() {
  need kubectl "see https://kubernetes.io/docs/tasks/tools/"
  local context
  context=$(kubectl config current-context 2>/dev/null || echo none)
  kubectl version --request-timeout=5s >/dev/null 2>&1 \
    || fail "kubectl reaches no cluster (context: $context); run scripts/cluster-up.sh or pick a context"
}

# A free TCP port on this machine, for port-forwards.
free_port() {
  local port
  for port in $(seq "${1:-18080}" "$(( ${1:-18080} + 100 ))"); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  fail "no free port from ${1:-18080}"
}

# port_forward RESOURCE LOCAL_PORT REMOTE_PORT [NAMESPACE]: start kubectl port-forward in the background, wait until
# it listens and stop it when the calling script exits.
port_forward() {
  local resource=$1 local_port=$2 remote_port=$3 namespace=${4:-$NAMESPACE}
  if (exec 3<>"/dev/tcp/127.0.0.1/$local_port") 2>/dev/null; then
    fail "port $local_port is already in use on this machine; pick another"
  fi
  kubectl -n "$namespace" port-forward "$resource" "$local_port:$remote_port" >/dev/null 2>&1 &
  PORT_FORWARD_PID=$!
  trap 'kill "$PORT_FORWARD_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$local_port") 2>/dev/null; then return 0; fi
    kill -0 "$PORT_FORWARD_PID" 2>/dev/null \
      || fail "kubectl -n $namespace port-forward $resource stopped; is it deployed and running?"
    sleep 0.2
  done
  fail "kubectl port-forward $resource did not listen on $local_port within 10 s"
}

# The platform of images for this machine, as Jib and Docker name it, from `uname -m` (or $1): an arm64 Mac runs
# arm64 containers, and an amd64 image there runs only under emulation, if at all.
image_architecture() {
  case "${1:-$(uname -m)}" in
    x86_64|amd64) echo amd64 ;;
    arm64|aarch64) echo arm64 ;;
    *) fail "no images for machine type ${1:-$(uname -m)}; the demo's images are built for amd64 and arm64" ;;
  esac
}

# The Istio release archive for this machine (or for $2 = uname -s, $3 = uname -m), named as the release names it:
# istio-1.27.1-linux-amd64.tar.gz, istio-1.27.1-osx.tar.gz (Intel Macs), istio-1.27.1-osx-arm64.tar.gz.
istio_archive_name() {
  local version=$1 os=${2:-$(uname -s)} arch
  arch=$(image_architecture "${3:-$(uname -m)}") || exit 1
  case "$os" in
    Linux) echo "istio-$version-linux-$arch.tar.gz" ;;
    Darwin) if [ "$arch" = arm64 ]; then echo "istio-$version-osx-arm64.tar.gz"; else echo "istio-$version-osx.tar.gz"; fi ;;
    *) fail "no Istio download for $os; install istioctl $version yourself and put it on the PATH" ;;
  esac
}

# The client version in the output of `istioctl version --remote=false` (read from stdin): "client version: 1.27.1"
# in current releases, a bare "1.27.1" in older ones. Prints nothing when neither is there.
istioctl_client_version() {
  sed -n -e 's/^client version: *\([^ ]*\).*$/\1/p' -e 's/^\([0-9][0-9]*\.[0-9][0-9]*\.[0-9][^ ]*\)$/\1/p' | head -1
}

# The SHA-256 of a file, with whichever tool this system has (sha256sum on Linux, shasum on macOS).
sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

# verify_sha256 FILE SUMS: FILE's SHA-256 must be the one published in SUMS ("<hex>  <name>", as releases ship
# their .sha256 files). Stops with both values when they differ, and removes FILE so that it is not used later.
verify_sha256() {
  local file=$1 sums=$2 expected actual
  expected=$(awk 'NR == 1 { print tolower($1) }' "$sums")
  [[ "$expected" =~ ^[0-9a-f]{64}$ ]] || fail "$sums holds no SHA-256 (got '${expected:-nothing}')"
  actual=$(sha256_of "$file")
  if [ "$actual" != "$expected" ]; then
    rm -f "$file"
    fail "checksum mismatch for $(basename "$file"): published $expected, downloaded $actual; removed it, try again"
  fi
}

# download URL FILE: fetch URL and its published URL.sha256, verify, and only then move it to FILE. Stops at once
# (not in a subshell) when either download fails or the checksum differs; a partial file never stays behind.
download() {
  local url=$1 file=$2
  mkdir -p "$(dirname "$file")"
  curl -fsSL --retry 2 -o "$file.part" "$url" || { rm -f "$file.part"; fail "download failed: $url"; }
  curl -fsSL --retry 2 -o "$file.sha256" "$url.sha256" \
    || { rm -f "$file.part" "$file.sha256"; fail "download failed: $url.sha256 (the published checksum)"; }
  verify_sha256 "$file.part" "$file.sha256"
  mv "$file.part" "$file"
}

# The least memory Docker must have for the cluster path (k3s, istiod, the gateway, Prometheus and the demo's four
# pods with their sidecars, at the requests cluster-up.sh sets): a 4 GiB Docker VM, which reports a little less.
MIN_DOCKER_MEMORY_MIB=3584

# check_docker_memory BYTES: stop with what to do when Docker has less memory than MIN_DOCKER_MEMORY_MIB.
check_docker_memory() {
  local mib=$(( $1 / 1024 / 1024 ))
  if [ "$mib" -lt "$MIN_DOCKER_MEMORY_MIB" ]; then
    fail "Docker has $mib MiB of memory; the cluster needs a 4 GiB Docker VM (at least $MIN_DOCKER_MEMORY_MIB MiB):" \
      "raise it in Docker Desktop, Settings, Resources, or in your VM's settings"
  fi
}

# write_istio_keeping_split DIR: a kustomization in DIR (inside the project) that applies istio/ without
# VirtualService logic-app, so that applying it again leaves the split a person or the console set as it is.
write_istio_keeping_split() {
  local dir=$1 up=""
  mkdir -p "$dir"
  local rest=${dir#"$ROOT"/}
  while [ -n "$rest" ] && [ "$rest" != . ]; do up="../$up"; rest=$(dirname "$rest"); done
  cat >"$dir/kustomization.yaml" <<KUSTOMIZATION
# Written by scripts/deploy.sh: istio/ without VirtualService logic-app, whose live split is kept.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ${up}istio
patches:
  - patch: |-
      \$patch: delete
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata:
        name: logic-app
        namespace: $NAMESPACE
KUSTOMIZATION
}

# answer_key BODY: what load.sh counts for one answer of /api/hello: the version that answered, the error, or
# "no answer".
answer_key() {
  if [[ "$1" =~ \"version\":\"([^\"]+)\" ]]; then echo "${BASH_REMATCH[1]}"
  elif [[ "$1" =~ \"error\":\"([^\"]+)\" ]]; then echo "error: ${BASH_REMATCH[1]}"
  else echo "no answer"
  fi
}

# tally_answers TOTAL: one line per distinct key read from stdin (one key a line), sorted, with its count and its
# share of TOTAL. Plain sort and uniq rather than an associative array, which macOS's bash 3.2 lacks.
tally_answers() {
  sort | uniq -c | while read -r count key; do
    printf '    %-28s %6d  %5.1f%%\n' "$key" "$count" "$(awk -v n="$count" -v t="$1" 'BEGIN { print 100 * n / t }')"
  done
}
