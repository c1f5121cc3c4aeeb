# SPDX-License-Identifier: Apache-2.0
# Sourced by the end-to-end checks in test/: the repository helpers of common.sh plus a pass/fail counter.
#   check NAME CONDITION...   runs CONDITION, prints "ok   NAME" or "FAIL NAME"
#   report                    prints "N passed, M failed" and returns non-zero on any failure
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../common.sh"
set +e

passed=0 failed=0
check() {
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}
report() {
  echo "$passed passed, $failed failed"
  ((failed == 0))
}
