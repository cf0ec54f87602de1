"""Every refusal of Indicator, Framework, Grade and GradeScheme, with its exact message."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfscore import MOF_GRADES, Framework, FrameworkError, Grade, GradeScheme, Indicator, InvalidNumberError
from perfscore.framework import MAX_DEPTH
from perfscore.grades import MOF_GRADES as MOF
from perfscore.rules import Bands, ExecutionRate, Manual

leaf = Indicator("L", "叶", 10, rule=Manual())

CASES = [
    (
        lambda: Framework("f", (Indicator("Y", "y", "1e-7", rule=Manual()),), places=6),
        FrameworkError,
        "Y.points: has more decimal places than the framework's 6: 0.0000001",
    ),
    (
        lambda: Indicator("P", "n", "2e-7", children=(Indicator("a", "n", "1e-7", rule=Manual()),)),
        FrameworkError,
        "P.children: points must add up to the parent's 0.0000002, but 0.0000001 = 0.0000001",
    ),
    (
        lambda: Indicator("c", "n", 1, rule=Manual(), description=5),
        FrameworkError,
        "description: must be a non-empty text, got 5",
    ),
    (
        lambda: Framework("f", (leaf,), description=[]),
        FrameworkError,
        "description: must be a non-empty text, got []",
    ),
    (
        lambda: Indicator("c", "n", "-1e1", rule=Manual()),
        FrameworkError,
        "points: must be greater than 0, got -10",
    ),
    (
        lambda: Indicator("P", "n", "2e1", children=(Indicator("a", "n", "1e1", rule=Manual()),)),
        FrameworkError,
        "P.children: points must add up to the parent's 20, but 10 = 10",
    ),
    (lambda: Indicator("", "n", 1, rule=Manual()), FrameworkError, "code: must be a non-empty text, got ''"),
    (lambda: Indicator(3, "n", 1, rule=Manual()), FrameworkError, "code: must be a non-empty text, got 3"),
    (
        lambda: Indicator("c", " ", 1, rule=Manual()),
        FrameworkError,
        "name: must be a non-empty text, got ' '",
    ),
    (lambda: Indicator("c", "n", "x", rule=Manual()), FrameworkError, "points: is not a decimal number: 'x'"),
    (lambda: Indicator("c", "n", 0, rule=Manual()), FrameworkError, "points: must be greater than 0, got 0"),
    (
        lambda: Indicator("c", "n", "-5", rule=Manual()),
        FrameworkError,
        "points: must be greater than 0, got -5",
    ),
    (lambda: Indicator("c", "n", 1), FrameworkError, "c.rule: a leaf indicator needs a rule"),
    (
        lambda: Indicator("c", "n", 10, rule=Manual(), children=(leaf,)),
        FrameworkError,
        "c.rule: a parent indicator is scored by its children, not a rule",
    ),
    (
        lambda: Indicator("c", "n", 10, rule="manual"),
        FrameworkError,
        "c.rule: must be a scoring rule, got str",
    ),
    (
        lambda: Indicator("c", "n", 10, children="ab"),
        FrameworkError,
        "children: must be a list of indicators, got str",
    ),
    (
        lambda: Indicator("c", "n", 10, children=5),
        FrameworkError,
        "children: must be a list of indicators, got int",
    ),
    (
        lambda: Indicator("c", "n", 10, children=(leaf, 3)),
        FrameworkError,
        "children[1]: must be an Indicator, got int",
    ),
    (
        lambda: Indicator("P", "n", 12, children=(leaf,)),
        FrameworkError,
        "P.children: points must add up to the parent's 12, but 10 = 10",
    ),
    (
        lambda: Indicator("P", "n", 20, children=(leaf, Indicator("M", "m", "9.5", rule=Manual()))),
        FrameworkError,
        "P.children: points must add up to the parent's 20, but 10 + 9.5 = 19.5",
    ),
    (
        lambda: Indicator("c", "n", 1, rule=Manual(), target=5),
        FrameworkError,
        "target: must be a non-empty text, got 5",
    ),
    (
        lambda: Indicator("c", "n", 1, rule=Manual(), unit=[]),
        FrameworkError,
        "unit: must be a non-empty text, got []",
    ),
    (lambda: Framework("", (leaf,)), FrameworkError, "name: must be a non-empty text, got ''"),
    (lambda: Framework("f", ()), FrameworkError, "indicators: must be a non-empty list of indicators"),
    (lambda: Framework("f", "ab"), FrameworkError, "indicators: must be a non-empty list of indicators"),
    (lambda: Framework("f", (leaf, 3)), FrameworkError, "indicators[1]: must be an Indicator, got int"),
    (
        lambda: Framework("f", (leaf,), places=7),
        FrameworkError,
        "places: must be a whole number from 0 to 6, got 7",
    ),
    (
        lambda: Framework("f", (leaf,), places=-1),
        FrameworkError,
        "places: must be a whole number from 0 to 6, got -1",
    ),
    (
        lambda: Framework("f", (leaf,), places=True),
        FrameworkError,
        "places: must be a whole number from 0 to 6, got True",
    ),
    (
        lambda: Framework("f", (leaf,), places="2"),
        FrameworkError,
        "places: must be a whole number from 0 to 6, got '2'",
    ),
    (
        lambda: Framework("f", (leaf,), not_applicable="sometimes"),
        FrameworkError,
        "not_applicable: must be one of full, rescale, exclude, got 'sometimes'",
    ),
    (lambda: Framework("f", (leaf,), grades="MOF"), FrameworkError, "grades: must be a GradeScheme, got str"),
    (lambda: Framework("f", (leaf, leaf)), FrameworkError, "L: code is used by more than one indicator"),
    (
        lambda: Framework("f", (Indicator("Y", "y", "2.5", rule=Manual()),), places=0),
        FrameworkError,
        "Y.points: has more decimal places than the framework's 0: 2.5",
    ),
    (
        lambda: Framework("f", (Indicator("B", "b", 5, rule=Bands([(1, 8)])),)),
        FrameworkError,
        "B.rule.bands[0].award: must not exceed the indicator's 5 points, got 8",
    ),
    (lambda: Framework("f", (leaf,))["Z"], FrameworkError, "Z: is not an indicator of f"),
    (lambda: Framework("f", (leaf,))[3], FrameworkError, "3: is not an indicator of f"),
    (lambda: Grade("", 10), FrameworkError, "label: must be a non-empty text, got ''"),
    (lambda: Grade("a", "x"), FrameworkError, "minimum: is not a decimal number: 'x'"),
    (lambda: Grade("a", 101), FrameworkError, "minimum: must be a percentage from 0 to 100, got 101"),
    (lambda: Grade("a", -1), FrameworkError, "minimum: must be a percentage from 0 to 100, got -1"),
    (lambda: Grade("a", 10, 5), FrameworkError, "label_en: must be a text, got 5"),
    (lambda: GradeScheme("", (Grade("a", 0),)), FrameworkError, "name: must be a non-empty text, got ''"),
    (lambda: GradeScheme("s", ()), FrameworkError, "grades: must be a non-empty list of grades"),
    (lambda: GradeScheme("s", "ab"), FrameworkError, "grades: must be a non-empty list of grades"),
    (lambda: GradeScheme("s", (Grade("a", 0), 3)), FrameworkError, "grades[1]: must be a Grade, got int"),
    (
        lambda: GradeScheme("s", (Grade("a", 0), Grade("b", 0))),
        FrameworkError,
        "grades: minimums must be distinct",
    ),
    (
        lambda: GradeScheme("s", (Grade("a", 0), Grade("a", 10))),
        FrameworkError,
        "grades: labels must be distinct",
    ),
    (
        lambda: GradeScheme("s", (Grade("a", 10),)),
        FrameworkError,
        "grades: the lowest grade must start at 0, so every score has a grade",
    ),
    (
        lambda: GradeScheme("s", (Grade("a", 0),), not_demonstrated="a"),
        FrameworkError,
        "not_demonstrated: must differ from the grades' labels",
    ),
    (
        lambda: GradeScheme("s", (Grade("a", 0),), not_demonstrated=" "),
        FrameworkError,
        "not_demonstrated: must be a non-empty text, got ' '",
    ),
    (lambda: MOF_GRADES.grade(101), FrameworkError, "percentage: must be from 0 to 100, got 101"),
    (lambda: MOF_GRADES.grade("-0.01"), FrameworkError, "percentage: must be from 0 to 100, got -0.01"),
    (lambda: MOF_GRADES.grade("x"), InvalidNumberError, "percentage: is not a decimal number: 'x'"),
    (lambda: MOF_GRADES.grade(None), InvalidNumberError, "percentage: must be a number, got None"),
]


@pytest.mark.parametrize(("call", "error", "message"), CASES)
def test_refusal_message(call, error, message):
    with pytest.raises(error) as caught:
        call()
    assert type(caught.value) is error
    assert str(caught.value) == message


def test_optional_texts_are_kept_stripped():
    indicator = Indicator(" c ", " 名称 ", 1, rule=Manual(), target=" ≥95% ", unit="%", description="说明")
    assert (indicator.code, indicator.name, indicator.target, indicator.unit, indicator.description) == (
        "c",
        "名称",
        "≥95%",
        "%",
        "说明",
    )
    assert Framework("f", (leaf,), description=" 来源 ").description == "来源"
    assert Indicator("c", "n", 1, rule=Manual()).target is None


def test_grade_boundaries_are_inclusive_minimums():
    assert [
        MOF_GRADES.grade(value) for value in ("100", "90", "89.99", "80", "79.99", "60", "59.99", "0")
    ] == [
        "优",
        "优",
        "良",
        "良",
        "中",
        "中",
        "差",
        "差",
    ]
    scheme = GradeScheme(" s ", (Grade(" b ", 0, "low"), Grade("a", "50.5")), not_demonstrated="n/d")
    assert scheme.name == "s"
    assert [grade.label for grade in scheme.grades] == ["a", "b"]
    assert scheme.grade("50.5") == "a"
    assert scheme.grade("50.49") == "b"
    assert scheme.grade("50.49", measures_missing=True) == "n/d"
    assert MOF_GRADES.grade("95", measures_missing=True) == "优"  # MOF has no such label
    assert scheme.to_dict() == {
        "name": "s",
        "grades": [
            {"label": "a", "minimum": "50.5", "label_en": ""},
            {"label": "b", "minimum": "0", "label_en": "low"},
        ],
        "not_demonstrated": "n/d",
    }
    assert "not_demonstrated" not in MOF_GRADES.to_dict()


def test_framework_lookup_and_maximum():
    framework = Framework(
        "f", (leaf, Indicator("P", "父", 5, children=(Indicator("Q", "子", 5, rule=Bands([(1, 5)])),)))
    )
    assert framework["Q"].name == "子"
    assert "Q" in framework
    assert "Z" not in framework
    assert 3 not in framework
    assert framework.maximum == 15
    assert [indicator.code for indicator in framework.leaves()] == ["L", "Q"]
    assert [(indicator.code, depth) for indicator, depth in framework.walk()] == [
        ("L", 1),
        ("P", 1),
        ("Q", 2),
    ]


def chain(levels: int) -> Indicator:
    indicator = Indicator("L1", "叶", 1, rule=Manual())
    for level in range(2, levels + 1):
        indicator = Indicator(f"L{level}", "父", 1, children=(indicator,))
    return indicator


def test_depth_is_limited_while_the_tree_is_built():
    deepest = chain(MAX_DEPTH)
    assert Framework("f", (deepest,)).score({"L1": 1}).total == 1
    assert [depth for _, depth in deepest.walk()][-1] == MAX_DEPTH
    with pytest.raises(FrameworkError) as caught:
        Indicator("top", "父", 1, children=(deepest,))
    assert str(caught.value) == f"top: is nested deeper than {MAX_DEPTH} levels"


def test_places_up_to_six_and_points_on_the_grid():
    assert Framework("f", (Indicator("A", "a", "0.000001", rule=Manual()),), places=6).places == 6
    assert Framework("f", (Indicator("A", "a", "2.55", rule=Manual()),), places=2).maximum == Decimal("2.55")
    assert Framework("f", (Indicator("A", "a", "2", rule=Manual()),), places=0).places == 0


def test_to_dict():
    framework = Framework(
        "示例",
        (
            Indicator("A", "履职效能", 20, rule=Manual(), target="≥ 90", unit="分", description="评分标准"),
            Indicator(
                "B", "预算管理", "3e1", children=(Indicator("B1", "执行率", 30, rule=ExecutionRate()),)
            ),
        ),
        description="来源",
        not_applicable="exclude",
        places=1,
    )
    assert framework.to_dict() == {
        "name": "示例",
        "description": "来源",
        "not_applicable": "exclude",
        "places": 1,
        "grades": "MOF",
        "indicators": [
            {
                "code": "A",
                "name": "履职效能",
                "points": "20",
                "target": "≥ 90",
                "unit": "分",
                "description": "评分标准",
                "rule": {"kind": "manual"},
            },
            {
                "code": "B",
                "name": "预算管理",
                "points": "30",
                "children": [
                    {"code": "B1", "name": "执行率", "points": "30", "rule": {"kind": "execution_rate"}}
                ],
            },
        ],
    }
    custom = GradeScheme("自定义", (Grade("好", 60), Grade("差", 0)))
    plain = Framework("f", (leaf,), grades=custom).to_dict()
    assert plain == {
        "name": "f",
        "not_applicable": "rescale",
        "places": 2,
        "grades": custom.to_dict(),
        "indicators": [{"code": "L", "name": "叶", "points": "10", "rule": {"kind": "manual"}}],
    }
    assert Framework("f", (leaf,), grades=MOF).to_dict()["grades"] == "MOF"


def test_grade_minimum_may_be_100_and_is_written_plainly():
    scheme = GradeScheme("满分制", (Grade("满分", 100), Grade("其他", 0), Grade("十", "1e1")))
    assert scheme.grade(100) == "满分"
    assert scheme.grade("99.99") == "十"
    assert [grade["minimum"] for grade in scheme.to_dict()["grades"]] == ["100", "10", "0"]
