#!/usr/bin/env python3
"""The BBC News folder (one article per file, in section folders) as JSON Lines for wiretrace.

Each line is {"id":"sport/199.txt","text":...,"title":...,"source":"sport"} and, with --dated,
"published". The id is the path inside the folder, as `wiretrace cluster DIR` names it, so the
corpus's exact_duplicate_groups.tsv still applies; `source` is the section, which scopes
boilerplate detection. The corpus carries no dates: --dated gives each article a made-up one
(2005-01-01 plus one minute per file, in sorted path order) to exercise the dated rules.

    scripts/bbc-jsonl.py DIR [--dated] > bbc.jsonl
"""
import json
import pathlib
import sys


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--dated"]
    if len(args) != 1:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    root = pathlib.Path(args[0])
    dated = "--dated" in sys.argv[1:]
    start = 1104537600  # 2005-01-01T00:00:00Z
    paths = sorted(p.relative_to(root).as_posix() for p in root.glob("*/*.txt"))
    for n, path in enumerate(paths):
        # sport/199.txt holds one Latin-1 byte: JSON must be UTF-8, so it becomes U+FFFD.
        text = (root / path).read_bytes().decode("utf-8", errors="replace")
        record = {"id": path, "text": text, "title": text.split("\n", 1)[0].strip(),
                  "source": path.split("/", 1)[0]}
        if dated:
            record["published"] = start + 60 * n
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
