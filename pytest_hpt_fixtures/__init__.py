"""pytest fixtures that fake SageMaker hyperparameter tuning jobs for boto3 code.

The public names load on first use, so that importing the pytest plugin does
not import botocore, boto3, moto or Faker.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import HptUsageError, UnmockedOperationError
    from .mock import RecordedCall, TuningJobMock, active_mock, mock_tuning_jobs
    from .model import FakeTuningJob
    from .providers import TuningJobProvider
    from .service_model import output_shape_problems, shape_problems

__version__ = "0.1.0"

_EXPORTS = {
    "mock_tuning_jobs": "mock",
    "active_mock": "mock",
    "TuningJobMock": "mock",
    "RecordedCall": "mock",
    "FakeTuningJob": "model",
    "TuningJobProvider": "providers",
    "HptUsageError": "errors",
    "UnmockedOperationError": "errors",
    "output_shape_problems": "service_model",
    "shape_problems": "service_model",
}

__all__ = [
    "FakeTuningJob",
    "HptUsageError",
    "RecordedCall",
    "TuningJobMock",
    "TuningJobProvider",
    "UnmockedOperationError",
    "active_mock",
    "mock_tuning_jobs",
    "output_shape_problems",
    "shape_problems",
]


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module_name}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
