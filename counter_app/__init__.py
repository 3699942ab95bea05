"""The Counter application core: domain rules, use cases, sync. No Qt widgets here."""

__version__ = "0.2.0"
