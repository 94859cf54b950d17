#!/usr/bin/env bash
# Shows that test-po.sh fails when it should: on a small tree of its own,
# a complete tree passes, then each kind of gap (an unlisted C, .ui or
# desktop file; an untranslated or fuzzy message) makes it fail and name
# the culprit.
#
# Usage: test-po-selfcheck.sh PATH/TO/test-po.sh
set -u

test_po=${1:?usage: test-po-selfcheck.sh PATH/TO/test-po.sh}
test_po=$(cd "$(dirname "$test_po")" && pwd)/$(basename "$test_po")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0

# A tree with one C file, one .ui file and a desktop entry, all listed and
# translated.
make_tree () {
  rm -rf "$tmp/tree"
  mkdir -p "$tmp/tree/src/app" "$tmp/tree/ui" "$tmp/tree/po" "$tmp/tree/data"
  cd "$tmp/tree" || exit 1
  cat >src/app/al-hello.c <<'EOF'
#include <glib/gi18n.h>
const char *al_hello (void) { return _("Hello"); }
EOF
  cat >ui/al-hello.ui <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<interface>
  <object class="GtkLabel"><property name="label" translatable="yes">Lane</property></object>
</interface>
EOF
  cat >data/io.example.Hello.desktop.in <<'EOF'
[Desktop Entry]
Type=Application
Name=Hello
Comment=Greets the world
Exec=hello
EOF
  printf '%s\n' data/io.example.Hello.desktop.in src/app/al-hello.c ui/al-hello.ui >po/POTFILES.in
  echo zh_CN >po/LINGUAS
  cat >po/zh_CN.po <<'EOF'
msgid ""
msgstr ""
"Language: zh_CN\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"

msgid "Hello"
msgstr "你好"

msgid "Lane"
msgstr "泳道"

msgid "Greets the world"
msgstr "向世界问好"
EOF
}

# expect PASS|FAIL DESCRIPTION [TEXT the output must contain]
expect () {
  local want=$1 what=$2 text=${3:-}
  local status=0
  bash "$test_po" "$tmp/tree" >"$tmp/out" 2>&1 || status=$?
  if [ "$want" = PASS ] && [ "$status" -ne 0 ]; then
    echo "FAIL: test-po.sh rejects $what:" >&2
    sed 's/^/  /' "$tmp/out" >&2
    failed=1
  elif [ "$want" = FAIL ] && [ "$status" -eq 0 ]; then
    echo "FAIL: test-po.sh accepts $what" >&2
    failed=1
  elif [ -n "$text" ] && ! grep -qF -- "$text" "$tmp/out"; then
    echo "FAIL: for $what, test-po.sh does not say '$text':" >&2
    sed 's/^/  /' "$tmp/out" >&2
    failed=1
  else
    echo "ok: $what"
  fi
}

make_tree
expect PASS "a complete tree"

make_tree
printf '#include <glib/gi18n.h>\nconst char *al_w (void) { return _("World"); }\n' >src/app/al-world.c
echo 'msgid "World"
msgstr "世界"' >>po/zh_CN.po
expect FAIL "a C file with _() missing from POTFILES.in" \
  "src/app/al-world.c has translatable strings but is missing from po/POTFILES.in"

make_tree
sed 's/Lane/Port/' ui/al-hello.ui >ui/al-port.ui
expect FAIL "a .ui file with translatable=\"yes\" missing from POTFILES.in" \
  "ui/al-port.ui has translatable strings but is missing from po/POTFILES.in"

make_tree
sed -i '/desktop.in/d' po/POTFILES.in
expect FAIL "a desktop entry missing from POTFILES.in" \
  "data/io.example.Hello.desktop.in has translatable strings but is missing from po/POTFILES.in"

make_tree
printf '#include <glib/gi18n.h>\nconst char *al_x (void) { return N_("Replicas"); }\n' >src/app/al-hello.c
expect FAIL "a message missing from zh_CN.po" 'msgid "Replicas"'

make_tree
sed -i 's/^msgid "Lane"/#, fuzzy\nmsgid "Lane"/' po/zh_CN.po
expect FAIL "a fuzzy translation" "fuzzy"

make_tree
printf '\nmsgid "Hello"\nmsgstr "您好"\n' >>po/zh_CN.po
expect FAIL "a message translated twice" "msgfmt --check rejects"

exit $failed
