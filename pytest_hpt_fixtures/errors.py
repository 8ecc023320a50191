"""Errors the fake returns as AWS error responses, and errors for test authors."""

from __future__ import annotations


class ServiceError(Exception):
    """An AWS error response: error code, HTTP status and message.

    The wire layer turns it into a JSON 1.1 error body, so botocore raises a
    `ClientError` with this code, exactly as against SageMaker.
    """

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


class ValidationError(ServiceError):
    def __init__(self, message: str) -> None:
        super().__init__("ValidationException", message)


class SerializationError(ServiceError):
    def __init__(self, message: str) -> None:
        super().__init__("SerializationException", message)


class ResourceNotFoundError(ServiceError):
    def __init__(self, message: str) -> None:
        super().__init__("ResourceNotFound", message)


class HptUsageError(ValueError):
    """A mistake in how a test uses the plugin; its message names what to change."""


class UnmockedOperationError(RuntimeError):
    """A request the active fake does not serve and nothing else mocks.

    Raised instead of letting the request reach AWS.
    """


class ResourceNotOwned(Exception):
    """A request for a resource that moto owns and the fake did not seed.

    Raised by an operation only while moto's `mock_aws` is active. The fake
    then returns no response, so that moto's handler responds.
    """
