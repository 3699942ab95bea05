"""The counter's local SQLite store: synced tables, search index, sync cursor, audit log.

No Qt, no HTTP and nothing from `counter_app` here.
"""
