"""The build's fast paths write what the slow ones wrote: the content hash is the SHA-256 of the
same CSV text pandas writes, and the rows handed to sqlite are the same Python values (None for
missing, ints stay ints). Frames are small and synthetic."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest

from explorer.build import HASH_COLUMNS, _python_rows, content_hash


def _frame(**over):
    df = pd.DataFrame({"iso3": ["TST", "EXL", "SMP"], "indicator": ["a_x", "a_x", "b_y"],
                       "year": [2020, 2021, 2022], "raw_value": [0.1, np.nan, 1e-7],
                       "value": [12.3456789012345, 100.0, np.nan], "note": ["n", None, "x, y"],
                       "source_line": pd.array([3, None, 5], dtype="Int64")})
    return df.assign(**over)


def _pandas_hash(df):
    return hashlib.sha256(df[HASH_COLUMNS].to_csv(index=False, float_format="%.10g").encode()).hexdigest()


@pytest.mark.parametrize("over", [{}, {"iso3": ["T,ST", "EXL", "SMP"]}, {"year": [2020.0, 2021.0, 2022.0]}])
def test_the_content_hash_is_that_of_the_csv_pandas_writes(over):
    df = _frame(**over)
    assert content_hash(df) == _pandas_hash(df)


def test_rows_for_sqlite_are_plain_python_values_with_none_for_missing():
    rows = list(_python_rows(_frame(), ["iso3", "year", "raw_value", "note", "source_line"]))
    assert rows[1] == ("EXL", 2021, None, None, None)
    assert [type(v) for v in rows[0]] == [str, int, float, str, int]
