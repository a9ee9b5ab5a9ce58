#!/bin/bash
# Prepare the database, submit the array (one task per shard), then the merge,
# which starts once every task has ended well.
set -euo pipefail
cd "$(dirname "$0")"
source ./settings.sh
./prepare.sh
array=$(sbatch --parsable --array=1-"$SHARDS" screen.sbatch)
merge=$(sbatch --parsable --dependency=afterok:"${array%%;*}" merge.sbatch)
echo "submitted: array job $array ($SHARDS tasks), then merge job $merge into $RESULT"
