"""Credential stores: the real KeyringStore against an in-memory keyring backend, the no-keyring
case, and the session layer."""

from __future__ import annotations

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest
from tests.memory_keyring import MemoryKeyring

from blogdesk.sync.accounts.credentials import (
    SERVICE_NAME,
    CredentialError,
    KeyringStore,
    KeyringUnavailableError,
    LayeredStore,
    MemoryStore,
    keyring_problem,
)


def test_keyring_store_round_trip(memory_keyring: MemoryKeyring) -> None:
    store = KeyringStore()
    assert store.persistent
    assert store.get("acc1") is None
    store.set("acc1", "abcd EFGH ijkl")
    assert memory_keyring.items == {(SERVICE_NAME, "acc1"): "abcd EFGH ijkl"}
    assert store.get("acc1") == "abcd EFGH ijkl"
    store.delete("acc1")
    store.delete("acc1")  # deleting twice is fine
    assert store.get("acc1") is None
    assert "MemoryKeyring" in store.description


@pytest.fixture
def fail_keyring():  # type: ignore[no-untyped-def]
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_no_keyring_is_said_plainly(fail_keyring: None) -> None:
    assert keyring_problem() is not None
    store = KeyringStore()
    with pytest.raises(KeyringUnavailableError) as caught:
        store.set("acc", "s3cret-value")
    message = str(caught.value)
    assert "session" in message and "plain file" in message
    assert "s3cret-value" not in message
    store.delete("acc")  # nothing to delete: no error


def test_null_keyring_counts_as_unavailable() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.null.Keyring())
    try:
        with pytest.raises(KeyringUnavailableError, match="No secure password storage"):
            KeyringStore().get("acc")
    finally:
        keyring.set_keyring(previous)


def test_session_only_storage_when_no_keyring(fail_keyring: None) -> None:
    store = LayeredStore(KeyringStore())
    with pytest.raises(KeyringUnavailableError, match="will not write your application password"):
        store.set("acc", "pw")
    store.set("acc", "pw", session_only=True)
    assert store.get("acc") == "pw"
    assert LayeredStore(KeyringStore()).get("acc") is None  # forgotten by a new session


class BrokenKeyring(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError(f"locked; tried {password}")


def test_backend_errors_become_messages_without_the_secret() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        with pytest.raises(CredentialError) as caught:
            KeyringStore().set("acc", "TopSecret123")
    finally:
        keyring.set_keyring(previous)
    assert "TopSecret123" not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_memory_store() -> None:
    store = MemoryStore()
    assert not store.persistent
    store.set("a", "x")
    assert store.get("a") == "x"
    store.delete("a")
    assert store.get("a") is None
