#!/usr/bin/env bash
# Fetches libchdb.so (the ClickHouse engine as a library) once into a cache outside the repo, for
# the ClickHouse tick-store tests. Idempotent: prints the library's path and exits when it is there.
# Version pinned: the tests were verified against this engine; bump it deliberately.
set -euo pipefail

VERSION=26.5.3
PACKAGE=@chdb/lib-linux-x64-gnu
DIR=${PLAN2_CHDB_DIR:-$HOME/.cache/plan2/chdb}
LIB="$DIR/libchdb.so"

if [ -s "$LIB" ]; then
  echo "$LIB"
  exit 0
fi

mkdir -p "$DIR"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "fetching $PACKAGE@$VERSION (about 170 MB) into $DIR" >&2
(cd "$tmp" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null)
tarball=$(ls "$tmp"/*.tgz)
member=$(tar -tzf "$tarball" | grep -E '(^|/)libchdb\.so$' | head -1)
[ -n "$member" ] || { echo "no libchdb.so in $tarball" >&2; exit 1; }
tar -xzf "$tarball" -C "$tmp" "$member"
[ "$(head -c 4 "$tmp/$member" | od -An -c | tr -d ' ')" = '177ELF' ] || { echo "$member is not an ELF library" >&2; exit 1; }

# Move into place atomically so an interrupted run never leaves a half-written library behind.
cp "$tmp/$member" "$LIB.partial"
mv "$LIB.partial" "$LIB"
echo "$LIB"
