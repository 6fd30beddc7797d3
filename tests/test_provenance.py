"""Every value a reader emits names one provenance class; a reader that forgets it, or invents a
class, fails loudly instead of shipping values of unknown origin."""

import pandas as pd
import pytest

from explorer.catalogue import PROVENANCE
from explorer.sources import Readout


def rows(**extra):
    return pd.DataFrame({"iso3": ["TST"], "year": [2020], "raw_value": [1.0], "line": [2], **extra})


def test_a_value_without_provenance_is_refused():
    with pytest.raises(ValueError, match="provenance"):
        Readout().add(rows(), indicator="x", edition="e", file="f.csv")


@pytest.mark.parametrize("bad", ["official", None])
def test_an_unknown_or_empty_provenance_class_is_refused(bad):
    with pytest.raises(ValueError, match="unknown provenance"):
        Readout().add(rows(provenance=[bad]), indicator="x", edition="e", file="f.csv")


def test_each_of_the_four_classes_is_accepted_and_kept():
    out = Readout()
    for p in PROVENANCE:
        out.add(rows(provenance=[p]), indicator="x", edition="e", file="f.csv")
    assert list(out.observations()["provenance"]) == list(PROVENANCE)

