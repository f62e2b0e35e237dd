"""Bounded memo caches for functions of short texts (cell texts, labels, digit runs).

Cell texts repeat from report to report (``0``, ``1``, the template's labels), so the readers
memoise what they compute from them. A memo keyed on whole texts would keep every huge cell a run
met (4,096 entries x the cell's size): :func:`bounded_cache` remembers only calls whose text
arguments are short, at most :data:`MAX_KEY_CHARS` characters together, and at most ``maxsize``
of them (all forgotten at once when full, which costs nothing per call). A longer call is computed
each time: such texts are rare and are not values anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, ParamSpec, TypeVar

__all__ = ["MAX_KEY_CHARS", "BoundedCache", "bounded_cache", "caches", "clear_all"]

#: The most characters the text arguments of a remembered call may hold together.
MAX_KEY_CHARS = 128

P = ParamSpec("P")
R = TypeVar("R")

_MISSING = object()
_ALL: list[BoundedCache[..., object]] = []


def _key_chars(args: tuple[object, ...]) -> int:
    """The characters the text arguments hold together (other arguments count as one each)."""
    return sum(len(a) if isinstance(a, str) else 1 for a in args)


class BoundedCache(Generic[P, R]):
    """``fn`` with its results remembered for short arguments (see the module's description)."""

    __slots__ = ("_data", "fn", "key_chars", "max_key", "maxsize")

    def __init__(self, fn: Callable[P, R], maxsize: int, max_key: int) -> None:
        self.fn = fn
        self.maxsize = maxsize
        self.max_key = max_key
        self.key_chars = 0  #: the characters of the remembered keys, together
        self._data: dict[Hashable, R] = {}

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        if kwargs:
            return self.fn(*args, **kwargs)
        got = self._data.get(args, _MISSING)
        if got is not _MISSING:
            return got  # type: ignore[return-value]
        out = self.fn(*args, **kwargs)
        size = _key_chars(args)
        if size <= self.max_key:
            self._remember(args, out, size)
        return out

    def _remember(self, key: tuple[object, ...], value: R, size: int) -> None:
        if len(self._data) >= self.maxsize:
            self.cache_clear()
        self._data[key] = value
        self.key_chars += size

    def cache_clear(self) -> None:
        """Forget every remembered call."""
        self._data.clear()
        self.key_chars = 0

    def __len__(self) -> int:
        return len(self._data)


def bounded_cache(maxsize: int, max_key: int = MAX_KEY_CHARS) -> Callable[[Callable[P, R]], BoundedCache[P, R]]:
    """A decorator: remember at most ``maxsize`` calls, each with text arguments of at most
    ``max_key`` characters together."""

    def wrap(fn: Callable[P, R]) -> BoundedCache[P, R]:
        cache = BoundedCache(fn, maxsize, max_key)
        _ALL.append(cache)  # type: ignore[arg-type]
        return cache

    return wrap


def caches() -> tuple[BoundedCache[..., object], ...]:
    """Every cache made by :func:`bounded_cache` (for tests and benchmarks)."""
    return tuple(_ALL)


def clear_all() -> None:
    """Forget every remembered call of every cache."""
    for cache in _ALL:
        cache.cache_clear()
