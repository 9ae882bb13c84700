#!/bin/sh
# Back up the desk's PostgreSQL database to a custom-format dump, or restore one.
#   scripts/backup.sh dump    DATABASE_URL FILE   (pg_dump -Fc: claims, history, events, users)
#   scripts/backup.sh restore DATABASE_URL FILE   (into an empty database; --no-owner)
# The compose file's `backup` service runs the dump on a schedule you choose (see README).
set -eu
action="$1"; url="$2"; file="$3"
case "$action" in
  dump) pg_dump --format=custom --no-owner --dbname="$url" --file="$file" ;;
  restore) pg_restore --no-owner --exit-on-error --dbname="$url" "$file" ;;
  *) echo "usage: scripts/backup.sh dump|restore DATABASE_URL FILE" >&2; exit 2 ;;
esac
