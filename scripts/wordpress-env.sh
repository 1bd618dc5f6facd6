#!/bin/sh
# Installs what the WordPress end-to-end test needs (Debian packages), only if missing.
# Idempotent: a second run does nothing. Needs root (CI runs as root on bare Debian). Waits while
# another apt holds the package lock (scripts/apt-install.sh), as on a machine that has just started.
#   wordpress    -> /usr/share/wordpress (copied to a temp folder by the test)
#   php-cli      -> `php -S` serves WordPress; `php` runs setup scripts
#   php-mysql    -> WordPress talks to MariaDB
#   mariadb-server -> mariadb-install-db + mariadbd, started without systemd by the test
#   wordpress-theme-twentytwentyone / -twentytwentythree -> a classic and a block theme
set -eu
need=""
[ -f /usr/share/wordpress/wp-load.php ] || need="$need wordpress"
command -v php >/dev/null 2>&1 || need="$need php-cli"
php -m 2>/dev/null | grep -qi '^mysqli$' || need="$need php-mysql"
command -v mariadbd >/dev/null 2>&1 || need="$need mariadb-server"
command -v mariadb-install-db >/dev/null 2>&1 || case "$need" in *mariadb-server*) ;; *) need="$need mariadb-server";; esac
# Debian's wordpress package ships no theme; the test renders pages with a classic and a block theme.
[ -d /usr/share/wordpress/wp-content/themes/twentytwentyone ] || need="$need wordpress-theme-twentytwentyone"
[ -d /usr/share/wordpress/wp-content/themes/twentytwentythree ] || need="$need wordpress-theme-twentytwentythree"
if [ -z "$need" ]; then
  echo "wordpress-env: all present"
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "wordpress-env: missing$need and not root; install them: apt-get install -y$need" >&2
  exit 2
fi
echo "wordpress-env: installing$need"
# policy-rc.d stops apt from trying to start apache2/mariadb services (there is no systemd in CI containers).
created_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  created_policy=1
fi
# An if, not &&: a false test would be the exit trap's status, and so the script's.
cleanup() { if [ -n "$created_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi; }
trap cleanup EXIT
here=$(dirname "$0")
# A failed update (no network, a mirror down) still leaves the lists apt had; the install fails with its own message if they are not enough.
sh "$here/apt-install.sh" update || echo "wordpress-env: apt-get update failed; installing from the package lists already here" >&2
sh "$here/apt-install.sh" install --no-install-recommends $need
echo "wordpress-env: installed"
