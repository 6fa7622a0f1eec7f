#!/bin/sh
# check.sh REPLAY DIR -- every minimal input DIR/NAME (or DIR/NAME.N, a
# further input of the same class) of an adapter's classes must show a
# difference that its class NAME (and no class before it) explains: REPLAY (fuzz_diff_X_replay) with H1FA_REPORT=1 prints
# "DIFF NAME".  ctest runs it per adapter.
replay=$1 dir=$2 fail=0 n=0
for f in "$dir"/*; do
  name=$(basename "$f")
  name=${name%%.*}
  got=$(H1FA_REPORT=1 "$replay" "$f" 2>&1 | sed -n 's/^DIFF //p')
  n=$((n + 1))
  if [ "$got" != "$name" ]; then
    echo "class $name: its input gives '${got:-no difference}'"
    fail=1
  fi
done
echo "$n class inputs checked in $dir"
[ "$n" -gt 0 ] && exit $fail
exit 1
