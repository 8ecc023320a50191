"""Serve SageMaker requests sent with the `requests` library, through `responses`.

Code that signs its own requests and posts them with `requests` (as some
SDKs and notebooks do) reaches the fake this way, the same way moto serves
such callers. While a fake is active:

- a request to `https://api.sagemaker.<region>.amazonaws.com/` goes to
  `TuningJobMock.handle` and gets the same bodies and errors as a botocore
  client. A request the fake does not serve goes to moto when moto's
  `mock_aws` is active;
- a request to any other AWS endpoint goes to moto when it is active, and
  otherwise fails with `UnmockedOperationError` before it opens a socket;
- every other request is passed on unchanged.

Living beside moto: moto also patches `requests` through its own
`responses.RequestsMock`. When moto starts first, this module's mock patches
on top of moto's and passes what it does not match on to moto's. When moto
starts later, moto's mock is on top. moto looks first at the callbacks
registered on `responses`' default mock, so the SageMaker callback is
registered there too while the fake is active and moto has been imported.
"""

from __future__ import annotations

import functools
import re
import sys
from typing import Any

from . import _hook, wire
from .errors import UnmockedOperationError
from .moto_bridge import moto_is_mocking

_METHODS = ("GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS")
# Any path and scheme on SageMaker's API host, so that no request to it passes through.
_SAGEMAKER_URL = re.compile(
    r"https?://api\.sagemaker(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?(?::\d+)?(?:[/?#].*)?$"
)
# Other AWS endpoints; the look-ahead leaves SageMaker's API host to the callback above,
# because `responses` treats two matching callbacks as a sequence of replies.
_OTHER_AWS_URL = re.compile(
    r"https?://(?!api\.sagemaker(?:-fips)?\.)[^/?#]*\.amazonaws\.com(?:\.cn)?(?:[:/?#].*)?$"
)
_ANY_URL = re.compile(r".*")


class RequestsTransport:
    """The `responses` patches that send SageMaker requests to the innermost active fake.

    One transport serves every active fake: it is started when the first
    fake starts and stopped when the last one stops.
    """

    def __init__(self) -> None:
        self._requests_mock: Any = None
        self._default_mock_callbacks: list[Any] = []

    def start(self) -> None:
        import requests.adapters
        import responses

        # Unmatched requests go to the send function in place now: moto's when
        # moto is mocking, the real one otherwise.
        current_send: Any = requests.adapters.HTTPAdapter.send
        requests_mock = responses.RequestsMock(
            assert_all_requests_are_fired=False, real_adapter_send=current_send
        )
        for method in _METHODS:
            requests_mock.add(self._sagemaker_callback(method))
            requests_mock.add(
                responses.CallbackResponse(
                    method=method,
                    url=_OTHER_AWS_URL,
                    callback=_stop_unmocked,
                    content_type=None,
                    match=[_unless_moto_is_mocking],
                )
            )
        requests_mock.add_passthru(_ANY_URL)
        requests_mock.start()
        self._requests_mock = requests_mock
        self.register_with_moto()

    def register_with_moto(self) -> None:
        """Register the SageMaker callback where moto looks first, once moto is imported.

        Called again each time another fake starts.
        """
        import responses

        # NOTE: moto imported after the last fake started is not seen here, so
        # a mock_aws started later handles SageMaker requests from `requests` itself.
        if self._default_mock_callbacks or "moto.core.models" not in sys.modules:
            return
        self._default_mock_callbacks = [
            self._sagemaker_callback(method, _counted_as_called_class()) for method in _METHODS
        ]
        for callback in self._default_mock_callbacks:
            responses.add(callback)

    def stop(self) -> None:
        import responses

        for callback in self._default_mock_callbacks:
            responses.remove(callback)
        self._default_mock_callbacks = []
        if self._requests_mock is not None:
            self._requests_mock.stop(allow_assert=False)
            self._requests_mock.reset()
            self._requests_mock = None

    def _sagemaker_callback(self, method: str, response_class: Any = None) -> Any:
        import responses

        response_class = response_class or responses.CallbackResponse
        return response_class(
            method=method, url=_SAGEMAKER_URL, callback=self._serve, content_type=None
        )

    def _serve(self, request: Any) -> Any:
        """Return the response to one `requests.PreparedRequest` sent to the SageMaker API."""
        wire_request = wire.WireRequest(
            method=str(request.method),
            url=str(request.url),
            headers=dict(request.headers),
            body=wire.body_bytes(request.body),
        )
        operation = wire.target_operation(wire_request)
        description = f"{request.method} {request.url}"
        if operation is not None:
            description = f"SageMaker {operation} ({description})"
        mock = _hook.active_mock()
        if mock is None:
            # The last fake stopped while this request was on its way.
            return _unmocked_error(description)
        try:
            response = mock.handle(wire_request, description=description)
        except UnmockedOperationError as error:
            return error
        if response is None:
            return _response_from_moto(request, description)
        return response.status, response.headers, response.body


@functools.cache
def _counted_as_called_class() -> Any:
    import responses

    class CountedAsCalled(responses.CallbackResponse):
        """A callback that always counts as called.

        Code that starts `responses`' default mock with
        assert_all_requests_are_fired then does not fail on the fake's callback.
        """

        @property
        def call_count(self) -> int:
            return max(1, len(self.calls))

    return CountedAsCalled


def _response_from_moto(request: Any, description: str) -> Any:
    """Return moto's response to a request that the fake leaves to moto."""
    models = sys.modules.get("moto.core.models")
    stubber = getattr(models, "botocore_stubber", None)
    response = None
    if stubber is not None:
        # moto's stubber reads botocore requests; build one from the requests
        # library's PreparedRequest, as moto's own responses callback does.
        from botocore.awsrequest import AWSPreparedRequest
        from botocore.compat import HTTPHeaders

        headers = HTTPHeaders()
        for key, value in request.headers.items():
            headers[key] = value
        aws_request = AWSPreparedRequest(
            method=request.method,
            url=request.url,
            headers=headers,
            body=request.body,
            stream_output=False,
        )
        response = stubber.process_request(aws_request)
    if response is None:
        return _unmocked_error(description)
    return response


def _unless_moto_is_mocking(request: Any) -> tuple[bool, str]:
    if moto_is_mocking():
        return False, "moto's mock_aws is active and serves AWS requests"
    return True, ""


def _stop_unmocked(request: Any) -> UnmockedOperationError:
    return _unmocked_error(f"{request.method} {request.url}")


def _unmocked_error(description: str) -> UnmockedOperationError:
    return UnmockedOperationError(
        f"{description} is not served by pytest-hpt-fixtures, which serves only SageMaker "
        "tuning job requests. The request was stopped so that it does not reach AWS. To "
        "mock it, start moto's mock_aws() as well; to call AWS for real, stop the fake first."
    )
