"""Service orders at the counter: one page per order type over a shared flow."""
