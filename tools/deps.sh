#!/bin/sh
# Installs the Debian packages named on the command line that are missing; says which, and
# stops, when it cannot. An argument COMMAND:PACKAGE is satisfied by the command being on the
# PATH however it was installed (Node.js often comes from elsewhere than Debian).
missing=""
for p in "$@"; do
	case "$p" in
	*:*)
		command -v "${p%%:*}" >/dev/null 2>&1 && continue
		p=${p#*:} ;;
	esac
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "tansiq: installing Debian packages:$missing"
SUDO=
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
		echo "tansiq: cannot install$missing: not root and no sudo; install them and run again" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y --no-install-recommends $missing >/tmp/tansiq-apt.log 2>&1; then
	$SUDO apt-get update >/tmp/tansiq-apt.log 2>&1
	if ! $SUDO apt-get install -y --no-install-recommends $missing >>/tmp/tansiq-apt.log 2>&1; then
		echo "tansiq: could not install$missing (see /tmp/tansiq-apt.log); install them and run again" >&2
		exit 1
	fi
fi
