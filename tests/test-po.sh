#!/usr/bin/env bash
# Keeps the translations whole: po/POTFILES.in names every file of src/,
# ui/ and data/ (desktop entry, metainfo, schema, MIME type) with
# translatable strings (and nothing that does not exist), every
# language of po/LINGUAS is fully translated with no fuzzy entry and passes
# msgfmt --check, and every msgid of the sources is in each translation.
#
# Usage: test-po.sh [SOURCE_ROOT]   (default: the parent of this script's folder)
# Needs the gettext tools (xgettext, msgfmt, msgcmp, msgattrib).
set -u

root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root" || { echo "test-po: cannot enter $root" >&2; exit 1; }

for tool in xgettext msgfmt msgcmp msgattrib; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "test-po: $tool not found; install gettext" >&2
    exit 1
  fi
done

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
failed=0
fail () {
  echo "FAIL: $*" >&2
  failed=1
}

# The entries of a PO file on stdin but its header, to stderr, each line
# prefixed by $1.
list_entries () {
  awk -v label="$1" 'BEGIN { RS = "" } NR > 1 { gsub(/\n/, "\n  " label ": "); print "  " label ": " $0 }' >&2
}

# ---- the sources, extracted the way meson's i18n "glib" preset does -------

# Every C file and GtkBuilder file under src/ and ui/, and every desktop
# entry, AppStream, GSettings and MIME file of data/ (xgettext knows their
# formats by their names), whether listed or not, so that a forgotten file
# is found.
{
  find src ui -type f \( -name '*.c' -o -name '*.h' -o -name '*.ui' \) 2>/dev/null
  find data -maxdepth 1 -type f \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' \
       -o -name '*.gschema.xml' -o -name '*.mime.xml' \) 2>/dev/null
} | LC_ALL=C sort >"$tmp/candidates"
if ! grep -q '^src/' "$tmp/candidates"; then
  fail "no source files found under $root/src"
  exit 1
fi

if ! xgettext --from-code=UTF-8 --add-comments --no-wrap --sort-by-file \
       --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
       --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
       --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
       --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
       --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
       --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
       --package-name=archlane --files-from="$tmp/candidates" \
       --output="$tmp/sources.pot" 2>"$tmp/xgettext.err"; then
  cat "$tmp/xgettext.err" >&2
  fail "xgettext could not extract the messages of the sources"
  exit 1
fi
if [ ! -s "$tmp/sources.pot" ]; then
  fail "xgettext found no translatable string at all under src/ and ui/"
  exit 1
fi

# The files that hold translatable strings: those xgettext cites.
grep '^#:' "$tmp/sources.pot" | tr ' ' '\n' | grep -v '^#:$' \
  | sed 's/:[0-9]*$//' | sort -u >"$tmp/with-strings"

# ---- (a) po/POTFILES.in ----------------------------------------------------

if [ ! -f po/POTFILES.in ]; then
  fail "po/POTFILES.in does not exist"
  exit 1
fi
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' po/POTFILES.in >"$tmp/listed"

while IFS= read -r path; do
  [ -e "$path" ] || fail "po/POTFILES.in lists $path, which does not exist"
done <"$tmp/listed"

if ! sort -c "$tmp/listed" 2>/dev/null; then
  fail "po/POTFILES.in is not sorted (LC_ALL=C sort)"
fi
sort "$tmp/listed" | uniq -d | while IFS= read -r path; do
  echo "FAIL: po/POTFILES.in lists $path twice" >&2
done
if [ -n "$(sort "$tmp/listed" | uniq -d)" ]; then
  failed=1
fi

sort -u "$tmp/listed" >"$tmp/listed-sorted"
# Also the files that merely look translatable (a call of _(), N_(), C_(),
# NC_() or ngettext, or translatable="yes"), in case xgettext could not read
# one of them.
{
  cat "$tmp/with-strings"
  grep -lE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext|ngettext) *\(' \
    $(grep -E '\.[ch]$' "$tmp/candidates") 2>/dev/null
  grep -l 'translatable="yes"' $(grep -E '\.ui$' "$tmp/candidates") 2>/dev/null
} | LC_ALL=C sort -u >"$tmp/with-strings-all"
comm -23 "$tmp/with-strings-all" "$tmp/listed-sorted" >"$tmp/unlisted"
while IFS= read -r path; do
  fail "$path has translatable strings but is missing from po/POTFILES.in"
done <"$tmp/unlisted"
comm -13 "$tmp/with-strings" "$tmp/listed-sorted" | while IFS= read -r path; do
  [ -e "$path" ] && echo "note: po/POTFILES.in lists $path, which has no translatable string" >&2
done

# ---- (b) and (c): each translation -----------------------------------------

if [ ! -f po/LINGUAS ]; then
  fail "po/LINGUAS does not exist"
  exit 1
fi
languages=$(sed -e 's/#.*//' po/LINGUAS | tr -s ' \t' '\n' | sed '/^$/d')
if [ -z "$languages" ]; then
  fail "po/LINGUAS names no language"
fi

for lang in $languages; do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then
    fail "$po is missing (named in po/LINGUAS)"
    continue
  fi

  # (b) valid, complete, nothing fuzzy.
  if ! msgfmt --check --statistics -o /dev/null "$po" 2>"$tmp/msgfmt.out"; then
    cat "$tmp/msgfmt.out" >&2
    fail "msgfmt --check rejects $po"
  else
    stats=$(tail -n 1 "$tmp/msgfmt.out")
    echo "$po: $stats"
    case "$stats" in
      *fuzzy* | *untranslated*) fail "$po is not complete: $stats" ;;
    esac
  fi
  msgattrib --only-fuzzy --no-obsolete "$po" 2>/dev/null | list_entries fuzzy
  msgattrib --untranslated --no-obsolete "$po" 2>/dev/null | list_entries untranslated

  # (c) every msgid of the sources has a translation in $po.
  if ! msgcmp "$po" "$tmp/sources.pot" 2>/dev/null; then
    # Name the messages: the sources' ones that $po does not translate.
    msgmerge --quiet --no-fuzzy-matching --no-wrap -o "$tmp/merged.po" "$po" "$tmp/sources.pot" \
      && msgattrib --untranslated --no-obsolete "$tmp/merged.po" | list_entries "not in $po"
    fail "$po does not translate every message of the sources; run" \
         "meson compile -C BUILDDIR archlane-update-po, then translate"
  fi
done

if [ "$failed" -ne 0 ]; then
  exit 1
fi
echo "po: POTFILES.in complete; $(($(grep -c '^msgid ' "$tmp/sources.pot") - 1)) messages in the sources, all translated"
exit 0
