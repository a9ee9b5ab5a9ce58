#!/bin/bash
# Build the database if it does not exist yet and store the stability of its
# entries, once, before the array starts: the tasks then only read it (they
# may open it read-only, and never compute the stability 16 times at once).
# Run it on the login node or as a job of its own; submit.sh runs it first.
set -euo pipefail
cd "$(dirname "$0")"
source ./settings.sh
"$INTERPHASE" stability --db "$DB" ${DATA:+--data "$DATA"} --format csv > /dev/null
echo "prepare: $DB is built and its stability stored"
