"""Where secrets (application passwords, API keys) live: the system keyring, or memory only.

BlogDesk never writes a secret to a file of its own. `KeyringStore` uses the `keyring` library with
the service name "BlogDesk" and the account id as the user name, so keyring's own backend choice
(PYTHON_KEYRING_BACKEND, keyringrc.cfg) keeps working. When no usable backend exists (keyring's
`fail.Keyring`, or the `null` backend, or a locked / broken Secret Service), `open_store` says so
plainly and, only if the caller allows it, hands out a `MemoryStore` that forgets on exit.
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol

import keyring
import keyring.errors

from blogdesk.core.errors import BlogDeskError

log = logging.getLogger(__name__)

SERVICE_NAME = "BlogDesk"

NO_KEYRING_MESSAGE = (
    "No secure password storage is available on this computer (the 'keyring' library found no "
    "working backend such as the GNOME/KDE Secret Service, macOS Keychain or Windows Credential "
    "Locker). BlogDesk will not write your application password to a plain file. You can keep it "
    "for this session only (you will be asked again next time), or set up a keyring backend: see "
    "'Where your password is kept' in docs/publishing.md."
)


# keyring raises KeyringLocked when the Secret Service keyring stays locked (its unlock prompt
# was dismissed, or could not be shown): say that, not the exception's name.
LOCKED_MESSAGE = (
    "The system keyring is locked. Unlock it (log in to your desktop again, or open your "
    "keyring app, e.g. Passwords and Keys) and try again."
)


class CredentialError(BlogDeskError):
    """The secret could not be read, stored or removed."""


class KeyringUnavailableError(CredentialError):
    """No usable keyring backend: the caller may offer session-only storage instead."""

    def __init__(self, detail: str = "") -> None:
        message = NO_KEYRING_MESSAGE
        if detail:
            message += f" (keyring said: {detail})"
        super().__init__(message)


class CredentialStore(Protocol):
    """Secrets by account id. `persistent` is False when the secret is forgotten on exit."""

    @property
    def persistent(self) -> bool: ...

    @property
    def description(self) -> str: ...

    def get(self, account_id: str) -> str | None: ...

    def set(self, account_id: str, secret: str) -> None: ...

    def delete(self, account_id: str) -> None:
        """Forget the secret; no error when there was none."""
        ...


class MemoryStore:
    """Secrets held in this process only: for tests and for "this session only"."""

    def __init__(self) -> None:
        self._secrets: dict[str, str] = {}
        self._lock = threading.Lock()

    @property
    def persistent(self) -> bool:
        return False

    @property
    def description(self) -> str:
        return "this session only (forgotten when BlogDesk quits)"

    def get(self, account_id: str) -> str | None:
        with self._lock:
            return self._secrets.get(account_id)

    def set(self, account_id: str, secret: str) -> None:
        with self._lock:
            self._secrets[account_id] = secret

    def delete(self, account_id: str) -> None:
        with self._lock:
            self._secrets.pop(account_id, None)


def _backend_name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def keyring_problem() -> str | None:
    """Why the current keyring backend cannot keep secrets, or None when it looks usable."""
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyringrc.cfg or backend import raises anything
        return f"{type(exc).__name__}"
    name = _backend_name(backend)
    if name.startswith("keyring.backends.fail."):
        return "no recommended backend was available"
    if name.startswith("keyring.backends.null."):
        return "keyring is disabled (null backend)"
    # A chainer with nothing behind it is as good as no keyring.
    backends = getattr(backend, "backends", None)
    if name.startswith("keyring.backends.chainer.") and not backends:
        return "no backend in the chain"
    return None


class KeyringStore:
    """Secrets in the system keyring: service "BlogDesk", user name = the account id.

    The keyring backend is looked up on every call (not cached) so `keyring.set_keyring` and
    PYTHON_KEYRING_BACKEND take effect as keyring documents. Errors never include the secret.
    """

    @property
    def persistent(self) -> bool:
        return True

    @property
    def description(self) -> str:
        try:
            return f"the system keyring ({_backend_name(keyring.get_keyring())})"
        except Exception:
            return "the system keyring"

    def check(self) -> None:
        """Raise KeyringUnavailableError when no usable backend is configured."""
        problem = keyring_problem()
        if problem is not None:
            raise KeyringUnavailableError(problem)

    def get(self, account_id: str) -> str | None:
        self.check()
        try:
            return keyring.get_password(SERVICE_NAME, account_id)
        except keyring.errors.KeyringLocked:
            raise CredentialError(LOCKED_MESSAGE) from None
        except keyring.errors.NoKeyringError as exc:
            raise KeyringUnavailableError(type(exc).__name__) from None
        except keyring.errors.KeyringError as exc:
            raise CredentialError(
                f"The keyring could not be read ({type(exc).__name__}). If it is locked, unlock "
                "it and try again."
            ) from None

    def set(self, account_id: str, secret: str) -> None:
        self.check()
        try:
            keyring.set_password(SERVICE_NAME, account_id, secret)
        except keyring.errors.KeyringLocked:
            raise CredentialError(LOCKED_MESSAGE) from None
        except keyring.errors.NoKeyringError as exc:
            raise KeyringUnavailableError(type(exc).__name__) from None
        except keyring.errors.KeyringError as exc:
            raise CredentialError(
                f"The password could not be saved in the keyring ({type(exc).__name__}). If it "
                "is locked, unlock it and try again."
            ) from None

    def delete(self, account_id: str) -> None:
        if keyring_problem() is not None:
            return  # nothing can have been stored there
        try:
            keyring.delete_password(SERVICE_NAME, account_id)
        except keyring.errors.PasswordDeleteError:
            pass  # there was none: that is the state we want
        except keyring.errors.KeyringError as exc:
            raise CredentialError(
                f"The password could not be removed from the keyring ({type(exc).__name__})."
            ) from None


class LayeredStore:
    """Session secrets first, then the keyring: a secret typed "for this session" wins.

    This is what the window and the CLI use, so a secret entered when no keyring works is still
    found for the rest of the session, and the keyring stays the place for everything else.
    """

    def __init__(self, persistent: CredentialStore, session: MemoryStore | None = None) -> None:
        self.persistent_store = persistent
        self.session_store = session or MemoryStore()

    @property
    def persistent(self) -> bool:
        return self.persistent_store.persistent

    @property
    def description(self) -> str:
        return self.persistent_store.description

    def get(self, account_id: str) -> str | None:
        secret = self.session_store.get(account_id)
        if secret is not None:
            return secret
        try:
            return self.persistent_store.get(account_id)
        except KeyringUnavailableError:
            return None

    def set(self, account_id: str, secret: str, *, session_only: bool = False) -> None:
        if session_only:
            self.session_store.set(account_id, secret)
            return
        self.persistent_store.set(account_id, secret)
        self.session_store.delete(account_id)

    def delete(self, account_id: str) -> None:
        self.session_store.delete(account_id)
        self.persistent_store.delete(account_id)


def open_store() -> LayeredStore:
    """The store for the application: keyring behind a session layer."""
    return LayeredStore(KeyringStore())
