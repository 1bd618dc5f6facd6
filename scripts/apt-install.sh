#!/bin/sh
# apt-get that waits for the package lock instead of failing. On a fresh machine an automatic
# update (unattended-upgrades, cloud-init) may hold /var/lib/dpkg/lock-frontend or the lists lock
# for minutes; apt-get then stops with "Could not get lock". Other failures end at once.
#   scripts/apt-install.sh update
#   scripts/apt-install.sh install --no-install-recommends PACKAGE...
# APT_LOCK_WAIT: seconds to keep waiting (default 600).
set -eu
wait_for=${APT_LOCK_WAIT:-600}
deadline=$(($(date +%s) + wait_for))
export DEBIAN_FRONTEND=noninteractive
while :; do
  # DPkg::Lock::Timeout makes apt itself wait a little for the dpkg lock; the loop covers the rest.
  if out=$(apt-get -o DPkg::Lock::Timeout=30 -y -qq "$@" 2>&1); then
    exit 0
  fi
  case "$out" in
    *"Could not get lock"* | *"Unable to acquire"* | *"Unable to lock"* | *"is held by process"*)
      if [ "$(date +%s)" -ge "$deadline" ]; then
        printf 'apt-install: the package lock was still held after %ss\n%s\n' "$wait_for" "$out" >&2
        exit 1
      fi
      echo "apt-install: another apt holds the package lock; waiting" >&2
      sleep 5
      ;;
    *)
      printf '%s\n' "$out" >&2
      exit 1
      ;;
  esac
done
