"""The demo's passwords (a clerk's may be short; a supervisor's may not: password_rules)."""

DEMO_CLERK_PASSWORD = "demo"
DEMO_SUPERVISOR_PASSWORD = "approve-at-the-desk"
