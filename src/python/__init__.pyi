# Type hints for the wiretrace package (the extension _wiretrace plus __init__.py).
import os
from datetime import date
from types import TracebackType
from typing import Any, Iterable, Iterator, Literal, Mapping, NotRequired, Optional, TypedDict, Union

__version__: str

class BadInputError(ValueError):
    """A record that is not an article (on_error='fail', Index.add, compare): "where: reason"."""

class IndexBusyError(TimeoutError):
    """Another process held the index's lock for longer than busy_timeout_ms."""

class Article(TypedDict, total=False):
    id: Union[str, int]  # required
    text: str  # required
    title: str | None
    source: str | None
    url: str | None
    published: str | int | date | None
    lang: str | None

_Path = Union[str, bytes, os.PathLike[str], os.PathLike[bytes]]
_Articles = Union[_Path, list[_Path], tuple[_Path, ...], Iterable[Mapping[str, Any]]]
_OnError = Literal["skip", "fail"]
_InputFormat = Literal["auto", "text", "jsonl"]
_IdFrom = Literal["name", "path"]

class Passage(TypedDict, total=False):
    start: int
    end: int
    kind: Literal["reused", "added", "original", "boilerplate"]
    source: str | None
    source_start: int
    source_end: int
    match: Literal["exact", "rewritten"]  # reused and original passages: pasted or reworded
    char_start: int  # char_offsets=True
    char_end: int
    source_char_start: int
    source_char_end: int

class Pair(TypedDict):
    a: str
    b: str
    jaccard: float
    containment_ab: float
    containment_ba: float
    shared_words: int
    longest_run: int
    match: Literal["exact", "rewritten"]  # what linked the pair: shared runs or rewritten copy

class Family(TypedDict):
    id: str
    original: Optional[str]  # None when the wire is not in the input (wire_in_input False)
    original_basis: Literal["published", "coverage"]
    original_confidence: Literal["high", "medium", "low"]
    wire_in_input: bool
    members: list[str]
    pairs: list[Pair]
    bridges: NotRequired[list[str]]  # members whose own family is another (a round-up)

class DocumentReport(TypedDict, total=False):
    id: str
    family: str | None
    role: Literal["original", "copy", "unique"]
    bytes: int
    words: int
    shared_words: int
    also_in: list[str]  # the other families an article bridges
    title: str
    source: str
    url: str
    published: str
    lang: str
    reused_words: int
    added_words: int
    boilerplate_words: int
    passages: list[Passage]

class Rejected(TypedDict):
    input: str
    reason: str

class Warning_(TypedDict):
    input: str
    message: str

class Report(TypedDict):
    parameters: dict[str, Any]
    stats: dict[str, Any]
    families: list[Family]
    documents: list[DocumentReport]
    rejected: list[Rejected]
    warnings: list[Warning_]

def cluster(
    articles: _Articles,
    *,
    shingle_k: int = ...,
    num_perm: int = ...,
    lsh_threshold: float = ...,
    seed: int = ...,
    min_run_words: int = ...,
    min_jaccard: float = ...,
    anchor_words: int = ...,
    max_bucket: int = ...,
    boilerplate_edge_words: int = ...,
    align_gap_words: int = ...,
    align_seed_words: int = ...,
    rewrite_seed_cosine: float = ...,
    rewrite_seed_dice: float = ...,
    rewrite_gap_sentences: int = ...,
    rewrite_passage_cosine: float = ...,
    rewrite_min_words: int = ...,
    rewrite_link_cosine: float = 0.0,  # 0 = off; 0.4 links rewritten copy (README, "Rewritten copy")
    threads: int = 0,
    max_bytes: int = ...,
    on_error: _OnError = "skip",
    input_format: _InputFormat = "auto",
    id_from: _IdFrom = "name",
    timings: bool = True,
    char_offsets: bool = False,
) -> Report: ...

class SharedPassage(TypedDict):
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int  # words matched word for word
    match: Literal["exact", "rewritten"]  # pasted, or reworded (sentences alike in content)
    a_char_start: int
    a_char_end: int
    b_char_start: int
    b_char_end: int

class Comparison(TypedDict):
    a: str
    b: str
    a_words: int
    b_words: int
    shared_words: int
    shared: list[SharedPassage]
    added_a: list[tuple[int, int]]
    added_b: list[tuple[int, int]]
    added_a_chars: list[tuple[int, int]]
    added_b_chars: list[tuple[int, int]]

_CompareInput = Union[str, Mapping[str, Any], bytes, os.PathLike[str], os.PathLike[bytes]]

def compare(
    a: _CompareInput,
    b: _CompareInput,
    *,
    min_run_words: int = ...,
    align_gap_words: int = ...,
    align_seed_words: int = ...,
    rewrite_seed_cosine: float = ...,
    rewrite_seed_dice: float = ...,
    rewrite_gap_sentences: int = ...,
    rewrite_passage_cosine: float = ...,
    rewrite_min_words: int = ...,
    threads: int = 0,
    max_bytes: int = ...,
    input_format: _InputFormat = "auto",
) -> Comparison: ...

def passage_texts(
    a: Union[str, Mapping[str, Any]], b: Union[str, Mapping[str, Any]], comparison: Comparison
) -> Iterator[tuple[str, str]]: ...

class Match(TypedDict):
    id: str
    jaccard: float
    containment: float
    longest_run: int

class Decision(TypedDict, total=False):
    id: str
    decision: Literal["new", "copy", "duplicate", "rejected"]
    family: int
    merged: list[int]
    matches: list[Match]
    words: int
    reused_words: int
    added_words: int
    boilerplate_words: int
    seen: bool
    input: str  # rejected records only
    reason: str  # rejected records only

class Index:
    def __init__(
        self,
        path: _Path,
        *,
        shingle_k: int = ...,
        num_perm: int = ...,
        lsh_threshold: float = ...,
        seed: int = ...,
        min_run_words: int = ...,
        min_jaccard: float = ...,
        anchor_words: int = ...,
        max_bucket: int = ...,
        boilerplate_edge_words: int = ...,
        threads: int = 0,
        max_bytes: int = ...,
        on_error: _OnError = "skip",
        window_days: float = 0,
        busy_timeout_ms: int = 10000,
        sync: bool = False,
        commit_every: int = 1000,
    ) -> None: ...
    def add(self, article: Mapping[str, Any]) -> Decision: ...
    def add_many(self, articles: Iterable[Mapping[str, Any]]) -> list[Decision]: ...
    def stats(self) -> dict[str, Any]: ...
    def export(self) -> Report: ...
    def close(self) -> None: ...
    def __len__(self) -> int: ...
    @property
    def path(self) -> str: ...
    @property
    def closed(self) -> bool: ...
    def __enter__(self) -> Index: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
