"""The GIL is released while the library works: another Python thread makes progress.

Each check runs in a subprocess of its own, so that a deadlock (the GIL held) ends at the
subprocess's timeout as a failure, and the switch interval set there changes nothing else.
"""
import json
import os
import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("wiretrace", reason="the Python module was not built")

TIMEOUT = float(os.environ.get("WIRETRACE_GIL_TIMEOUT", 300))  # seconds; only a hang reaches it


def run(script, *args):
    r = subprocess.run([sys.executable, "-c", textwrap.dedent(script), *map(str, args)],
                       capture_output=True, text=True, timeout=TIMEOUT, env=os.environ)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_a_writer_thread_feeds_cluster_through_a_pipe(tmp_path, generate):
    # cluster reads a named pipe that a second Python thread writes: it can only get to the end
    # of its input if that thread runs while cluster is inside the library.
    corpus = generate(300, 31)
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    result = run("""
        import sys, json, threading, wiretrace
        fifo, corpus = sys.argv[1], sys.argv[2]
        lines = open(corpus, encoding="utf-8").readlines()
        written = 0
        def writer():
            global written
            with open(fifo, "w", encoding="utf-8") as f:
                for line in lines:
                    f.write(line)
                    f.flush()
                    written += 1
        t = threading.Thread(target=writer)
        t.start()
        report = wiretrace.cluster(fifo, timings=False)
        t.join()
        print(json.dumps({"written": written, "lines": len(lines),
                          "documents": report["stats"]["documents"]}))
    """, fifo, corpus)
    assert result["written"] == result["lines"] == result["documents"] == 300


def test_a_counting_thread_runs_while_cluster_works(generate):
    # With a switch interval of 1000 s, the main thread never hands the GIL over on its own:
    # the counter moves during the call only if the call releases the GIL.
    corpus = generate(600, 32)
    result = run("""
        import sys, json, threading, time, wiretrace
        articles = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
        sys.setswitchinterval(1000)
        count, done = 0, False
        def counter():
            global count
            while not done:
                count += 1
                time.sleep(0.0001)
        t = threading.Thread(target=counter)
        t.start()
        before = count
        report = wiretrace.cluster(articles, timings=False, threads=1)
        during = count - before
        done = True
        t.join()
        print(json.dumps({"during": during, "families": report["stats"]["families"]}))
    """, corpus)
    assert result["families"] > 0
    assert result["during"] >= 1
