#!/usr/bin/env bash
# Checks the desktop integration files of data/ and flatpak/, each with the
# validator the desktops and app stores use. One check per call, so that
# meson names the one that fails:
#
#   test-desktop.sh desktop  BUILT.desktop            desktop-file-validate + translations
#   test-desktop.sh metainfo BUILT.metainfo.xml       appstreamcli validate --no-net + translations
#   test-desktop.sh gschema  SOURCE_DATA_DIR          glib-compile-schemas --strict --dry-run
#   test-desktop.sh mime     SOURCE.xml BUILT.xml     xmllint, the type, its glob and icon
#   test-desktop.sh icons    SOURCE_ROOT              the icons exist, are SVG, symbolic is one colour
#   test-desktop.sh flatpak  MANIFEST.json            the manifest's content + flatpak-builder --show-manifest
#   test-desktop.sh installed BUILD_DIR               meson's install plan holds every file
set -u

app_id=io.github.archlane.Archlane
failed=0
fail () {
  echo "FAIL: $*" >&2
  failed=1
}
need () {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "FAIL: $1 not found; install $2 (build-aux/debian-packages.txt)" >&2
    exit 1
  fi
}
finish () {
  if [ "$failed" -ne 0 ]; then
    exit 1
  fi
  echo "$1: ok"
  exit 0
}

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

check=${1:-}
shift || true

case "$check" in
  desktop)
    need desktop-file-validate desktop-file-utils
    file=$1
    if ! desktop-file-validate "$file"; then
      fail "desktop-file-validate rejects $file"
    fi
    # The entry a launcher shows, in English and in Chinese.
    grep -qx 'Name=Archlane' "$file" || fail "$file: no Name=Archlane"
    grep -qx 'Exec=archlane %F' "$file" || fail "$file: Exec is not 'archlane %F'"
    grep -qx "Icon=$app_id" "$file" || fail "$file: Icon is not $app_id"
    grep -qx 'MimeType=application/x-archlane;' "$file" || fail "$file: no MimeType application/x-archlane"
    grep -qx 'GenericName\[zh_CN\]=多架构拓扑编辑器' "$file" \
      || fail "$file: GenericName not translated into zh_CN (is po/zh_CN.po merged?)"
    grep -q '^Comment\[zh_CN\]=' "$file" || fail "$file: Comment not translated into zh_CN"
    grep -q '^Keywords\[zh_CN\]=.*信创' "$file" || fail "$file: zh_CN keywords lack 信创"
    if grep -q '^DBusActivatable=true' "$file"; then
      fail "$file: DBusActivatable=true, but the app installs no D-Bus service file"
    fi
    finish "desktop file"
    ;;

  metainfo)
    need appstreamcli appstream
    need xmllint libxml2-utils
    file=$1
    # --no-net: the screenshot URLs are not fetched (they need the network).
    if ! appstreamcli validate --no-net "$file"; then
      fail "appstreamcli validate rejects $file"
    fi
    xmllint --noout "$file" || fail "$file is not well-formed XML"
    [ "$(xmllint --xpath 'string(/component/id)' "$file")" = "$app_id" ] \
      || fail "$file: the component id is not $app_id"
    [ "$(xmllint --xpath 'string(/component/launchable)' "$file")" = "$app_id.desktop" ] \
      || fail "$file: the launchable is not $app_id.desktop"
    [ "$(xmllint --xpath 'count(/component/content_rating[@type="oars-1.1"])' "$file")" -eq 1 ] \
      || fail "$file: no OARS 1.1 content rating"
    [ "$(xmllint --xpath 'count(/component/description/p[not(@xml:lang)])' "$file")" -ge 2 ] \
      && [ "$(xmllint --xpath 'count(/component/description/ul/li[not(@xml:lang)])' "$file")" -ge 3 ] \
      || fail "$file: the description is not several paragraphs with a feature list"
    [ "$(xmllint --xpath 'count(/component/screenshots/screenshot)' "$file")" -ge 2 ] \
      || fail "$file: fewer than two screenshots"
    [ "$(xmllint --xpath 'count(/component/releases/release)' "$file")" -ge 1 ] \
      || fail "$file: no release"
    [ "$(xmllint --xpath 'count(/component/provides/binary)' "$file")" -eq 2 ] \
      || fail "$file: does not provide both archlane and archlane-cli"
    [ "$(xmllint --xpath 'count(/component/summary[@xml:lang="zh_CN"])' "$file")" -eq 1 ] \
      || fail "$file: the summary is not translated into zh_CN (is po/zh_CN.po merged?)"
    [ "$(xmllint --xpath 'count(/component/description/p[@xml:lang="zh_CN"])' "$file")" -ge 1 ] \
      || fail "$file: the description is not translated into zh_CN"
    finish "metainfo"
    ;;

  gschema)
    need glib-compile-schemas libglib2.0-bin
    dir=$1
    if ! glib-compile-schemas --strict --dry-run "$dir"; then
      fail "glib-compile-schemas --strict rejects the schemas of $dir"
    fi
    # Every key al-settings.h and al-preferences.h document is in the schema.
    for key in window-width window-height window-maximized side-panels-visible \
               recent-documents first-launch-done export-format export-scope \
               export-scale export-dpi export-transparent export-theme export-legend \
               export-title export-folder kubeconfig-path kube-context kube-namespace \
               color-scheme new-document-arches; do
      grep -q "<key name=\"$key\"" "$dir/$app_id.gschema.xml" \
        || fail "$app_id.gschema.xml lacks the key $key"
    done
    finish "settings schema"
    ;;

  mime)
    need xmllint libxml2-utils
    need update-mime-database shared-mime-info
    ns='http://www.freedesktop.org/standards/shared-mime-info'
    for file in "$@"; do
      xmllint --noout "$file" || { fail "$file is not well-formed XML"; continue; }
      q () { xmllint --xpath "$1" "$file" 2>/dev/null; }
      type=$(q "string(/*[local-name()='mime-info' and namespace-uri()='$ns']/*[local-name()='mime-type']/@type)")
      [ "$type" = "application/x-archlane" ] || fail "$file: declares '$type', not application/x-archlane"
      glob=$(q "string(//*[local-name()='glob']/@pattern)")
      [ "$glob" = "*.archlane" ] || fail "$file: the glob is '$glob', not *.archlane"
      icon=$(q "string(//*[local-name()='icon']/@name)")
      [ "$icon" = "$app_id.application-x-archlane" ] \
        || fail "$file: the icon is '$icon', not $app_id.application-x-archlane (exported by Flatpak)"
    done
    # The built file carries the Chinese comment, and the MIME database
    # accepts it and maps *.archlane to the type.
    built=${2:-$1}
    [ "$(xmllint --xpath "count(//*[local-name()='comment'][@xml:lang='zh_CN'])" "$built")" -eq 1 ] \
      || fail "$built: the comment is not translated into zh_CN"
    mkdir -p "$tmp/mime/packages"
    cp "$built" "$tmp/mime/packages/$app_id.xml"
    # (The variables only quiet its note that $tmp is not searched.)
    if ! XDG_DATA_HOME=$tmp XDG_DATA_DIRS=$tmp update-mime-database "$tmp/mime" 2>"$tmp/umd.err" || [ -s "$tmp/umd.err" ]; then
      cat "$tmp/umd.err" >&2
      fail "update-mime-database complains about $built"
    fi
    grep -q '^application/x-archlane:\*\.archlane$' "$tmp/mime/globs" \
      || fail "the MIME database built from $built does not map *.archlane"
    grep -q "^application/x-archlane:$app_id.application-x-archlane$" "$tmp/mime/icons" \
      || fail "the MIME database built from $built has no icon for the type"
    finish "MIME type"
    ;;

  icons)
    need xmllint libxml2-utils
    root=$1
    icons=$root/data/icons/hicolor
    for file in "$icons/scalable/apps/$app_id.svg" \
                "$icons/symbolic/apps/$app_id-symbolic.svg" \
                "$icons/scalable/mimetypes/application-x-archlane.svg"; do
      if [ ! -f "$file" ]; then
        fail "$file is missing"
        continue
      fi
      xmllint --noout "$file" || fail "$file is not well-formed XML"
      [ "$(xmllint --xpath "local-name(/*)" "$file")" = svg ] || fail "$file is not an SVG"
    done
    symbolic=$icons/symbolic/apps/$app_id-symbolic.svg
    if [ -f "$symbolic" ]; then
      [ "$(xmllint --xpath 'string(/*/@viewBox)' "$symbolic")" = "0 0 16 16" ] \
        || fail "$symbolic is not drawn on 16×16"
      # GTK recolours fills only: a stroke or a second colour would show as is.
      colours=$(grep -o '#[0-9a-fA-F]\{3,6\}' "$symbolic" | sort -u)
      [ "$(echo "$colours" | wc -l)" -eq 1 ] || fail "$symbolic uses several colours: $colours"
      if grep -q 'stroke' "$symbolic"; then
        fail "$symbolic has strokes, which GTK does not recolour"
      fi
    fi
    finish "icons"
    ;;

  flatpak)
    need python3 python3
    manifest=$1
    python3 - "$manifest" <<'PY' || failed=1
import json, re, sys

path = sys.argv[1]
errors = []
try:
    with open(path, encoding="utf-8") as f:
        m = json.load(f)
except (OSError, ValueError) as e:
    print(f"FAIL: {path} is not valid JSON: {e}", file=sys.stderr)
    sys.exit(1)

def expect(cond, message):
    if not cond:
        errors.append(message)

app_id = "io.github.archlane.Archlane"
expect(m.get("id", m.get("app-id")) == app_id, f"the app id is not {app_id}")
expect(m.get("command") == "archlane", "the command is not archlane")
expect(m.get("runtime") == "org.gnome.Platform", "the runtime is not org.gnome.Platform")
expect(m.get("sdk") == "org.gnome.Sdk", "the SDK is not org.gnome.Sdk")
expect(re.fullmatch(r"[0-9]+", str(m.get("runtime-version", ""))) is not None,
       "runtime-version is not a stable GNOME release number (e.g. \"49\")")

wanted = ["--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11",
          "--device=dri", "--filesystem=~/.kube:ro"]
got = m.get("finish-args", [])
expect(sorted(got) == sorted(wanted),
       f"finish-args are {got}, expected exactly {wanted} "
       "(documents come through the file chooser portal)")

modules = m.get("modules", [])
expect(len(modules) >= 1, "no module")
if modules:
    app = modules[-1]
    expect(isinstance(app, dict) and app.get("name") == "archlane",
           "the last module is not archlane")
    if isinstance(app, dict):
        expect(app.get("buildsystem") == "meson", "archlane is not built with meson")
        srcs = app.get("sources", [])
        expect(any(s.get("type") == "dir" and s.get("path") == ".." or s.get("type") == "git"
                   for s in srcs), "archlane's source is neither the tree (dir ..) nor git")
    for mod in modules:
        if not isinstance(mod, dict):
            continue
        for s in mod.get("sources", []):
            if s.get("type") in ("archive", "file"):
                expect(re.fullmatch(r"[0-9a-f]{64}", s.get("sha256", "")) is not None,
                       f"{mod.get('name')}: {s.get('url')} is not pinned by sha256")
                expect(str(s.get("url", "")).startswith("https://"),
                       f"{mod.get('name')}: {s.get('url')} is not fetched over https")
            if s.get("type") == "git":
                expect("commit" in s or "tag" in s,
                       f"{mod.get('name')}: git source without a commit or tag")
    names = [mod.get("name") for mod in modules if isinstance(mod, dict)]
    expect("libyaml" in names, "libyaml (not in the GNOME runtime) is not built")

for e in errors:
    print(f"FAIL: {path}: {e}", file=sys.stderr)
sys.exit(1 if errors else 0)
PY
    if command -v flatpak-builder >/dev/null 2>&1; then
      # flatpak-builder reports a manifest it cannot read as warnings on
      # stderr, with status 0: both count.
      # (Run in $tmp: flatpak-builder leaves a state folder where it runs.)
      manifest_abs=$(cd "$(dirname "$manifest")" && pwd)/$(basename "$manifest")
      if ! (cd "$tmp" && flatpak-builder --show-manifest "$manifest_abs") \
             >"$tmp/shown.json" 2>"$tmp/fb.err"; then
        cat "$tmp/fb.err" >&2
        fail "flatpak-builder --show-manifest rejects $manifest"
      elif grep -qE 'WARNING|CRITICAL|[Ee]rror' "$tmp/fb.err"; then
        cat "$tmp/fb.err" >&2
        fail "flatpak-builder --show-manifest cannot read all of $manifest"
      fi
    else
      echo "note: flatpak-builder is not installed; --show-manifest not run"
    fi
    finish "flatpak manifest"
    ;;

  installed)
    # What `meson install` puts in the prefix: a launchable app with its
    # entry, metadata, icons, schema and MIME type.
    need meson meson
    need python3 python3
    build=$1
    meson introspect "$build" --installed >"$tmp/installed.json" \
      || { echo "FAIL: meson introspect --installed failed for $build" >&2; exit 1; }
    python3 - "$tmp/installed.json" "$app_id" <<'PY' || failed=1
import json, sys
installed = set(json.load(open(sys.argv[1])).values())
app_id = sys.argv[2]
wanted = [
    "bin/archlane", "bin/archlane-cli",
    # The command line's network commands, loaded when one runs.
    "archlane/archlane-cli-net.so",
    f"share/applications/{app_id}.desktop",
    f"share/metainfo/{app_id}.metainfo.xml",
    f"share/glib-2.0/schemas/{app_id}.gschema.xml",
    f"share/mime/packages/{app_id}.xml",
    f"share/icons/hicolor/scalable/apps/{app_id}.svg",
    f"share/icons/hicolor/symbolic/apps/{app_id}-symbolic.svg",
    f"share/icons/hicolor/scalable/mimetypes/{app_id}.application-x-archlane.svg",
    "share/locale/zh_CN/LC_MESSAGES/archlane.mo",
]
missing = [w for w in wanted if not any(p.endswith("/" + w) for p in installed)]
for w in missing:
    print(f"FAIL: meson install does not install <prefix>/{w}", file=sys.stderr)
sys.exit(1 if missing else 0)
PY
    finish "install layout"
    ;;

  *)
    echo "usage: $0 desktop|metainfo|gschema|mime|icons|flatpak|installed ARGS…" >&2
    exit 2
    ;;
esac
