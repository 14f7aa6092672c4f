#!/bin/sh
# Runs a test inside a private D-Bus session bus with a fresh, unlocked GNOME Keyring (a real
# Secret Service, what QtKeychain talks to on Linux), so that keychain code is tested against the
# real thing and never touches the user's own keyring. Packages: dbus-daemon, dbus-bin,
# gnome-keyring (installer/debian-packages.txt).
set -eu
for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "error: $tool is missing; install dbus-bin and gnome-keyring (installer/dev test does)" >&2
        exit 1
    fi
done
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -m 700 "$scratch/runtime"
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/runtime" XDG_CONFIG_HOME="$scratch/config"
export BS_KEYRING_LOG="$scratch/keyring.log"
# Inside the session: the daemon in the foreground (so that it ends with the test), --unlock reads
# the password from stdin and creates the "login" keyring, the default collection, unlocked.
status=0
dbus-run-session -- sh -c '
    printf "%s" broker-studio-test | gnome-keyring-daemon --foreground --unlock --components=secrets \
        >"$BS_KEYRING_LOG" 2>&1 &
    daemon=$!
    tries=0
    until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do
        tries=$((tries + 1))
        if [ "$tries" -gt 100 ]; then
            echo "error: gnome-keyring-daemon did not register org.freedesktop.secrets within 10 s:" >&2
            cat "$BS_KEYRING_LOG" >&2
            kill "$daemon" 2>/dev/null || true
            exit 1
        fi
        sleep 0.1
    done
    rc=0
    "$@" || rc=$?
    kill "$daemon" 2>/dev/null || true
    wait "$daemon" 2>/dev/null || true
    exit "$rc"' sh "$@" || status=$?
exit "$status"
