"""Record behaves as the typing.NamedTuple it replaces (see studyplan/record.py)."""

from __future__ import annotations

import pickle
from typing import NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studyplan.record import Record
from studyplan.render.json import jsonable


class Point(Record):
    """A test record."""

    x: int
    y: int
    label: str = "origin"
    tags: tuple[str, ...] = ()

    @property
    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)


class PointNT(NamedTuple):
    x: int
    y: int
    label: str = "origin"
    tags: tuple[str, ...] = ()


values = st.tuples(st.integers(), st.integers(), st.text(max_size=5), st.lists(st.text(max_size=3), max_size=3).map(tuple))


@given(values, st.integers(0, 4), st.integers(0, 4))
def test_any_mix_of_positional_keyword_and_default_arguments_builds_what_namedtuple_builds(v, n_positional, n_given):
    n_given = max(n_given, 2)  # x and y are required
    n_positional = min(n_positional, n_given)
    names = Point._fields[:n_given]
    args = v[:n_positional]
    kwargs = dict(zip(names[n_positional:], v[n_positional:n_given]))
    made, expected = Point(*args, **kwargs), PointNT(*args, **kwargs)
    assert tuple(made) == tuple(expected)
    assert made._asdict() == expected._asdict()
    assert repr(made) == repr(expected).replace("PointNT", "Point")


def test_fields_are_attributes_and_the_record_is_a_tuple():
    p = Point(3, -4)
    assert (p.x, p.y, p.label, p.tags, p.norm1) == (3, -4, "origin", (), 7)
    x, y, _, _ = p
    assert (x, y) == (3, -4)
    assert p == Point(3, -4) and hash(p) == hash(Point(3, -4)) and p != Point(3, 4)
    assert Point._fields == ("x", "y", "label", "tags")
    assert Point._field_defaults == {"label": "origin", "tags": ()}
    assert Point.__doc__ == "A test record."


def test_records_are_immutable_and_hold_no_dict():
    p = Point(1, 2)
    with pytest.raises(AttributeError):
        p.x = 5  # type: ignore[misc]
    with pytest.raises(AttributeError):
        p.other = 5  # type: ignore[attr-defined]


def test_replace_make_pickle_and_json():
    p = Point(1, 2, "a", ("t",))
    assert p._replace(y=9) == Point(1, 9, "a", ("t",))
    assert type(p._replace(y=9)) is Point
    with pytest.raises(ValueError, match="no field z"):
        p._replace(z=1)
    assert Point._make([1, 2, "b", ()]) == Point(1, 2, "b")
    assert pickle.loads(pickle.dumps(p)) == p
    assert jsonable(p) == {"x": 1, "y": 2, "label": "a", "tags": ["t"]}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: Point(1), r"Point.__new__\(\) missing 1 required positional argument: 'y'"),
        (lambda: Point(1, 2, z=3), "unexpected keyword argument 'z'"),
        (lambda: Point(1, 2, x=3), "multiple values for argument 'x'"),
        (lambda: Point(1, 2, "a", (), 5), "takes from 3 to 5 positional arguments but 6 were given"),
    ],
)
def test_wrong_arguments_are_refused_like_a_function_call(call, message):
    with pytest.raises(TypeError, match=message):
        call()


def test_a_badly_declared_record_is_refused_at_definition():
    with pytest.raises(TypeError, match="without a default follows"):

        class Bad(Record):
            a: int = 1
            b: int

    with pytest.raises(TypeError, match="cannot start with '_'"):

        class Private(Record):
            _a: int

    with pytest.raises(TypeError, match="not extended"):

        class Extended(Point):
            z: int = 0


def test_the_constructor_is_the_same_before_and_after_the_first_keyword_call():
    class Fresh(Record):
        a: int
        b: str = "b"

    assert Fresh(1, "x") == (1, "x")  # all positional: no constructor compiled yet
    assert Fresh(a=2) == (2, "b")  # the first keyword call compiles it
    assert Fresh(3, "y") == (3, "y") and Fresh(4) == (4, "b")
    assert type(Fresh(5)) is Fresh
