#!/bin/sh
# Drives one Kubernetes schema test case for meson.
#
#   run-schema-test.sh --node NODE [--cli ARCHLANE_CLI] [--generator AL_GEN_DOCUMENT] MODE ARG...
#
#   template FILE...      compile each document (YAML and JSON output) and validate it
#   random FIRST COUNT    generate COUNT documents (seeds FIRST…), compile and validate them
#   fixtures GOOD BAD     GOOD must validate; every file or folder in BAD must fail with
#                         exactly the problems its "# expect:" lines name
#   skip REASON           report the case as skipped
#
# Exit status: 0 passed, 1 failed, 77 skipped (meson's convention).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
validator="$here/validate.mjs"
node=
cli=
generator=

while [ $# -gt 0 ]; do
  case $1 in
    --node) node=$2; shift 2 ;;
    --cli) cli=$2; shift 2 ;;
    --generator) generator=$2; shift 2 ;;
    --) shift; break ;;
    -*) echo "run-schema-test.sh: unknown option $1" >&2; exit 1 ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || { echo "run-schema-test.sh: no MODE given" >&2; exit 1; }
mode=$1
shift

skip () {
  echo "SKIP: $*"
  exit 77
}

fail () {
  echo "FAIL: $*"
  exit 1
}

[ "$mode" = skip ] && skip "$*"

[ -n "$node" ] || fail "--node is required"
if [ ! -d "$here/node_modules/kubernetes-models" ] || [ ! -d "$here/node_modules/yaml" ]; then
  skip "the npm packages are not installed; run: npm ci --prefix tests/k8s-schema"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/archlane-schema.XXXXXX")
keep_tmp=0
cleanup () {
  if [ "$keep_tmp" = 1 ]; then
    echo "kept for inspection: $tmp"
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT

# Compiles $1 into $2/yaml and $2/json; prints the CLI's messages on failure.
compile_both () {
  for format in yaml json; do
    if ! "$cli" compile "$1" -o "$2/$format" --format "$format" >"$tmp/compile.out" 2>&1; then
      keep_tmp=1
      cat "$tmp/compile.out"
      fail "archlane-cli compile $1 --format $format refused the document"
    fi
  done
}

validate () {
  if ! "$node" "$validator" "$@"; then
    keep_tmp=1
    fail "the manifests do not pass the Kubernetes schema checks"
  fi
}

case $mode in
  template)
    [ -n "$cli" ] || fail "--cli is required"
    [ $# -ge 1 ] || fail "no template given"
    dirs=
    i=0
    for document in "$@"; do
      i=$((i + 1))
      out="$tmp/$i-$(basename "$document" .archlane)"
      compile_both "$document" "$out"
      dirs="$dirs $out/yaml $out/json"
    done
    # shellcheck disable=SC2086
    validate $dirs
    ;;

  random)
    [ -n "$cli" ] || fail "--cli is required"
    [ -n "$generator" ] || skip "the document generator al-gen-document is not built"
    [ $# -eq 2 ] || fail "random needs FIRST and COUNT"
    first=$1
    count=$2
    dirs=
    seed=$first
    while [ "$seed" -lt $((first + count)) ]; do
      # Sizes from a single component to a few dozen, on 1 to 6 lanes.
      case $((seed % 8)) in
        0) n=1 ;; 1) n=2 ;; 2) n=3 ;; 3) n=5 ;; 4) n=8 ;; 5) n=13 ;; 6) n=21 ;; *) n=40 ;;
      esac
      lanes=$((seed % 6 + 1))
      document="$tmp/seed-$seed.archlane"
      if ! "$generator" --components "$n" --lanes "$lanes" --seed "$seed" -o "$document" \
           >"$tmp/gen.out" 2>&1; then
        keep_tmp=1
        cat "$tmp/gen.out"
        fail "al-gen-document --components $n --lanes $lanes --seed $seed failed"
      fi
      compile_both "$document" "$tmp/seed-$seed"
      dirs="$dirs $tmp/seed-$seed/yaml $tmp/seed-$seed/json"
      seed=$((seed + 1))
    done
    echo "compiled $count generated documents (seeds $first to $((first + count - 1)))"
    # shellcheck disable=SC2086
    validate $dirs
    ;;

  fixtures)
    [ $# -eq 2 ] || fail "fixtures needs GOOD and BAD"
    good=$1
    bad=$2
    echo "== $good (must pass)"
    validate "$good"
    failures=0
    for case_path in "$bad"/*; do
      echo "== $case_path (must fail)"
      if [ -d "$case_path" ]; then
        expects=$(cat "$case_path"/*.yaml "$case_path"/*.yml "$case_path"/*.json 2>/dev/null \
                  | sed -n 's/^# expect: //p')
      else
        expects=$(sed -n 's/^# expect: //p' "$case_path")
      fi
      if [ -z "$expects" ]; then
        echo "   no '# expect:' line in $case_path"
        failures=$((failures + 1))
        continue
      fi
      status=0
      "$node" "$validator" "$case_path" >"$tmp/out" 2>&1 || status=$?
      cat "$tmp/out"
      if [ "$status" -ne 1 ]; then
        echo "   expected exit status 1, got $status"
        failures=$((failures + 1))
        continue
      fi
      wanted=0
      while IFS= read -r expect; do
        wanted=$((wanted + 1))
        if ! grep -F -q -- "$expect" "$tmp/out"; then
          echo "   missing problem: $expect"
          failures=$((failures + 1))
        fi
      done <<EOF
$expects
EOF
      got=$(grep -c -v '^k8s-schema: ' "$tmp/out" || true)
      if [ "$got" -ne "$wanted" ]; then
        echo "   expected $wanted problem(s), got $got"
        failures=$((failures + 1))
      fi
    done
    [ "$failures" -eq 0 ] || fail "$failures fixture check(s) failed"
    ;;

  *)
    fail "unknown mode $mode"
    ;;
esac
echo "PASS"
