"""The Counter application core: domain rules, use cases, sync. No Qt widgets here."""

__version__ = "0.1.0"
