"""Counter's PySide6 screens. Everything that touches Qt widgets lives here."""
