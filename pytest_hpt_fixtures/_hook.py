"""Connect botocore's event system to the active fake, without importing botocore.

botocore copies `botocore.handlers.BUILTIN_HANDLERS` into every new session's
event system, so a handler appended to that list reaches every client created
afterwards. Importing `botocore.handlers` costs about a tenth of a second, which
a pytest plugin must not add to every run, so this module appends the handlers
at the moment something else imports `botocore.handlers`, through a
`sys.meta_path` finder.

The handlers look up the active `TuningJobMock` in one module global. When no
fake is active they return at once and change nothing.
"""

from __future__ import annotations

import functools
import importlib.abc
import importlib.machinery
import sys
import threading
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .mock import TuningJobMock

_HANDLERS_MODULE = "botocore.handlers"

# Innermost active fake last. A list and not a context variable, because the
# fake serves clients used from any thread while it is active.
_active_mocks: list[TuningJobMock] = []
_active_lock = threading.Lock()


def active_mock() -> TuningJobMock | None:
    """Return the innermost active fake, or None."""
    # One indexing operation, because another thread may stop the last fake
    # between a check for an empty list and a read of its last item.
    try:
        return _active_mocks[-1]
    except IndexError:
        return None


def push_mock(mock: TuningJobMock) -> None:
    install()
    with _active_lock:
        _active_mocks.append(mock)


def remove_mock(mock: TuningJobMock) -> None:
    with _active_lock:
        for index in range(len(_active_mocks) - 1, -1, -1):
            if _active_mocks[index] is mock:
                del _active_mocks[index]
                return


# botocore calls every before-send handler, even after one has returned a
# response. So moto's handler would still process a request the fake has
# responded to, and raise NotImplementedError for an operation moto lacks.
# Each thread keeps the last request the fake responded to, and moto's
# handler, gated below, returns None for it. botocore runs the handlers of
# one request one after another on the calling thread, so moto's handler
# receives that request next.
_responded = threading.local()


def before_sign(request: Any, **kwargs: Any) -> None:
    """Give the request fake credentials while a fake is active.

    botocore signs with `request.context["signing"]["request_credentials"]`
    when it is set, so the client's own credentials are never read, refreshed
    or used while a fake is active.
    """
    mock = active_mock()
    if mock is None:
        return
    mock.replace_signing_credentials(request, kwargs.get("request_signer"))


def before_send(request: Any, **kwargs: Any) -> Any:
    """Return the active fake's response to a request; None lets botocore go on."""
    mock = active_mock()
    response = None
    if mock is not None:
        response = mock.handle_botocore_request(request, kwargs.get("event_name", ""))
    stubber_module = sys.modules.get("moto.core.botocore_stubber")
    if stubber_module is not None:
        _gate_moto_handler(stubber_module.BotocoreStubber)
        # Set for every request, so that a retry of a request the fake
        # responded to, sent again as the same object, is not skipped.
        _responded.request = None if response is None else request
    return response


def _gate_moto_handler(stubber_class: Any) -> None:
    """Make moto's before-send handler return None for the request the fake responded to."""
    original = stubber_class.__call__
    if getattr(original, "_skips_requests_of_the_fake", False):
        return

    @functools.wraps(original)
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        request = kwargs.get("request", args[1] if len(args) > 1 else None)
        if request is not None and getattr(_responded, "request", None) is request:
            _responded.request = None
            return None
        return original(self, *args, **kwargs)

    call._skips_requests_of_the_fake = True  # type: ignore[attr-defined]
    stubber_class.__call__ = call


_BOTOCORE_HANDLERS = (
    ("before-sign", before_sign),
    ("before-send", before_send),
)


def _append_handlers(module: ModuleType) -> None:
    builtin_handlers = module.BUILTIN_HANDLERS
    for spec in _BOTOCORE_HANDLERS:
        if spec in builtin_handlers:
            continue
        # botocore takes the first non-None before-send response, and moto's
        # handler returns one for every request while mock_aws is active. So
        # ours goes first: the fake serves its operations and returns None for
        # the rest, which moto then serves.
        position = _first_moto_handler(builtin_handlers, spec[0])
        if position is None:
            builtin_handlers.append(spec)
        else:
            builtin_handlers.insert(position, spec)


def _first_moto_handler(builtin_handlers: list[Any], event_name: str) -> int | None:
    # Entries are (event name, handler) or (event name, handler, register first or last).
    for position, entry in enumerate(builtin_handlers):
        if entry[0] == event_name and type(entry[1]).__module__.startswith("moto."):
            return position
    return None


class _RegisteringLoader(importlib.abc.Loader):
    """Run the real loader of `botocore.handlers`, then append our handlers."""

    def __init__(self, wrapped: importlib.abc.Loader) -> None:
        self._wrapped = wrapped

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._wrapped.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._wrapped.exec_module(module)
        _append_handlers(module)


class _HandlersImportFinder(importlib.abc.MetaPathFinder):
    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != _HANDLERS_MODULE:
            return None
        _remove_finder()
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _RegisteringLoader(spec.loader)
        return spec


_finder = _HandlersImportFinder()


def _remove_finder() -> None:
    if _finder in sys.meta_path:
        sys.meta_path.remove(_finder)


def install() -> None:
    """Make every botocore session created from now on carry our handlers.

    Appends them at once when `botocore.handlers` is already imported;
    otherwise appends them when it is imported. Safe to call many times.
    """
    module = sys.modules.get(_HANDLERS_MODULE)
    if module is not None:
        _append_handlers(module)
        return
    if _finder not in sys.meta_path:
        sys.meta_path.insert(0, _finder)
