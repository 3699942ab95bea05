"""Service orders at the province: the rules' facts read from its tables, and effects applied
to them (with the feed), for routes/orders.py."""
