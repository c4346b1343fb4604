"""`failed(capsys, *argv)`: run the command line in this process and return what it wrote to
standard error, after checking that it failed the way a user should see it fail: exit code 1, a
message that starts with "blogdesk: " and no traceback."""

from __future__ import annotations

import pytest

from blogdesk.cli import main


def failed(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    _out, err = capsys.readouterr()
    assert code == 1, err
    assert err.startswith("blogdesk: ") and "Traceback" not in err
    return err
