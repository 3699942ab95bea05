"""Strings the UI translates but passes through a variable, so lupdate cannot see them.

Only lupdate reads this file: `make i18n` scans it with `ui/`. It imports nothing from Qt.
Keep it in sync with the code (tests/test_i18n.py checks the .ts against the sources):

- ValidationError: the fixed messages of counter_app/domain/validators.py (the
  `_..._MESSAGES` dicts) and of counter_app/auth.py; ui/messages.py translates
  `exc.message` in this context.
- messages: the values of `ui.messages.PROBLEMS`, and the strings ui/messages.py passes to
  its module-level `tr()` (lupdate files those under an empty context, while the code looks
  them up in "messages").
- vip: the VIP levels of `ui.search_model.vip_label`.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for lupdate in `context`; returns it unchanged."""
    return text


STRINGS = (
    # ValidationError
    QT_TRANSLATE_NOOP("ValidationError", "Enter the resident ID number."),
    QT_TRANSLATE_NOOP(
        "ValidationError",
        "15-digit IDs are no longer valid; ask for the 18-digit ID.",
    ),
    QT_TRANSLATE_NOOP("ValidationError", "The resident ID number must have 18 characters."),
    QT_TRANSLATE_NOOP(
        "ValidationError",
        "The resident ID number must be 17 digits followed by a digit or X.",
    ),
    QT_TRANSLATE_NOOP(
        "ValidationError",
        "The resident ID number's check digit is wrong; check for a typing error.",
    ),
    QT_TRANSLATE_NOOP(
        "ValidationError",
        "The birth date in the resident ID number is not possible.",
    ),
    QT_TRANSLATE_NOOP("ValidationError", "The region code in the resident ID number is not known."),
    QT_TRANSLATE_NOOP("ValidationError", "Enter the mobile number."),
    QT_TRANSLATE_NOOP(
        "ValidationError",
        "The mobile number may contain only digits, spaces, dashes and a leading +86.",
    ),
    QT_TRANSLATE_NOOP("ValidationError", "The mobile number must have 11 digits."),
    QT_TRANSLATE_NOOP(
        "ValidationError",
        "The mobile number does not start with a Chinese mobile prefix.",
    ),
    QT_TRANSLATE_NOOP("ValidationError", "Enter the SIM card ICCID."),
    QT_TRANSLATE_NOOP("ValidationError", "The ICCID may contain only digits."),
    QT_TRANSLATE_NOOP("ValidationError", "The ICCID must have 19 or 20 digits."),
    QT_TRANSLATE_NOOP("ValidationError", "The ICCID must start with 89."),
    QT_TRANSLATE_NOOP(
        "ValidationError",
        "The ICCID's check digit is wrong; check for a typing error.",
    ),
    QT_TRANSLATE_NOOP("ValidationError", "Enter the name."),
    QT_TRANSLATE_NOOP("ValidationError", "The name must have at most 50 characters."),
    QT_TRANSLATE_NOOP(
        "ValidationError",
        "The name may contain only Chinese characters, Latin letters, spaces, the middle "
        "dot, full stops and hyphens.",
    ),
    QT_TRANSLATE_NOOP("ValidationError", "Enter the amount."),
    QT_TRANSLATE_NOOP("ValidationError", "The amount must be a whole number of fen."),
    QT_TRANSLATE_NOOP("ValidationError", "The amount is outside the allowed range."),
    QT_TRANSLATE_NOOP("ValidationError", "Enter the province server address."),
    QT_TRANSLATE_NOOP("ValidationError", "The server address must start with http:// or https://."),
    QT_TRANSLATE_NOOP("ValidationError", "Enter the hall code."),
    QT_TRANSLATE_NOOP("ValidationError", "Enter the counter id."),
    QT_TRANSLATE_NOOP("ValidationError", "Enter your staff number."),
    QT_TRANSLATE_NOOP("ValidationError", "Enter your password."),
    # messages
    QT_TRANSLATE_NOOP("messages", "The staff number or the password is wrong."),
    QT_TRANSLATE_NOOP("messages", "This staff member does not work in this hall."),
    QT_TRANSLATE_NOOP("messages", "There is no hall with this code."),
    QT_TRANSLATE_NOOP("messages", "Your sign-in has expired. Sign in again."),
    QT_TRANSLATE_NOOP(
        "messages",
        "Someone changed this record meanwhile. Reload it and try again.",
    ),
    QT_TRANSLATE_NOOP(
        "messages",
        "Cannot reach the province server. Check the address and the network.",
    ),
    QT_TRANSLATE_NOOP("messages", "Something went wrong: {error}"),
    # vip
    QT_TRANSLATE_NOOP("vip", "Silver"),
    QT_TRANSLATE_NOOP("vip", "Gold"),
    QT_TRANSLATE_NOOP("vip", "Platinum"),
)
