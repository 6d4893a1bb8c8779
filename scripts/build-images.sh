#!/usr/bin/env bash
# Builds the four app images as tars with Jib (no Docker daemon needed to build) and imports them where they run.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
  cat <<USAGE
Usage: scripts/build-images.sh [--base IMAGE | --local-base] [--import auto|k3d|docker|none] [--skip-build]

Builds ${APPS[*]} as image tars (<app>/target/jib-image.tar, named <app>:$VERSION) for this machine's
architecture (linux/$(image_architecture), from uname -m) with './mvnw -Pimages package', then imports them into
the k3d cluster '$CLUSTER' or the local Docker engine. After an import into k3d, Deployments already running in
$NAMESPACE are restarted, so that their pods run the images just built (the tag stays $VERSION).

  --base IMAGE     base image with a Java 17 runtime (default: eclipse-temurin:17-jre from Docker Hub);
                   a tar works too: --base tar:///path/to/base.tar
  --local-base     build the base from Debian packages first (images/base/build.sh; needs root and Docker)
  --import WHERE   auto (default): k3d if cluster '$CLUSTER' exists, else Docker if it runs, else nothing;
                   k3d, docker or none to choose
  --skip-build     import the tars already built
  -h, --help       this text
USAGE
}

BASE=
LOCAL_BASE=no
IMPORT=auto
BUILD=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --base) BASE=${2:?--base needs an image}; shift 2 ;;
    --local-base) LOCAL_BASE=yes; shift ;;
    --import) IMPORT=${2:?--import needs auto, k3d, docker or none}; shift 2 ;;
    --skip-build) BUILD=no; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$IMPORT" in auto|k3d|docker|none) ;; *) fail "--import must be auto, k3d, docker or none, got '$IMPORT'" ;; esac
[ "$LOCAL_BASE" = yes ] && [ -n "$BASE" ] && fail "use either --base or --local-base"

ARCH=$(image_architecture)
tars=()
for app in "${APPS[@]}"; do tars+=("$ROOT/$app/target/jib-image.tar"); done

if [ "$BUILD" = yes ]; then
  maven_args=(-B -q -Pimages package -DskipTests -pl "$(IFS=,; echo "${APPS[*]}")" -am
              "-Dimages.architecture=$ARCH"
              # Keep Jib's base-image layers with the build output instead of in the home directory.
              "-Djib.baseImageCache=$ROOT/target/jib-cache/base")
  if [ "$LOCAL_BASE" = yes ]; then
    "$ROOT/images/base/build.sh"
    BASE="tar://$ROOT/target/base-image/mesh-demo-base.tar"
  fi
  [ -n "$BASE" ] && maven_args+=("-Djib.from.image=$BASE")
  step "Building the images for linux/$ARCH on ${BASE:-the default base, eclipse-temurin:17-jre} (./mvnw ${maven_args[*]})"
  start=$SECONDS
  (cd "$ROOT" && ./mvnw "${maven_args[@]}")
  echo "    built in $((SECONDS - start)) s"
fi
for tar in "${tars[@]}"; do
  [ -f "$tar" ] || fail "$tar is missing; run without --skip-build"
  echo "    ${tar#"$ROOT"/} ($(du -h "$tar" | cut -f1))"
done

# The tag does not change with a rebuild, so pods already running keep the old image until they are replaced.
restart_running_apps() {
  local app restarted=()
  for app in "${APPS[@]}"; do
    if kubectl --context "k3d-$CLUSTER" -n "$NAMESPACE" get deployment "$app" >/dev/null 2>&1; then
      kubectl --context "k3d-$CLUSTER" -n "$NAMESPACE" rollout restart deployment "$app" >/dev/null
      restarted+=("$app")
    fi
  done
  if [ ${#restarted[@]} -gt 0 ]; then
    step "Restarted ${restarted[*]} in $NAMESPACE so their pods run the new images"
  fi
}

if [ "$IMPORT" = auto ]; then
  if command -v k3d >/dev/null 2>&1 && k3d cluster list "$CLUSTER" >/dev/null 2>&1; then IMPORT=k3d
  elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then IMPORT=docker
  else IMPORT=none
  fi
fi
case "$IMPORT" in
  k3d)
    step "Importing into k3d cluster $CLUSTER"
    k3d image import --cluster "$CLUSTER" "${tars[@]}"
    restart_running_apps
    ;;
  docker)
    step "Loading into the local Docker engine"
    for tar in "${tars[@]}"; do docker load --input "$tar"; done
    ;;
  none)
    step "Not importing anywhere; load the tars yourself (docker load -i, k3d image import, kind load image-archive)"
    ;;
esac
step "Images ready: ${APPS[*]/%/:$VERSION}"
