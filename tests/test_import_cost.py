"""Importing the pytest plugin must stay cheap: no AWS SDK, moto or Faker at load."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY_MODULES = ("botocore", "boto3", "moto", "faker")

_PROBE = """
import json, sys
import {module}
print(json.dumps(sorted(
    name for name in sys.modules
    if name.split(".")[0] in {heavy!r}
)))
"""


def loaded_heavy_modules(module: str) -> list[str]:
    """Import `module` in a fresh interpreter and list the heavy modules it loaded."""
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE.format(module=module, heavy=HEAVY_MODULES)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    loaded: list[str] = json.loads(completed.stdout)
    return loaded


@pytest.mark.parametrize("module", ["pytest_hpt_fixtures.plugin", "pytest_hpt_fixtures"])
def test_plugin_import_loads_no_heavy_module(module: str) -> None:
    assert loaded_heavy_modules(module) == []


def test_probe_sees_heavy_modules() -> None:
    # Guards the probe itself: importing the mock does load Faker.
    assert "faker" in loaded_heavy_modules("pytest_hpt_fixtures.mock")
