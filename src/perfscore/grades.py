"""Grade schemes (评价等级): from a score to 优/良/中/差 or another scheme's labels.

A grade scheme is data: labels with the lowest score (as a percentage of the maximum) that earns
each. perfscore grades the score a form prints — the percentage rounded half up to the
framework's places — so a result never shows 90.00 and 良 side by side.

* [`MOF_GRADES`][perfscore.grades.MOF_GRADES] — the Ministry of Finance scheme (财预〔2020〕10号): 优 90–100,
  良 80–<90, 中 60–<80, 差 <60.
* [`PART_GRADES`][perfscore.grades.PART_GRADES] — the US OMB Program Assessment Rating Tool: Effective 85–100,
  Moderately Effective 70–84, Adequate 50–69, Ineffective 0–49, and "Results Not Demonstrated" where
  measures are missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Final

import attrs

from perfscore.errors import FrameworkError, InvalidNumberError, describe
from perfscore.numbers import to_decimal

__all__ = ["MOF_GRADES", "PART_GRADES", "SCHEMES", "Grade", "GradeScheme"]


def _minimum(value: object) -> Decimal:
    try:
        number = to_decimal(value, field="minimum")
    except InvalidNumberError as error:
        raise FrameworkError("minimum", error.message) from None
    if not 0 <= number <= 100:
        raise FrameworkError("minimum", f"must be a percentage from 0 to 100, got {number}")
    return number


def _label(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FrameworkError("label", f"must be a non-empty text, got {describe(value)}")
    return value.strip()


def _scheme_name(value: object) -> str:
    try:
        return _label(value)
    except FrameworkError as error:
        raise FrameworkError("name", error.message) from None


@attrs.frozen
class Grade:
    """One grade: its label and the lowest percentage that earns it.

    Attributes:
        label: The label shown (优, Effective).
        minimum: The lowest score, as a percentage of the maximum, that earns it (inclusive).
        label_en: An English (or Chinese) gloss for reports; empty when none.
    """

    label: str = attrs.field(converter=_label)
    minimum: Decimal = attrs.field(converter=_minimum)
    label_en: str = attrs.field(default="")

    @label_en.validator
    def _check_label_en(self, attribute: attrs.Attribute[str], value: object) -> None:
        if not isinstance(value, str):
            raise FrameworkError("label_en", f"must be a text, got {describe(value)}")


def _grades(value: object) -> tuple[Grade, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or not value:
        raise FrameworkError("grades", "must be a non-empty list of grades")
    grades = tuple(value)
    for index, grade in enumerate(grades):
        if not isinstance(grade, Grade):
            raise FrameworkError(f"grades[{index}]", f"must be a Grade, got {type(grade).__name__}")
    return tuple(sorted(grades, key=lambda grade: grade.minimum, reverse=True))


@attrs.frozen
class GradeScheme:
    """A grade scheme (评价等级标准): grades by their lowest percentage.

    Attributes:
        name: The scheme's name.
        grades: The grades, kept from the highest minimum down; minimums distinct, labels
            distinct, the lowest minimum 0 so that every score has a grade.
        not_demonstrated: The label given when measures are missing (PART's "Results Not
            Demonstrated"); ``None`` when the scheme has no such label.

    Examples:
        >>> MOF_GRADES.grade(Decimal("94.70"))
        '优'
        >>> PART_GRADES.grade(Decimal("84.99"))
        'Moderately Effective'
    """

    name: str = attrs.field(converter=_scheme_name)
    grades: tuple[Grade, ...] = attrs.field(converter=_grades)
    not_demonstrated: str | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        minimums = [grade.minimum for grade in self.grades]
        labels = [grade.label for grade in self.grades]
        if len(set(minimums)) != len(minimums):
            raise FrameworkError("grades", "minimums must be distinct")
        if len(set(labels)) != len(labels):
            raise FrameworkError("grades", "labels must be distinct")
        if minimums[-1] != 0:
            raise FrameworkError("grades", "the lowest grade must start at 0, so every score has a grade")
        if self.not_demonstrated is not None:
            try:
                label = _label(self.not_demonstrated)
            except FrameworkError as error:
                raise FrameworkError("not_demonstrated", error.message) from None
            if label in labels:
                raise FrameworkError("not_demonstrated", "must differ from the grades' labels")

    def grade(self, percentage: object, *, measures_missing: bool = False) -> str:
        """The label for a score given as a percentage of the maximum.

        Args:
            percentage: The score as a percentage (0 to 100) of the maximum.
            measures_missing: Whether some measures had no data; with a scheme that has a
                ``not_demonstrated`` label, that label is returned.

        Returns:
            The grade's label.

        Raises:
            InvalidNumberError: ``percentage`` is not a number.
            FrameworkError: ``percentage`` is outside 0 to 100.
        """
        if measures_missing and self.not_demonstrated is not None:
            return self.not_demonstrated
        score = to_decimal(percentage, field="percentage")
        if not 0 <= score <= 100:
            raise FrameworkError("percentage", f"must be from 0 to 100, got {score}")
        for grade in self.grades:
            if score >= grade.minimum:
                return grade.label
        raise AssertionError("unreachable: the lowest grade starts at 0")  # pragma: no cover

    def to_dict(self) -> dict[str, object]:
        """The scheme as plain data (for files)."""
        data: dict[str, object] = {
            "name": self.name,
            "grades": [
                {"label": grade.label, "minimum": format(grade.minimum, "f"), "label_en": grade.label_en}
                for grade in self.grades
            ],
        }
        if self.not_demonstrated is not None:
            data["not_demonstrated"] = self.not_demonstrated
        return data


MOF_GRADES: Final = GradeScheme(
    "MOF",
    (
        Grade("优", 90, "excellent"),
        Grade("良", 80, "good"),
        Grade("中", 60, "fair"),
        Grade("差", 0, "poor"),
    ),
)
"""财政部 评价等级: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below (财预〔2020〕10号)."""

PART_GRADES: Final = GradeScheme(
    "PART",
    (
        Grade("Effective", 85, "有效"),
        Grade("Moderately Effective", 70, "较有效"),
        Grade("Adequate", 50, "一般"),
        Grade("Ineffective", 0, "无效"),
    ),
    not_demonstrated="Results Not Demonstrated",
)
"""US OMB PART ratings (2002–2008): Effective 85–100, Moderately Effective 70–84, Adequate 50–69,
Ineffective 0–49; Results Not Demonstrated where measures are missing.
"""

SCHEMES: Final[dict[str, GradeScheme]] = {"MOF": MOF_GRADES, "PART": PART_GRADES}
"""Built-in schemes by name, as frameworks files refer to them (``grades = "MOF"``)."""
