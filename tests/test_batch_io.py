"""perfscore.batch, inputs and outputs: what the engine accepts, refuses (with which words) and returns."""

from __future__ import annotations

import decimal
import math
import re
import sys
from decimal import Decimal

import numpy as np
import pytest

from perfscore import NOT_APPLICABLE, Framework, Indicator, ObservationError, PerfscoreError
from perfscore.batch import frame_meta, score_dask
from perfscore.errors import MissingDependencyError
from perfscore.grades import PART_GRADES
from perfscore.rules import Forward, Manual, Qualitative
from tests.test_batch import single, two_leaves

pd = pytest.importorskip("pandas")


def nested() -> Framework:
    """A parent P (leaves A, B) and a leaf C; PART grades, which have a "not demonstrated" label."""
    return Framework(
        "nested",
        (
            Indicator(
                "P",
                "产出",
                60,
                children=(
                    Indicator("A", "数量", 30, rule=Forward(target=100)),
                    Indicator("B", "质量", 30, rule=Manual()),
                ),
            ),
            Indicator("C", "效益", 40, rule=Manual()),
        ),
        grades=PART_GRADES,
    )


# -- columns that cannot be read -----------------------------------------------------------------


class _Unreadable:
    """A one-dimensional column-like object whose values cannot be fetched."""

    ndim = 1

    def __array__(self, dtype=None, copy=None):
        raise ValueError("the store is closed")


@pytest.mark.parametrize(
    ("column", "message"),
    [
        (5, r"^A: must be a column of values, got int$"),
        (2.5, r"^A: must be a column of values, got float$"),
        ("80", r"^A: must be a column of values, got str$"),
        (b"80", r"^A: must be a column of values, got bytes$"),
        (_Unreadable(), r"^A: cannot be read as a column: the store is closed$"),
        ([[1.0, 2.0]], r"^A: must be one-dimensional, got shape \(1, 2\)$"),
        (np.array([1 + 2j]), r"^A: must hold numbers, got dtype complex128$"),
        (
            np.array(["2024-01-01"], dtype="datetime64[D]"),
            r"^A: must hold numbers, got dtype datetime64\[D\]$",
        ),
    ],
)
def test_unreadable_columns_are_refused_with_their_code(column, message):
    with pytest.raises(ObservationError, match=message) as caught:
        two_leaves().score_batch({"A": column, "B": [1.0]})
    assert caught.value.field == "A"


def test_bad_mappings_and_keys_are_refused_in_the_words_of_columns():
    framework = nested()
    full = {"A": [1.0], "B": [1.0], "C": [1.0]}
    with pytest.raises(ObservationError, match=r"^columns: must map leaf codes to columns, got list$"):
        framework.score_batch([[1.0, 2.0]])
    with pytest.raises(ObservationError, match=r"^1: column keys must be indicator codes \(text\)$"):
        framework.score_batch({1: [1.0], **full})
    with pytest.raises(ObservationError, match=r"^P: is a parent indicator: give columns for its leaves$"):
        framework.score_batch({"P": [1.0], **full})
    with pytest.raises(ObservationError, match=r"^C: has no column \(use NaN where it does not apply\)$"):
        framework.score_batch({"A": [1.0], "B": [1.0]})
    with pytest.raises(ObservationError, match=r"^chunk_size: must be a whole number ≥ 1, got 0$"):
        framework.score_batch(full, chunk_size=0)
    for threads in (0, -2, 1.5, True, "2", np.int64(0), np.bool_(True)):
        expected = rf"^threads: must be a whole number ≥ 1, got {re.escape(repr(threads))}$"
        with pytest.raises(ObservationError, match=expected):
            framework.score_batch(full, threads=threads)
    # numpy integers are whole numbers too
    counted = framework.score_batch(full, chunk_size=np.int64(1), threads=np.int32(2))
    assert counted.total_units.tolist() == framework.score_batch(full).total_units.tolist()


def test_dataframe_column_names_must_be_distinct_codes():
    framework = two_leaves()
    with pytest.raises(
        ObservationError, match=r"^0: column names must be indicator codes \(text\)$"
    ) as caught:
        framework.score_batch(pd.DataFrame({0: [1.0], "A": [1.0], "B": [1.0]}))
    assert caught.value.field == "0"
    with pytest.raises(ObservationError, match=r"^columns: a column name is repeated$") as caught:
        framework.score_batch(pd.DataFrame([[1.0, 2.0, 3.0]], columns=["A", "A", "B"]))
    assert caught.value.field == "columns"


def test_not_applicable_masks_must_name_leaves():
    framework = nested()
    full = {"A": [1.0], "B": [1.0], "C": [1.0]}
    mask = np.array([True])
    with pytest.raises(ObservationError, match=r"^not_applicable: must map leaf codes to boolean masks$"):
        framework.score_batch(full, not_applicable=[mask])
    for code, shown in (("P", r"'P'"), ("Z", r"'Z'"), (1, "1")):
        with pytest.raises(
            ObservationError, match=rf"^not_applicable\[{shown}\]: is not a leaf of the framework$"
        ):
            framework.score_batch(full, not_applicable={code: mask})
    with pytest.raises(ObservationError, match=r"^not_applicable\[A\]: must be a boolean array of 1 rows$"):
        framework.score_batch(full, not_applicable={"A": np.array([1])})


def test_text_that_is_no_number_names_the_qualitative_leaf_and_row():
    with pytest.raises(ObservationError, match=r"^X: row 1: is not a decimal number: 'x'$") as caught:
        single(Qualitative()).score_batch({"X": ["5", "x"]})
    assert caught.value.field == "X"


# -- what is read as not applicable, and where row labels come from -----------------------------


def test_pandas_na_in_an_object_column_is_not_applicable():
    framework = two_leaves("rescale")
    batch = framework.score_batch({"A": [80.0, 80.0], "B": np.array([Decimal("40"), pd.NA], object)})
    assert batch.total_units.tolist() == [8800, 8000]  # 48 + 40; A alone, 60 rescaled to 100: 80
    assert batch.not_applicable.tolist() == [[False, False], [False, True]]
    assert batch.observations(1) == {"A": 80.0, "B": NOT_APPLICABLE}
    assert batch.result(1).total == Decimal("80.00")


def test_row_labels_only_from_pandas():
    framework = two_leaves()
    assert framework.score_batch({"A": [80.0], "B": [2.0]}).index is None  # lists have an .index method

    class Labelled(dict):
        """A mapping that happens to have ``columns`` and ``index`` attributes: not a DataFrame."""

        columns = ("A", "B")
        index = ("row",)

    batch = framework.score_batch(Labelled(A=[80.0], B=[2.0]))
    assert batch.index is None
    assert batch.total_units.tolist() == [5000]


# -- results -------------------------------------------------------------------------------------


def test_positions_are_whole_numbers_in_range():
    batch = two_leaves().score_batch({"A": [80.0, 50.0], "B": [2.0, 3.0]})
    assert batch.observations(np.int64(1)) == {"A": 50.0, "B": 3.0}
    for unit in (2, -1, True, 1.0):
        with pytest.raises(ObservationError, match=rf"^unit: must be a position from 0 to 1, got {unit!r}$"):
            batch.observations(unit)


def test_exact_values_ignore_the_ambient_decimal_context():
    batch = two_leaves().score_batch({"A": [80.0], "B": [13.23]})
    with decimal.localcontext(decimal.Context(prec=2)):
        totals = batch.totals_decimal()
        frame = batch.to_frame(exact=True)
    assert [str(value) for value in totals] == ["61.23"]
    assert [str(frame[name].iloc[0]) for name in ("A", "B", "total", "maximum", "percentage")] == [
        "48.00",
        "13.23",
        "61.23",
        "100.00",
        "61.23",
    ]


def test_empty_results_keep_their_dtypes():
    framework = nested()
    batch = framework.score_batch({"A": [], "B": [], "C": []})
    assert batch.totals_decimal().dtype == object
    assert batch.totals.dtype == np.float64
    for exact, dtype in ((True, object), (False, np.float64)):
        out = batch.to_frame(exact=exact)
        meta = frame_meta(framework, exact=exact)
        assert (
            list(out.columns)
            == list(meta.columns)
            == ["A", "B", "C", "total", "maximum", "percentage", "grade"]
        )
        assert [out[name].dtype for name in out.columns[:-1]] == [np.dtype(dtype)] * 6
        assert list(meta.dtypes) == list(out.dtypes)
        labels = ["Effective", "Moderately Effective", "Adequate", "Ineffective", "Results Not Demonstrated"]
        assert list(out["grade"].cat.categories) == list(meta["grade"].cat.categories) == labels


def test_a_leaf_named_like_a_summary_column_cannot_be_framed():
    framework = Framework(
        "clash",
        (Indicator("A", "甲", 60, rule=Forward(target=100)), Indicator("total", "乙", 40, rule=Manual())),
    )
    batch = framework.score_batch({"A": [80.0], "total": [2.0]})
    with pytest.raises(PerfscoreError, match=r"^to_frame: leaf code 'total' clashes with a summary column$"):
        batch.to_frame()


def test_without_pandas_frames_ask_for_the_extra(monkeypatch):
    batch = two_leaves().score_batch({"A": [80.0], "B": [2.0]})
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    needs = r": needs pandas: pip install 'perfscore\[pandas\]'$"
    with pytest.raises(PerfscoreError, match=rf"^to_frame{needs}") as caught:
        batch.to_frame()
    assert caught.value.field == "to_frame"
    assert isinstance(caught.value, MissingDependencyError)  # also an ImportError
    with pytest.raises(PerfscoreError, match=rf"^frame_meta{needs}") as caught:
        frame_meta(two_leaves())
    assert caught.value.field == "frame_meta"


# -- Dask --------------------------------------------------------------------------------------


def test_dask_meta_and_default_are_those_of_to_frame():
    dask = pytest.importorskip("dask")
    dd = pytest.importorskip("dask.dataframe")
    framework = two_leaves()
    # B as text (a string column): Dask could not guess the result's meta from dummy text ("foo").
    frame = pd.DataFrame({"A": [80.0, 50.0, math.nan], "B": ["12.5", "40", "3"]})
    observations = dd.from_pandas(frame, npartitions=2)
    with dask.config.set(scheduler="synchronous"):
        floats = score_dask(framework, observations)
        assert list(floats.dtypes) == list(frame_meta(framework).dtypes)
        computed = floats.compute()
        exact = score_dask(framework, observations, exact=True)
        assert list(exact.dtypes) == list(frame_meta(framework, exact=True).dtypes)
        computed_exact = exact.compute()
    assert computed["total"].dtype == np.float64
    assert computed["total"].tolist() == [60.5, 70.0, 7.5]  # 48 + 12.5; 30 + 40; B alone, 3 of 40 → 7.5
    assert [str(value) for value in computed_exact["total"]] == ["60.50", "70.00", "7.50"]
    assert list(computed_exact.dtypes) == list(exact.dtypes)


def test_a_ragged_column_is_refused_by_name():
    # numpy refuses inhomogeneous shapes with its own ValueError; it must not escape.
    with pytest.raises(ObservationError, match=r"^A: cannot be read as a column: "):
        two_leaves().score_batch({"A": [[1], [1, 2]], "B": [1, 2]})


def test_a_column_whose_conversion_raises_anything_is_refused_by_name():
    class Broken:
        def __len__(self) -> int:
            return 2

        def __array__(self, *args: object, **kwargs: object) -> object:
            raise RuntimeError("broken")

    with pytest.raises(ObservationError, match=r"^A: cannot be read as a column: broken$"):
        two_leaves().score_batch({"A": Broken(), "B": [1, 2]})


def test_notebook_summary_counts_units_totals_and_grades():
    framework = Framework(
        "<体系> & co",
        (
            Indicator("A", "产出", 60, rule=Forward(target=100)),
            Indicator("B", "效益", 40, rule=Forward(target=100)),
        ),
    )
    batch = framework.score_batch({"A": [100.0, 50.0, 100.0], "B": [100.0, 0.0, 90.0]})
    assert batch.total_units.tolist() == [10000, 3000, 9600]
    page = batch._repr_html_()
    assert "&lt;体系&gt; &amp; co" in page
    assert "<体系>" not in page
    assert "<td>3</td>" in page  # units
    assert "<td>75.33</td>" in page  # (100 + 30 + 96) / 3 = 75.333…, half up
    assert "<td>30.00</td>" in page
    assert "<td>100.00</td>" in page
    assert "<th>优</th><td>2</td>" in page
    assert "<th>差</th><td>1</td>" in page


def test_notebook_summary_of_no_units():
    framework = Framework("空", (Indicator("A", "产出", 100, rule=Forward(target=100)),))
    page = framework.score_batch({"A": []})._repr_html_()
    assert "<td>0</td>" in page
    assert "mean" not in page
