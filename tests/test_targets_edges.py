"""Edges of printed targets found in review: ``-0``, a leaf unit that is not its target's, blank keys."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore import Framework, Indicator
from perfscore.errors import FileFormatError, FrameworkError, ObservationError
from perfscore.targets import Target, canonical_unit, check_target_unit, parse

D = Decimal

signs = st.sampled_from(["≥", "＞", "≤", "＜", "=", "＝", "﹦", "不低于", "不超过"])
units = st.sampled_from(["", "%", "％", "百分比", "个", "万元", "万", "天"])
zeros = st.builds(lambda places: "0" if places == 0 else "0." + "0" * places, st.integers(0, 3))


class TestMinusZero:
    @pytest.mark.parametrize(
        ("text", "printed"),
        [("≥-0", "≥0"), ("＝-0%", "=0%"), ("≤－0万元", "≤0万元"), ("-0～5", "0～5"), ("≥-0.00", "≥0.00")],
    )
    def test_printed_without_the_sign(self, text, printed):
        target = parse(text)
        assert str(target) == printed
        assert target.number is not None
        assert not target.number.is_signed()
        assert parse(str(target)) == target

    def test_a_target_built_with_minus_zero(self):
        target = Target("forward", "≥", D("-0"))
        assert str(target) == "≥0"
        assert not Target("range", number=D("-0"), upper=D(5)).numbers[0].is_signed()

    def test_scored_as_zero(self):
        assert parse("≥-0").rule() == parse("≥0").rule()
        assert str(parse("≥-0").rule().target) == "0"  # type: ignore[attr-defined]

    @given(signs, zeros, units)
    def test_no_signed_zero_is_kept(self, sign, zero, unit):
        target = parse(f"{sign}-{zero}{unit}")
        assert target.number == 0
        assert not target.number.is_signed()
        assert "-" not in str(target)
        assert parse(str(target)) == target
        assert str(parse(str(target))) == str(target)


class TestLeafUnit:
    def test_a_unit_that_is_not_the_targets_is_refused_by_leaf(self):
        with pytest.raises(FrameworkError) as caught:
            Indicator("C1", "合格率", 8, target="≥95%", unit="个")
        assert caught.value.field == "C1.unit"
        assert (
            str(caught.value)
            == "C1.unit: 个 is not the target's unit (% in '≥95%'): give '%', or a target in 个"
        )

    def test_in_a_framework_file(self):
        from perfscore.io import framework_from_dict  # noqa: PLC0415

        data = {
            "name": "示例",
            "indicators": [{"code": "A", "name": "成本", "points": 10, "target": "≤90万元", "unit": "元"}],
        }
        with pytest.raises(FileFormatError, match=r"^indicators\[0\]\.unit: 元 is not the target's unit"):
            framework_from_dict(data)

    @pytest.mark.parametrize(
        ("target", "unit", "kept"),
        [
            ("≥95%", "%", "%"),
            ("≥95%", "百分比", "百分比"),  # the same unit, as printed
            ("≥100百分比", "％", "％"),
            ("≥29", "个", "个"),  # a target with no unit takes the leaf's
            ("≤150万", "万元", "万元"),  # the form dropped the 元
            ("效果明显", "个", "个"),  # words have no unit
        ],
    )
    def test_fitting_units(self, target, unit, kept):
        assert Indicator("C1", "指标", 8, target=target, unit=unit).unit == kept

    def test_an_explicit_rule_keeps_the_target_as_report_text(self):
        from perfscore.rules import Forward  # noqa: PLC0415

        leaf = Indicator("C1", "合格率", 8, target="≥95%", unit="个", rule=Forward(95))
        assert leaf.unit == "个"

    @given(units, units)
    def test_refused_exactly_when_both_units_are_given_and_differ(self, printed, given_unit):
        target = parse(f"≥95{printed}")
        leaf_unit = canonical_unit(given_unit)
        fits = (
            target.unit is None
            or leaf_unit is None
            or leaf_unit == target.unit
            or (target.unit, leaf_unit) == ("万", "万元")
        )
        if fits:
            check_target_unit(target, given_unit or None, field="C1.unit")
        else:
            with pytest.raises(FrameworkError, match=r"^C1\.unit: "):
                check_target_unit(target, given_unit or None, field="C1.unit")


class TestBlankKeys:
    framework = Framework("示例", [Indicator("A", "数量", 10, target="≥50个")])

    @pytest.mark.parametrize("key", ["", " ", "\u3000", "\t"])
    def test_score(self, key):
        with pytest.raises(ObservationError) as caught:
            self.framework.score({key: 1, "A": 50})
        assert caught.value.field == "observations"
        assert "a key is empty" in caught.value.message

    @pytest.mark.parametrize("key", ["", " "])
    def test_score_batch_columns(self, key):
        with pytest.raises(ObservationError) as caught:
            self.framework.score_batch({key: np.array([1.0]), "A": np.array([50.0])})
        assert caught.value.field == "columns"
        assert "a key is empty" in caught.value.message
