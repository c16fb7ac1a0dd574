#!/bin/sh
# faults.sh: kitgen build on a real small tmpfs, mounted here when we run
# as root (skipped otherwise; tests/test_faults.c injects the same faults
# by wrapping the system calls): a disk that fills up half way, one that
# runs out of inodes, and one that is read-only. Each build must exit 3
# with a clear error, leave the previous site byte for byte and leave no
# staging folder behind; once the disk has room again, a build works.
. "$TOP/tests/lib.sh"

mnt="$TMP/mnt"
mkdir -p "$mnt"
if [ "$(id -u)" != 0 ]; then
	skip "faults on a real tmpfs: not root, cannot mount one"
	finish
	exit $?
fi
if ! mount -t tmpfs -o size=2m,nr_inodes=256 kitgen-faults "$mnt" 2>"$TMP/err"; then
	skip "faults on a real tmpfs: mount failed: $(cat "$TMP/err")"
	finish
	exit $?
fi
trap 'umount "$mnt" 2>/dev/null; rm -rf "$TMP"' EXIT

# The example handbook; a second copy whose title differs, so that every
# page of its build differs from the first.
site="$TMP/site"
mkdir -p "$site"
cp -R "$TOP/content" "$site/"
printf 'title: Faults\n' > "$site/site.yaml"
out="$mnt/public"
expect_exit 0 "the first build fits" "$KITGEN" build -C "$site" -o "$out" --quiet
cp -R "$out" "$TMP/before"
printf 'title: Faults, again\n' > "$site/site.yaml"

# intact NAME: the previous site is as it was, nothing is left over.
intact() {
	if diff -r "$TMP/before" "$out" > /dev/null; then ok "$1: the previous site is intact"
	else fail "$1: the previous site changed"; fi
	if ls -a "$mnt" | grep -q 'kitgen-'; then fail "$1: a staging folder is left: $(ls -a "$mnt" | tr '\n' ' ')"
	else ok "$1: no staging folder left"; fi
}

# A disk with room for a few pages only: ENOSPC half way through.
dd if=/dev/zero of="$mnt/fill" bs=4096 2>/dev/null
truncate -s -64K "$mnt/fill"
expect_exit 3 "a disk that fills up exits 3" "$KITGEN" build -C "$site" -o "$out" --quiet
if grep -q ': error: cannot write: No space left on device$\|: error: cannot create: No space left on device$' "$TMP/err"
then ok "the error says the disk is full"
else fail "the error says the disk is full"; sed 's/^/      /' "$TMP/err" | head -5; fi
intact "disk full"
rm -f "$mnt/fill"

# No inodes left: the staging folder or its files cannot be made.
i=0
while touch "$mnt/inode.$i" 2>/dev/null; do i=$((i + 1)); done
rm -f "$mnt/inode.$((i - 1))" "$mnt/inode.$((i - 2))" "$mnt/inode.$((i - 3))"
expect_exit 3 "a disk out of inodes exits 3" "$KITGEN" build -C "$site" -o "$out" --quiet
if grep -q 'No space left on device$' "$TMP/err"; then ok "the error says so"
else fail "the error says so"; sed 's/^/      /' "$TMP/err" | head -5; fi
rm -f "$mnt"/inode.*
intact "out of inodes"

# A read-only output folder.
mount -o remount,ro "$mnt"
expect_exit 3 "a read-only output folder exits 3" "$KITGEN" build -C "$site" -o "$out" --quiet
expect_err "the error names the staging folder" \
    "$mnt/.public.kitgen-staging:1:1: error: cannot create the staging folder: Read-only file system"
mount -o remount,rw "$mnt"
intact "read-only"

# Room again: the build goes through.
expect_exit 0 "with room again the build works" "$KITGEN" build -C "$site" -o "$out" --quiet
if grep -q 'Faults, again' "$out/index.html"; then ok "the new site is in place"
else fail "the new site is in place"; fi
finish
