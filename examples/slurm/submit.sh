#!/bin/bash
# Prepare the database, submit the array (one task per shard), then the merge,
# which starts once every task has ended well. `./submit.sh coat`: the same for
# the coating search COAT (coat.sbatch, merge_coat.sbatch).
set -euo pipefail
cd "$(dirname "$0")"
source ./settings.sh
./prepare.sh
what=${1:-screen}
case $what in
  screen) into=$RESULT ;;
  coat) into=$COAT_RESULT ;;
  *) echo "submit.sh: screen or coat, not '$what'" >&2; exit 2 ;;
esac
array=$(sbatch --parsable --array=1-"$SHARDS" "$what".sbatch)
merge_script=merge.sbatch
[[ $what == coat ]] && merge_script=merge_coat.sbatch
merge=$(sbatch --parsable --dependency=afterok:"${array%%;*}" "$merge_script")
echo "submitted: $what array job $array ($SHARDS tasks), then merge job $merge into $into"
