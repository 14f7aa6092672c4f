#!/usr/bin/env bash
# Packaging test: builds the .deb (and .tar.gz) from a built tree with CPack, checks where
# files land, runs lintian (errors fail the test), then unpacks the .deb into a temporary root
# and runs the unpacked broker-studio headless.
#
#   check-deb.sh <build dir> <source dir> <work dir> <expected version>
set -euo pipefail

build_dir=$1
source_dir=$2
work=$3
version=$4

app_id=io.github.brokerstudio.BrokerStudio
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
pass() { echo "ok: $*"; }
need() {
    command -v "$1" >/dev/null 2>&1 || {
        echo "FAIL: '$1' not found; install the Debian package '$2' (listed in installer/debian-packages.txt)" >&2
        exit 1
    }
}

# CTest passes the cpack that belongs to the cmake which configured the build.
cpack=${CPACK:-cpack}
need "$cpack" cmake
need dpkg-deb dpkg
need dpkg-shlibdeps dpkg-dev
need lintian lintian
need desktop-file-validate desktop-file-utils
need appstreamcli appstream

rm -rf "$work"
mkdir -p "$work/out" "$work/root"

# --- build the packages -------------------------------------------------------------------------
echo "== cpack (DEB, TGZ) in $build_dir"
(cd "$build_dir" && "$cpack" -G "DEB;TGZ" -B "$work/out") >"$work/cpack.log" 2>&1 || {
    cat "$work/cpack.log" >&2
    echo "FAIL: cpack failed" >&2
    exit 1
}
shopt -s nullglob
debs=("$work/out"/broker-studio_"$version"_*.deb)
tgzs=("$work/out"/broker-studio-"$version"-*.tar.gz)
shopt -u nullglob
[ ${#debs[@]} -eq 1 ] || { ls -l "$work/out" >&2; echo "FAIL: expected one broker-studio_${version}_<arch>.deb" >&2; exit 1; }
[ ${#tgzs[@]} -eq 1 ] || fail "expected one broker-studio-${version}-*.tar.gz"
deb=${debs[0]}
pass "built $(basename "$deb")"

# --- control fields -----------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = broker-studio ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', project() says $version"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Homepage)" ] || fail "no Homepage"
[ -n "$(field Section)" ] || fail "no Section"
depends=$(field Depends)
recommends=$(field Recommends)
# libqt6core6 can only have come from dpkg-shlibdeps; the SQL driver plugins are listed by hand.
for dep in libqt6core6 libqt6widgets6 libqt6sql6-odbc libqt6sql6-sqlite; do
    grep -Eq "(^|, )$dep( |,|$)" <<<"$depends" || fail "Depends lacks $dep: $depends"
done
for rec in unixodbc tdsodbc; do
    grep -Eq "(^|, )$rec( |,|$)" <<<"$recommends" || fail "Recommends lacks $rec: $recommends"
done
pass "control fields (Depends: $depends)"

# --- contents -----------------------------------------------------------------------------------
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/contents.txt"
expect=(
    /usr/bin/broker-studio
    /usr/bin/broker-studio-agent
    /usr/lib/systemd/system/broker-studio-agent.service
    /usr/share/doc/broker-studio/examples/fleet.json
    /usr/share/applications/$app_id.desktop
    /usr/share/metainfo/$app_id.metainfo.xml
    /usr/share/icons/hicolor/scalable/apps/broker-studio.svg
    /usr/share/doc/broker-studio/copyright
    /usr/share/doc/broker-studio/changelog.gz
    /usr/share/man/man1/broker-studio.1.gz
    /usr/share/man/man1/broker-studio-agent.1.gz
)
for size in 16 32 48 64 128 256; do
    expect+=("/usr/share/icons/hicolor/${size}x${size}/apps/broker-studio.png")
done
for f in "${expect[@]}"; do
    grep -qx -- "$f" "$work/contents.txt" || fail "missing from the .deb: $f"
done
# Only the application: no test or benchmark binaries, nothing outside /usr.
if grep -E '/(tst_|bench_)[^/]*$' "$work/contents.txt"; then fail "test or benchmark binaries in the .deb"; fi
if grep -Ev '^/usr(/|$)' "$work/contents.txt"; then fail "files outside /usr in the .deb"; fi
pass "contents ($(grep -vc '/$' "$work/contents.txt") files)"

if [ ${#tgzs[@]} -eq 1 ]; then
    tar -tzf "${tgzs[0]}" | grep -Eq '^[^/]+/bin/broker-studio$' || fail "tarball lacks bin/broker-studio"
    pass "tarball $(basename "${tgzs[0]}")"
fi

# --- lintian: errors fail, everything else is printed -------------------------------------------
# Exit status 0: no errors, 1: errors (the default --fail-on), anything else: lintian itself failed.
lintian_rc=0
lintian --no-tag-display-limit "$deb" >"$work/lintian.txt" 2>"$work/lintian.err" || lintian_rc=$?
cat "$work/lintian.txt"
if [ "$lintian_rc" -gt 1 ]; then
    cat "$work/lintian.err" >&2
    fail "lintian could not check the package (exit $lintian_rc)"
elif [ "$lintian_rc" -eq 1 ] || grep -q '^E: ' "$work/lintian.txt"; then
    fail "lintian reports errors"
else
    pass "lintian: no errors"
fi

# --- unpack and check the installed files ------------------------------------------------------
root=$work/root
dpkg-deb -x "$deb" "$root"
bin=$root/usr/bin/broker-studio
[ -x "$bin" ] || { echo "FAIL: $bin is not executable" >&2; exit 1; }

desktop=$root/usr/share/applications/$app_id.desktop
desktop-file-validate "$desktop" || fail "desktop-file-validate $app_id.desktop"
exec_line=$(sed -n 's/^Exec=//p' "$desktop")
[ -x "$root/usr/bin/${exec_line%% *}" ] || fail "desktop Exec='$exec_line' is not in /usr/bin"
icon=$(sed -n 's/^Icon=//p' "$desktop")
[ -f "$root/usr/share/icons/hicolor/scalable/apps/$icon.svg" ] || fail "desktop Icon='$icon' is not installed"
# Each PNG has the size its folder claims (width and height are big-endian at bytes 16..23).
for size in 16 32 48 64 128 256; do
    png=$root/usr/share/icons/hicolor/${size}x${size}/apps/$icon.png
    dims=$(od -An -tu1 -j16 -N8 "$png" 2>/dev/null | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}')
    [ "$dims" = "${size}x${size}" ] || fail "$png is '$dims', expected ${size}x${size}"
done

metainfo=$root/usr/share/metainfo/$app_id.metainfo.xml
appstreamcli validate --no-net "$metainfo" >"$work/appstream.txt" 2>&1 || { cat "$work/appstream.txt" >&2; fail "appstreamcli validate"; }
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" || fail "metainfo does not launch $app_id.desktop"
# The newest <release> must be this version: a version bump needs a release note.
first_release=$(grep -o '<release version="[^"]*"' "$metainfo" | head -n 1 | cut -d'"' -f2)
[ "$first_release" = "$version" ] || fail "newest metainfo <release> is '$first_release', project() says $version"
pass "desktop entry and metainfo"

# --- run the unpacked binary headless ----------------------------------------------------------
export QT_QPA_PLATFORM=offscreen
export HOME=$work/home
mkdir -p "$HOME"

out=$("$bin" --version 2>&1) || fail "broker-studio --version exited $?"
grep -q "$version" <<<"$out" || fail "--version printed '$out', expected $version"
pass "--version: $out"

if "$bin" catalog --sample >"$work/catalog.txt" 2>&1; then
    grep -q 'Queues' "$work/catalog.txt" || fail "catalog --sample printed no queues"
    pass "catalog --sample ($(wc -l <"$work/catalog.txt") lines)"
else
    cat "$work/catalog.txt" >&2
    fail "broker-studio catalog --sample failed"
fi

# generate writes the pattern's scripts into a folder; the install script must create a queue.
if "$bin" generate --help >"$work/generate-help.txt" 2>&1; then
    gen=$work/generated
    if "$bin" generate --pattern windowed --out "$gen" >"$work/generate.log" 2>&1; then
        if [ -f "$gen/install.sql" ] && grep -qi 'CREATE QUEUE' "$gen/install.sql"; then
            pass "generate --pattern windowed ($(ls "$gen" | tr '\n' ' '))"
        else
            ls -l "$gen" >&2 || true
            fail "generate --pattern windowed wrote no install.sql with CREATE QUEUE"
        fi
    else
        cat "$work/generate.log" >&2
        fail "broker-studio generate --pattern windowed --out ... failed"
    fi
else
    fail "broker-studio generate --help failed: $(cat "$work/generate-help.txt")"
fi

# The agent: its example fleet file reads (passwords from the environment and a file it refuses
# to find), its rules print, and its unit has hardening and its own user.
agent=$root/usr/bin/broker-studio-agent
example=$root/usr/share/doc/broker-studio/examples/fleet.json
if BS_SALES_PROD_PASSWORD=x "$agent" --config "$example" --check-config >"$work/agent-check.txt" 2>&1; then
    fail "agent --check-config accepted the example although its password file does not exist here"
elif grep -q '^sales-prod: ok' "$work/agent-check.txt" && grep -q '^orders-freetds: password file .* does not exist' "$work/agent-check.txt"; then
    pass "agent --check-config on the example fleet file"
else
    cat "$work/agent-check.txt" >&2
    fail "agent --check-config on the example fleet file"
fi
# Into a file first: with pipefail, grep -q closing the pipe early would fail the agent's write.
"$agent" --print-rules >"$work/agent-rules.yml" 2>&1 || fail "broker-studio-agent --print-rules exited $?"
grep -q 'BrokerStudioEndpointLeak' "$work/agent-rules.yml" || fail "broker-studio-agent --print-rules printed no rules"
unit=$root/usr/lib/systemd/system/broker-studio-agent.service
for key in DynamicUser=yes NoNewPrivileges=yes ProtectSystem=strict 'ExecStart=/usr/bin/broker-studio-agent '; do
    grep -q "^$key" "$unit" || fail "agent unit lacks $key"
done
pass "agent unit and example"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "package checks passed"
