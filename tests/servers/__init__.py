"""Loopback servers (a real WordPress, a fault-injecting proxy) for the integration tests."""
