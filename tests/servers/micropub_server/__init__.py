"""A real Micropub + IndieAuth server for BlogDesk's tests: django-indieweb on SQLite, 127.0.0.1.

It runs in its own virtual environment (.cache/micropub-venv, made by
tests/servers/micropub_fixture.py from requirements.txt), never in BlogDesk's: nothing here is
imported by the test process itself.
"""
