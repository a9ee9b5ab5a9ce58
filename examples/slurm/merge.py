#!/usr/bin/env python3
"""Join the shard files of `interphase screen --shard I/N --output FILE` into
one file, equal to a single run's, after checking them with
interphase.distributed.merge_screen: every shard 1..N present once and
complete, all of the same settings and the same data set (content hash).
Otherwise nothing is written, the reason goes to stderr and the exit is 1."""

import argparse
import sys

import interphase
from interphase.distributed import merge_screen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shards", nargs="*", help="the --output files of the tasks")
    parser.add_argument("--into", required=True, help="the merged file (its settings record beside it)")
    args = parser.parse_args()
    try:
        record = merge_screen(args.shards, args.into)
    except interphase.Error as e:
        print(f"merge: refused, nothing written: {e}", file=sys.stderr)
        return 1
    rows = sum(1 for _ in open(args.into, encoding="utf-8")) - (record["format"] == "csv")
    print(f"merge: {len(args.shards)} shards, {rows} rows of data set {record['dataset']} "
          f"({record['dataset_content_hash'][:12]}) into {args.into}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
