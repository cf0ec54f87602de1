"""Test configuration: Hypothesis profiles.

``dev`` (the default) is quick for a developer's edit-test loop; ``ci`` is thorough and is what
``.ci/run`` selects through ``HYPOTHESIS_PROFILE=ci``; ``mutation`` is what
``scripts/mutation.py`` runs each mutant with.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, settings

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# scripts/mutation.py: quick and reproducible (same examples for every mutant, no example database);
# mutmut runs each test several times in one process, which that health check would refuse. No
# shrinking: a mutant is killed by its first failing example, and shrinking one costs minutes.
settings.register_profile(
    "mutation",
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.differing_executors, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def files(tmp_path):
    """A framework file and an observations file of the test project (the CLI tests' inputs)."""
    from perfscore import dump_framework, dump_observations  # noqa: PLC0415 - fixtures load late
    from tests.test_excel import OBSERVATIONS, project_framework  # noqa: PLC0415

    framework_path = tmp_path / "framework.toml"
    observations_path = tmp_path / "observations.json"
    dump_framework(project_framework(), framework_path)
    dump_observations(OBSERVATIONS, observations_path)
    return framework_path, observations_path
