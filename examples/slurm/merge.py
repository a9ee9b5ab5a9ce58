#!/usr/bin/env python3
"""Join the shard files of `interphase screen --shard I/N --output FILE` into
one file, equal to a single run's, after checking them with
interphase.distributed.merge_screen: every shard 1..N present once and
complete, all of the same settings and the same data set (content hash).
Otherwise nothing is written, the reason goes to stderr and the exit is 1.

With --coat: the shards of `interphase coat --shard I/N --output FILE`,
checked alike and ranked by interphase.distributed.merge_coat into the output
one `interphase coat --format FORMAT` run writes."""

import argparse
import sys

import interphase
from interphase.distributed import merge_coat, merge_screen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shards", nargs="*", help="the --output files of the tasks")
    parser.add_argument("--into", required=True, help="the merged file (its settings record beside it)")
    parser.add_argument("--coat", action="store_true", help="the shards of a coating search (coat.sbatch)")
    parser.add_argument("--format", default="markdown", help="with --coat: text, markdown, csv, json, svg or html")
    args = parser.parse_args()
    if args.coat:
        try:
            result = merge_coat(args.shards, args.into, format=args.format)
        except interphase.Error as e:
            print(f"merge: refused, nothing written: {e}", file=sys.stderr)
            return 1
        print(f"merge: {len(args.shards)} shards, {len(result)} candidates ({len(result.passing)} pass) into "
              f"{args.into}", file=sys.stderr)
        return 0
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
