#!/usr/bin/env bash
# Run a command against a real, private Secret Service (ARCHITECTURE §7):
#
#   scripts/with-keyring.sh npx vitest run
#
# The command runs inside its own D-Bus session (dbus-run-session) with gnome-keyring-daemon started and its
# `login` collection created and unlocked with a test password. HOME and the XDG directories point at a fresh
# temporary directory, so the real user's keyring is never read or written. Works as root, without a display
# and without a terminal. The command's exit code is passed through.
#
# Exported to the command:
#   ANCHORAGE_TEST_KEYRING_PASSWORD  the test password of the login collection (tests unlock it again with it)
#   ANCHORAGE_TEST_KEYRING_HOME      the temporary directory (removed on exit)
set -uo pipefail

readonly APT_LINE='apt-get install -y dbus-x11 gnome-keyring libglib2.0-bin libsecret-tools'

if [ "${1:-}" != "--inner-session" ]; then
  if [ $# -eq 0 ]; then
    echo "usage: scripts/with-keyring.sh COMMAND [ARGS...]" >&2
    exit 2
  fi
  missing=()
  for tool in dbus-run-session gnome-keyring-daemon gdbus; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "with-keyring.sh: missing ${missing[*]}; install them with: $APT_LINE" >&2
    exit 127
  fi

  tmp="$(mktemp -d "${TMPDIR:-/tmp}/anchorage-keyring.XXXXXX")" || exit 1
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p -m 700 "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/state" "$tmp/run"

  # Keep npm's cache where it was: npx under a fresh HOME would otherwise start from an empty cache.
  export npm_config_cache="${npm_config_cache:-${HOME:-/root}/.npm}" npm_config_update_notifier="${npm_config_update_notifier:-false}"
  # Set before dbus-run-session, so the bus and anything it activates (gnome-keyring's D-Bus service
  # file) also see the temporary directories and never the real user's ~/.local/share/keyrings.
  export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" \
    XDG_STATE_HOME="$tmp/state" XDG_RUNTIME_DIR="$tmp/run" ANCHORAGE_TEST_KEYRING_HOME="$tmp"
  unset GNOME_KEYRING_CONTROL SSH_AUTH_SOCK DBUS_SESSION_BUS_ADDRESS

  # A command line flag, not an environment variable, marks the inner half: a nested call from the command
  # (a test that wants its own keyring to lock) must start its own session again.
  dbus-run-session -- "$0" --inner-session "$@"
  exit $?
fi

# Inner half: we are inside the private session bus.
shift
export ANCHORAGE_TEST_KEYRING_PASSWORD="${ANCHORAGE_TEST_KEYRING_PASSWORD:-anchorage-test-password}"
log="$ANCHORAGE_TEST_KEYRING_HOME/gnome-keyring.log"

# --unlock reads the password from stdin and creates the login collection with it when it does not exist;
# --foreground keeps the daemon our child so that we can stop it by its pid.
printf '%s' "$ANCHORAGE_TEST_KEYRING_PASSWORD" |
  gnome-keyring-daemon --foreground --unlock --components=secrets >"$log" 2>&1 &
daemon=$!
trap 'kill "$daemon" 2>/dev/null; wait "$daemon" 2>/dev/null' EXIT

# Ask the bus, not the service, whether the daemon is up yet: a call to org.freedesktop.secrets before it
# has claimed its name would make D-Bus activate a second, passwordless daemon.
secrets_owned() {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true
}

login_unlocked() {
  secrets_owned && gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets/collection/login \
    --method org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Collection Locked 2>/dev/null |
    grep -q '<false>'
}

ready=0
for _ in $(seq 1 100); do
  if login_unlocked; then ready=1; break; fi
  if ! kill -0 "$daemon" 2>/dev/null; then break; fi
  sleep 0.1
done
if [ "$ready" != 1 ]; then
  echo "with-keyring.sh: gnome-keyring-daemon did not provide an unlocked login collection within 10 s:" >&2
  cat "$log" >&2
  exit 1
fi

"$@"
exit $?
