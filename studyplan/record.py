"""``Record``: an immutable tuple with named fields, declared like a ``typing.NamedTuple``.

    class Concept(Record):
        id: str
        aliases: tuple[str, ...] = ()

Why not ``NamedTuple`` itself: defining one costs about 200 µs (it compiles every
annotation into a ForwardRef and evals a ``__new__``), and studyplan defines some
sixty records. On commands that should start in about 150 ms, that was 10 ms of
every start. A Record costs about 25 µs to define, and compiles namedtuple's
keyword-taking constructor only when one is first called with keywords or
defaults (many records are only ever built positionally). Instances are tuples, so
equality, hashing, unpacking, ``_replace``, ``_asdict`` and the ``--json`` output
behave exactly as they did with NamedTuple. Type checkers are shown
``typing.NamedTuple`` itself (the ``TYPE_CHECKING`` branch), so constructors stay
checked.
"""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING, Any

_MISSING = object()

try:  # the C accessor namedtuple's fields use: one small object per field
    from _collections import _tuplegetter

    def _field(i: int) -> Any:
        return _tuplegetter(i, None)

except ImportError:  # another Python implementation

    def _field(i: int) -> Any:
        return property(itemgetter(i))


class _RecordType(type):
    """Turns the annotated names of a class body into tuple fields."""

    def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> type:
        if not any(isinstance(b, _RecordType) for b in bases):
            return super().__new__(mcls, name, bases, ns)  # Record itself
        if bases != (Record,):
            raise TypeError(f"{name}: a record derives from Record alone (records are not extended)")
        # With ``from __future__ import annotations`` (as every studyplan module has) the
        # class body keeps its annotations as strings in ``__annotations__``: only the
        # names are used, nothing is evaluated.
        fields = tuple(ns.get("__annotations__", {}))
        if not fields:
            raise TypeError(f"{name}: declare the fields as annotations, e.g. `id: str`")
        defaults: list[Any] = []
        for f in fields:
            if f.startswith("_"):
                raise TypeError(f"{name}: field names cannot start with '_': {f}")
            value = ns.pop(f, _MISSING)
            if value is not _MISSING:
                defaults.append(value)
            elif defaults:
                raise TypeError(f"{name}: field '{f}' without a default follows a field with one")
        ns["__slots__"] = ()
        ns["_fields"] = ns["__match_args__"] = fields
        ns["_defaults"] = tuple(defaults)
        ns["_field_defaults"] = dict(zip(fields[len(fields) - len(defaults):], defaults))
        ns["_index"] = {f: i for i, f in enumerate(fields)}
        for i, f in enumerate(fields):
            ns[f] = _field(i)
        return super().__new__(mcls, name, bases, ns)


def _constructor(cls: Any) -> Any:
    """``__new__(_cls, field, …, field=default)``, compiled as namedtuple compiles it:
    Python itself then binds the arguments and words any error about them."""
    names = ", ".join(cls._fields)
    new = eval(f"lambda _cls, {names}: _tuple_new(_cls, ({names},))", {"_tuple_new": tuple.__new__, "__builtins__": {}})
    new.__defaults__ = cls._defaults or None
    new.__code__ = new.__code__.replace(co_name="__new__", co_qualname=f"{cls.__name__}.__new__")
    new.__name__, new.__qualname__ = "__new__", f"{cls.__name__}.__new__"
    return new


if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:

    class Record(tuple, metaclass=_RecordType):
        __slots__ = ()
        _fields: tuple[str, ...] = ()
        _defaults: tuple[Any, ...] = ()
        _field_defaults: dict[str, Any] = {}
        _index: dict[str, int] = {}

        def __new__(cls, *args: Any, **kwargs: Any) -> Record:
            if not kwargs and len(args) == len(cls._fields):
                return tuple.__new__(cls, args)
            # Keywords or defaults: give the class the constructor namedtuple would have
            # compiled at definition time, now that it is needed, and call it.
            cls.__new__ = staticmethod(_constructor(cls))
            return cls.__new__(cls, *args, **kwargs)

        @classmethod
        def _make(cls, iterable: Any) -> Record:
            return cls(*iterable)

        def _replace(self, **changes: Any) -> Record:
            unknown = changes.keys() - self._index.keys()
            if unknown:
                raise ValueError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
            return tuple.__new__(type(self), [changes.get(f, v) for f, v in zip(self._fields, self)])

        def _asdict(self) -> dict[str, Any]:
            return dict(zip(self._fields, self))

        def __repr__(self) -> str:
            return f"{type(self).__name__}({', '.join(f'{f}={v!r}' for f, v in zip(self._fields, self))})"

        def __getnewargs__(self) -> tuple[Any, ...]:
            return tuple(self)
