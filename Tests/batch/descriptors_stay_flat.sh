#!/bin/sh
# gapmap batch keeps its open descriptor count flat: 2,000 tiny jobs under `ulimit -n 256`
# (three leaked descriptors per job would exhaust the limit after about 80 jobs).
#
#   descriptors_stay_flat.sh GAPMAP_BINARY [JOBS]
#
# Exit 0 when every job succeeds and the batch never holds more than 32 descriptors.
set -u
bin=$1
jobs=${2:-2000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 2
printf 'a,b\nb,c\n' > e.csv
{
  echo 'jobs:'
  echo '  - name: s-{seed}'
  echo '    run: centrality'
  echo '    dataset: e.csv'
  echo '    args: ["--measure", "degree"]'
  printf '    seed: ['
  seq -s ', ' 1 "$jobs" | tr -d '\n'
  echo ']'
  echo '    output: out/s-{seed}.csv'
} > batch.yaml
ulimit -n 256 || exit 2
"$bin" batch batch.yaml --jobs 2 --quiet > /dev/null 2> log &
pid=$!
max=0
samples=0
while kill -0 "$pid" 2> /dev/null; do
  n=$(ls "/proc/$pid/fd" 2> /dev/null | wc -l)
  [ "$n" -gt "$max" ] && max=$n
  samples=$((samples + 1))
  sleep 0.2
done
wait "$pid"
rc=$?
ok=$(ls out 2> /dev/null | wc -l)
echo "exit $rc, $ok of $jobs outputs, at most $max descriptors in $samples samples"
[ "$rc" -eq 0 ] || { tail -3 log; exit 1; }
[ "$ok" -eq "$jobs" ] || exit 1
[ "$max" -le 32 ] || exit 1
exit 0
