"""A printed 项目支出绩效自评表 in, the score, its audit and the official Excel form out.

The form is the 委托业务项目 (2022) of 池州市贵池区棠溪镇人民政府, as published
(https://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2) and transcribed in
``examples/forms/``: 年度指标值 as printed ("≥50个", "≤90万元") give the rules, the 项目资金 block
gives 预算执行率, and the 得分 the form printed are checked against the rules' (the form prints 0
for 预算执行率, which its own 项目资金 block gives 10 points). The filled form is written to the
directory given as the first argument (the working directory by default).

Output includes ``总分 90.00``, ``预算执行率 A: stated 0, computed 10.00``, ``≥50个 → forward`` and
``自评表 written``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from perfscore.audit import check_stated
from perfscore.io import load_framework, load_observations
from perfscore.report import write_xlsx

FORMS = Path(__file__).resolve().parent / "forms"


def main() -> None:
    framework = load_framework(FORMS / "chizhou_2022_commission_framework.toml")
    observations = load_observations(FORMS / "chizhou_2022_commission.toml")
    for leaf in framework.leaves():
        if leaf.target and leaf.target.startswith(("≥", "≤")):
            print(f"{leaf.code} {leaf.target} → {leaf.rule.kind if leaf.rule else '-'}")
    result = framework.score(observations)  # the [funds] block feeds 预算执行率
    print(f"总分 {result.total} / {result.maximum}（{result.grade}）")
    for finding in check_stated(result, observations.stated):
        name = result[finding.code].name
        print(f"{name} {finding.code}: stated {finding.stated}, computed {finding.computed}")
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    path = out / "自评表.xlsx"
    write_xlsx(result, framework, path, observations=observations)
    print(f"自评表 written: {path.name}")


if __name__ == "__main__":
    main()
