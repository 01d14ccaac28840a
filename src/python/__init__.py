"""wiretrace: find news articles that reuse wire copy (AFP, Reuters, AP, press releases).

    cluster(articles, **params)  -> the report of `wiretrace cluster --format json`, as dicts
    compare(a, b, **params)      -> the passages two articles share (byte and str offsets)
    Index(path, **params)        -> the feed index of `wiretrace dedup` (add, add_many, stats,
                                    export; a context manager)
    passage_texts(a, b, comparison) -> the shared passages' texts

help(wiretrace.cluster) lists every keyword with its default.
"""
from ._wiretrace import BadInputError, Index, IndexBusyError, __version__, cluster, compare

__all__ = ["BadInputError", "Index", "IndexBusyError", "cluster", "compare", "passage_texts",
           "__version__"]


def passage_texts(a, b, comparison):
    """Yields (text in a, text in b) for each passage of compare(a, b).

    a and b are what was given to compare(): str texts, or dicts with a "text". The slices
    use the character offsets, so they hold exactly the shared words, boundaries included.
    """
    a_text = a["text"] if isinstance(a, dict) else a
    b_text = b["text"] if isinstance(b, dict) else b
    if not isinstance(a_text, str) or not isinstance(b_text, str):
        raise TypeError("passage_texts needs the str texts (or article dicts) given to compare()")
    for p in comparison["shared"]:
        yield a_text[p["a_char_start"]:p["a_char_end"]], b_text[p["b_char_start"]:p["b_char_end"]]
