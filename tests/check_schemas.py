#!/usr/bin/env python3
"""Runs the real wiretrace program and validates every JSON output against its published schema
(include/wiretrace/schemas/): cluster --format json, index export, compare --format json,
compare --pairs, dedup --emit records and --emit decisions. Then it renames, one at a time, each
member wiretrace itself writes in those outputs and checks that the schema rejects the result, so
a renamed output field cannot pass (the schemas are strict wherever the output is ours).

Exit 0: all valid; 1: a failure (printed); 77: python3-jsonschema is missing (CTest: skipped).
"""
import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed (scripts/setup.sh --test installs it)", file=sys.stderr)
    sys.exit(77)

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


def run(args, **kwargs):
    r = subprocess.run(args, capture_output=True, **kwargs)
    if r.returncode != 0:
        raise SystemExit("command failed (%d): %s\n%s" % (r.returncode, " ".join(args), r.stderr.decode()))
    return r.stdout.decode()


def jsonl(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def renamed_variants(instance, open_paths, path=()):
    """Every copy of `instance` with one member renamed, except members of objects at
    `open_paths` (objects that hold input's own fields or a free-form table)."""
    if isinstance(instance, dict):
        for key in list(instance):
            if path not in open_paths:
                variant = copy.deepcopy(instance)
                variant[key + "_renamed"] = variant.pop(key)
                yield path + (key,), variant
            for sub_path, sub in renamed_variants(instance[key], open_paths, path + (key,)):
                variant = copy.copy(instance)
                variant[key] = sub
                yield sub_path, variant
    elif isinstance(instance, list) and instance:
        # The first element of an array stands for all of them.
        for sub_path, sub in renamed_variants(instance[0], open_paths, path + ("[]",)):
            yield sub_path, [sub] + instance[1:]


def check(name, schema, instances, open_paths=(), mutate=True):
    validator = jsonschema.Draft202012Validator(schema)
    seen_keys = set()
    for i, instance in enumerate(instances):
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
        for e in errors[:3]:
            fail("%s #%d: %s at %s" % (name, i + 1, e.message[:300], "/".join(map(str, e.path))))
        if errors or not mutate:
            continue
        for path, variant in renamed_variants(instance, set(open_paths)):
            if path in seen_keys:
                continue
            seen_keys.add(path)
            if validator.is_valid(variant):
                fail("%s: renaming %s still validates" % (name, "/".join(path)))
    print("%s: %d instances valid, %d renamings rejected" % (name, len(instances), len(seen_keys)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--gen", required=True)
    parser.add_argument("--schemas", required=True)
    parser.add_argument("--fixtures", required=True)
    a = parser.parse_args()
    schema = {}
    for file in os.listdir(a.schemas):
        if file.endswith(".schema.json"):
            with open(os.path.join(a.schemas, file)) as f:
                schema[file[: -len(".schema.json")]] = json.load(f)
    for s in schema.values():
        jsonschema.Draft202012Validator.check_schema(s)
    seeds = os.path.join(a.fixtures, "seeds")
    seed = lambda n: os.path.join(seeds, sorted(os.listdir(seeds))[n])
    read = lambda p: open(p, encoding="utf-8").read()

    with tempfile.TemporaryDirectory() as tmp:
        t = lambda name: os.path.join(tmp, name)
        # A corpus with families, boilerplate, dates, metadata and rejected records.
        run([a.gen, "--articles", "300", "-o", t("gen.jsonl"), "--truth", t("truth.jsonl")])
        with open(t("bad.jsonl"), "w", encoding="utf-8") as f:
            f.write(json.dumps({"id": "meta", "text": read(seed(1)), "title": "T", "source": "S",
                                "url": "https://example.org", "published": "2024-10-25T08:30:00Z",
                                "lang": "en", "extra": [1, {"x": None}]}) + "\n")
            f.write('{"id":"broken","text":\n')
            f.write(json.dumps({"id": "blank", "text": "  "}) + "\n")
            # A round-up quoting two unrelated stories: it merges their families.
            w0, w4 = read(seed(0)).split(), read(seed(4)).split()
            f.write(json.dumps({"id": "roundup", "text": " ".join(w0[100:160] + w4[100:160])}) + "\n")
            f.write(json.dumps({"id": "dup-of-0", "text": read(seed(0))}) + "\n")
            f.write(json.dumps({"id": 42, "text": read(seed(3)), "published": 1729839600}) + "\n")
        with open(t("latin1.txt"), "wb") as f:
            f.write(b"caf\xe9 " + b"word " * 40)

        reports = [json.loads(run([a.cli, "cluster", "--format", "json", "--quiet", seeds])),
                   json.loads(run([a.cli, "cluster", "--format", "json", "--quiet", "--no-timing",
                                   t("gen.jsonl"), t("bad.jsonl"), t("latin1.txt"), seeds])),
                   # a family with a bridge: `bridges` and `also_in`
                   json.loads(run([a.cli, "cluster", "--format", "json", "--quiet",
                                   os.path.join(a.fixtures, "syndication", "round-up-bridge.jsonl")]))]

        check("cluster-report (cluster)", schema["cluster-report"], reports,
              open_paths=[("parameters",), ("stats", "stage_seconds")])

        pair = json.loads(run([a.cli, "compare", "--format", "json", seed(0), seed(2)]))
        check("compare", schema["compare"], [pair])
        with open(t("pairs.txt"), "w") as f:
            f.write("%s %s\n%s %s\n%s %s\n" % (seed(0), seed(2), seed(1), seed(4), seed(0), t("missing.txt")))
        check("compare-pairs", schema["compare-pairs"], jsonl(run([a.cli, "compare", "--pairs", t("pairs.txt")])))

        index = t("feed.idx")
        feed = [t("gen.jsonl"), t("bad.jsonl"), seeds]
        records = jsonl(run([a.cli, "dedup", "--quiet", "--index", index] + feed))
        records += jsonl(run([a.cli, "dedup", "--quiet", "--index", index, t("bad.jsonl")]))  # seen
        decisions = jsonl(run([a.cli, "dedup", "--quiet", "--emit", "decisions", "--index", t("d.idx")] + feed))
        decisions += jsonl(run([a.cli, "dedup", "--quiet", "--emit", "decisions", "--index", t("d.idx"),
                                t("bad.jsonl")]))
        for name, lines in (("records", [r.get("wiretrace", {}) for r in records]), ("decisions", decisions)):
            kinds = {l.get("decision") for l in lines}
            if not {"new", "copy", "duplicate", "rejected"} <= kinds or not any(l.get("merged") for l in lines) \
                    or not any(l.get("seen") for l in lines):
                fail("dedup %s: the run did not produce every kind of line (%s)" % (name, sorted(kinds)))
        # Only the "wiretrace" member of a record line is ours; the rest is the input's.
        check("dedup-record", schema["dedup-record"], records, open_paths=[(), ("extra",), ("extra", "[]")])
        check("dedup-decision", schema["dedup-decision"], decisions)

        export = json.loads(run([a.cli, "index", "export", index]))
        check("cluster-report (index export)", schema["cluster-report"], [export],
              open_paths=[("parameters",), ("stats", "stage_seconds")])

    if failures:
        print("%d schema failures" % len(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
