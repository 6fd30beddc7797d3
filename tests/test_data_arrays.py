"""The start-up path's replacements for np.unique give np.unique's answers."""

import numpy as np
from hypothesis import given, strategies as st

from explorer.data.arrays import distinct, runs

ints = st.lists(st.integers(-5, 5), max_size=40)


@given(ints)
def test_distinct_is_np_unique(xs):
    a = np.array(xs, dtype=np.int64)
    assert np.array_equal(distinct(a), np.unique(a))


@given(ints)
def test_runs_of_a_sorted_array_are_np_uniques_values_and_first_positions(xs):
    a = np.sort(np.array(xs, dtype=np.int64))
    values, starts = runs(a)
    u, first = np.unique(a, return_index=True)
    assert np.array_equal(values, u) and np.array_equal(starts, first)
