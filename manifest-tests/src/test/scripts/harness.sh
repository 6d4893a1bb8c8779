# A few assertions and a runner for plain bash tests (sourced by *_test.sh): each test_* function runs in its own
# subshell, so a failed assertion or a script's `exit` ends only that test. ScriptsTest runs every *_test.sh.
# shellcheck shell=bash

PROJECT_ROOT=${PROJECT_ROOT:?PROJECT_ROOT must name the project root}

# assert_eq EXPECTED ACTUAL [WHAT]
assert_eq() {
  if [ "$1" != "$2" ]; then
    echo "    expected ${3:+$3 }'$1', got '$2'" >&2
    exit 1
  fi
}

# assert_contains TEXT PART [WHAT]
assert_contains() {
  case "$1" in
    *"$2"*) ;;
    *) echo "    expected ${3:+$3 }to contain '$2', got: $1" >&2; exit 1 ;;
  esac
}

# assert_fails_with PART COMMAND...: COMMAND exits non-zero and says PART on stderr or stdout.
assert_fails_with() {
  local part=$1 output status
  shift
  output=$("$@" 2>&1) && status=0 || status=$?
  if [ "$status" -eq 0 ]; then
    echo "    expected '$*' to fail, it succeeded with: $output" >&2
    exit 1
  fi
  assert_contains "$output" "$part" "the message of '$*'"
}

run_tests() {
  local name status failed=0 count=0
  set +e
  for name in $(declare -F | awk '{ print $3 }' | grep '^test_'); do
    count=$((count + 1))
    # Not in an if: bash ignores set -e in a subshell whose status is tested.
    ( set -euo pipefail; "$name" )
    status=$?
    if [ "$status" -eq 0 ]; then
      echo "ok   $name"
    else
      echo "FAIL $name"
      failed=$((failed + 1))
    fi
  done
  echo "$count tests, $failed failed"
  [ "$count" -gt 0 ] && [ "$failed" -eq 0 ]
}
