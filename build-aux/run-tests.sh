#!/bin/sh
# Builds Archlane twice — warnings as errors, then with AddressSanitizer and
# UndefinedBehaviorSanitizer — and runs the whole test suite in both.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

run_suite () {
  dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" -Dwerror=true "$@"
  fi
  meson compile -C "$dir"
  status=0
  # Widget and pointer tests need an X server: one Xvfb for the whole run.
  if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
    xvfb-run -a -s '-screen 0 1600x1000x24' \
      meson test -C "$dir" --print-errorlogs --num-processes 2 || status=$?
  else
    meson test -C "$dir" --print-errorlogs --num-processes 2 || status=$?
  fi
  return $status
}

failed=0
run_suite _build || failed=1
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite _build-sanitize -Db_sanitize=address,undefined -Db_lundef=false || failed=1

# One closing line for both builds, counted from meson's logs.
python3 - _build/meson-logs/testlog.json _build-sanitize/meson-logs/testlog.json <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        failed += 1
        continue
    for line in lines:
        result = json.loads(line).get("result")
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $failed
