"""What the fakes change for the whole process while any of them is active.

The environment (fake credentials, no instance metadata look-ups) and the
patch of the `requests` library belong to the process, not to one fake. The
first fake to start sets them, and the last one to stop puts them back, so
fakes may stop in any order: unittest, for one, runs `tearDown` before the
clean-ups that `addCleanup` registered.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from . import _hook
from .environment import SavedEnvironment, apply_fake_environment, restore_environment

if TYPE_CHECKING:
    from .mock import TuningJobMock
    from .responses_transport import RequestsTransport

_lock = threading.Lock()
# Set while any fake is active.
_environment: SavedEnvironment | None = None
_transport: RequestsTransport | None = None


def activate(mock: TuningJobMock) -> None:
    """Make `mock` the innermost active fake, and set the process up for the first one."""
    global _environment, _transport
    with _lock:
        _hook.push_mock(mock)
        if _transport is not None:
            _transport.register_with_moto()
            return
        from .responses_transport import RequestsTransport

        _environment = apply_fake_environment(mock.region)
        _transport = RequestsTransport()
        _transport.start()


def deactivate(mock: TuningJobMock) -> None:
    """Stop serving from `mock`, and put the process back after the last fake."""
    global _environment, _transport
    with _lock:
        _hook.remove_mock(mock)
        if _hook.active_mock() is not None:
            return
        transport, _transport = _transport, None
        environment, _environment = _environment, None
        if transport is not None:
            transport.stop()
        if environment is not None:
            restore_environment(environment)
