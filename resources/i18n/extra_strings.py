"""Strings the UI translates but passes through a variable, so lupdate cannot see them.

Only lupdate reads this file: `make i18n` scans it with `ui/`. It imports nothing from Qt.
Keep it in sync with the code (tests/test_i18n.py checks the .ts against the sources):

- ValidationError: the fixed messages of counter_app/domain/validators.py (the
  `_..._MESSAGES` dicts), and the literal `message` (third argument) of every
  `ValidationError(field, code, message)` / `_required(value, field, message)` call in
  counter_app/; ui/messages.py translates `exc.message` in this context.
- messages: the values of `ui.messages.PROBLEMS`, and the literal first argument of every
  PaymentRefused / QrDeclined / ShiftNotSettled / ApprovalNeeded / ApprovalRefused raised in
  counter_app/; ui/messages.py and ui/payment_dialog.py translate `str(exc)` in this context.
- money: the ValueError sentences of counter_app.domain.money.parse_yuan; ui/payment_dialog.py
  translates `str(exc)` in this context.
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
    # ValidationError: payments and shifts (counter_app/payments.py, counter_app/shifts.py)
    QT_TRANSLATE_NOOP("ValidationError", "Choose cash, card or QR."),
    QT_TRANSLATE_NOOP("ValidationError", "Enter an amount above zero."),
    QT_TRANSLATE_NOOP("ValidationError", "Enter the cash tendered."),
    QT_TRANSLATE_NOOP("ValidationError", "Enter the terminal's reference."),
    QT_TRANSLATE_NOOP("ValidationError", "Say why in a note."),
    QT_TRANSLATE_NOOP("ValidationError", "The cash tendered is less than the amount."),
    QT_TRANSLATE_NOOP("ValidationError", "Scan the customer's payment code."),
    QT_TRANSLATE_NOOP("ValidationError", "The amount is more than is owed."),
    QT_TRANSLATE_NOOP("ValidationError", "The top-up is outside the allowed amounts."),
    QT_TRANSLATE_NOOP("ValidationError", "Only bills and top-ups are paid here."),
    QT_TRANSLATE_NOOP("ValidationError", "Choose cash, card or QR."),
    QT_TRANSLATE_NOOP("ValidationError", "Give the reason for the void."),
    QT_TRANSLATE_NOOP("ValidationError", "Count each denomination as a whole number."),
    QT_TRANSLATE_NOOP("ValidationError", "Explain the variance in a note."),
    # messages
    # messages: ui.messages.PROBLEMS, one for every counter_app.domain.problems.ProblemType
    QT_TRANSLATE_NOOP(
        "messages",
        "The province could not read the request. Try again; if it happens again, call support.",
    ),
    QT_TRANSLATE_NOOP("messages", "Your sign-in has expired. Sign in again."),
    QT_TRANSLATE_NOOP("messages", "You are not allowed to do this."),
    QT_TRANSLATE_NOOP("messages", "The province has no such record. Reload and try again."),
    QT_TRANSLATE_NOOP("messages", "The province does not offer this here. Call support."),
    QT_TRANSLATE_NOOP(
        "messages", "This was changed at the same moment elsewhere. Reload and try again."
    ),
    QT_TRANSLATE_NOOP(
        "messages", "Someone changed this record meanwhile. Reload it and try again."
    ),
    QT_TRANSLATE_NOOP("messages", "The province did not accept this input."),
    QT_TRANSLATE_NOOP("messages", "A supervisor's approval is needed for this."),
    QT_TRANSLATE_NOOP(
        "messages", "The province failed to do this. Nothing was changed; try again."
    ),
    QT_TRANSLATE_NOOP("messages", "The province is busy. The counter tries again by itself."),
    QT_TRANSLATE_NOOP("messages", "The staff number or the password is wrong."),
    QT_TRANSLATE_NOOP("messages", "There is no hall with this code."),
    QT_TRANSLATE_NOOP("messages", "This staff member does not work in this hall."),
    QT_TRANSLATE_NOOP("messages", "Only a supervisor may do this."),
    QT_TRANSLATE_NOOP(
        "messages",
        "This counter runs Counter {client}; the province accepts {minimum} or newer. Update the counter's software; the entries waiting on it are kept.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "messages",
        "The province does not read what this counter's software writes. Update the counter; the entries waiting on it are kept.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("messages", "Only a supervisor of this hall can approve."),
    QT_TRANSLATE_NOOP("messages", "A supervisor cannot approve their own action."),
    QT_TRANSLATE_NOOP(
        "messages", "The supervisor's approval is missing, used or expired. Ask again."
    ),
    QT_TRANSLATE_NOOP(
        "messages", "This action clashes with an earlier one. Call support before trying again."
    ),
    QT_TRANSLATE_NOOP("messages", "The province already has this. Reload to see it."),
    QT_TRANSLATE_NOOP(
        "messages", "This receipt number is already used at the province. Call support."
    ),
    QT_TRANSLATE_NOOP("messages", "You already have an open shift; close it first."),
    QT_TRANSLATE_NOOP("messages", "This shift is closed; open a new one."),
    QT_TRANSLATE_NOOP("messages", "Open a shift before taking payments."),
    QT_TRANSLATE_NOOP("messages", "This entry is no longer waiting for a decision."),
    QT_TRANSLATE_NOOP(
        "messages",
        "This entry's shift is closed: set it aside, and take it again in an open shift.",
    ),
    QT_TRANSLATE_NOOP("messages", "This QR payment never reached the province: nothing was taken."),
    QT_TRANSLATE_NOOP(
        "messages",
        "The province holds this payment's request with other details. Call support.",
    ),
    QT_TRANSLATE_NOOP(
        "messages",
        "Settle the unfinished card charge first (Counter, Unfinished card charges, Ctrl+Shift+U).",
    ),
    # ui.messages.OUTBOX_KINDS
    QT_TRANSLATE_NOOP("messages", "payment"),
    QT_TRANSLATE_NOOP("messages", "void"),
    QT_TRANSLATE_NOOP("messages", "open shift"),
    QT_TRANSLATE_NOOP("messages", "close shift"),
    QT_TRANSLATE_NOOP("messages", "service order"),
    QT_TRANSLATE_NOOP("messages", "Only the clerk who opened a shift closes it."),
    QT_TRANSLATE_NOOP("messages", "Only payments of your open shift can be voided here."),
    QT_TRANSLATE_NOOP(
        "messages",
        "The province and the counter disagree on the drawer: a payment is missing on one side. Wait for the upload, or ask a supervisor.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("messages", "The province has no such account. Reload the customer."),
    QT_TRANSLATE_NOOP("messages", "There is no such number on this account."),
    QT_TRANSLATE_NOOP("messages", "This number is cancelled; it cannot be topped up."),
    QT_TRANSLATE_NOOP("messages", "This account has no unpaid bills."),
    QT_TRANSLATE_NOOP("messages", "The amount is more than is owed."),
    QT_TRANSLATE_NOOP(
        "messages", "The payment was declined. Nothing was charged; ask for another method."
    ),
    QT_TRANSLATE_NOOP("messages", "This payment is already voided."),
    QT_TRANSLATE_NOOP("messages", "The top-up has already been spent; it cannot be voided."),
    QT_TRANSLATE_NOOP(
        "messages",
        "Cannot reach the province server. Check the address and the network.",
    ),
    QT_TRANSLATE_NOOP("messages", "Something went wrong: {error}"),
    # messages: refusals raised in counter_app/ (PaymentRefused and subclasses, ApprovalRefused)
    QT_TRANSLATE_NOOP("messages", "Enter the supervisor's staff number and password."),
    QT_TRANSLATE_NOOP("messages", "A supervisor cannot approve their own action."),
    QT_TRANSLATE_NOOP("messages", "The supervisor's staff number or password is wrong."),
    QT_TRANSLATE_NOOP("messages", "Only a supervisor of this hall can approve."),
    QT_TRANSLATE_NOOP(
        "messages",
        "Offline approvals work again after this counter's next sync with the province; approve while the link is up.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("messages", "Open a shift before taking payments."),
    QT_TRANSLATE_NOOP(
        "messages",
        "Card and QR payments need the link to the province. Take cash, or wait for the link.",
    ),
    QT_TRANSLATE_NOOP(
        "messages",
        "A top-up this large while the province is unreachable needs a supervisor's approval.",
    ),
    QT_TRANSLATE_NOOP("messages", "That account is not in this hall's cache."),
    QT_TRANSLATE_NOOP("messages", "This account owes nothing."),
    QT_TRANSLATE_NOOP("messages", "That number is not known here."),
    QT_TRANSLATE_NOOP("messages", "This number is cancelled; it cannot be topped up."),
    QT_TRANSLATE_NOOP("messages", "No card terminal is configured."),
    QT_TRANSLATE_NOOP(
        "messages",
        "The customer's wallet declined the payment. Nothing was charged.",
    ),
    QT_TRANSLATE_NOOP("messages", "That payment is not in the cache."),
    QT_TRANSLATE_NOOP("messages", "This payment is already voided."),
    QT_TRANSLATE_NOOP("messages", "Only payments of the current shift can be voided."),
    QT_TRANSLATE_NOOP("messages", "The province refused this payment; there is nothing to void."),
    QT_TRANSLATE_NOOP("messages", "You already have an open shift."),
    QT_TRANSLATE_NOOP("messages", "That shift is not in the cache."),
    QT_TRANSLATE_NOOP("messages", "There is no open shift to close."),
    QT_TRANSLATE_NOOP("messages", "The province refused to open this shift; see Sync issues."),
    QT_TRANSLATE_NOOP(
        "messages",
        "The province has not accepted every payment of this shift yet.",
    ),
    QT_TRANSLATE_NOOP("messages", "A variance this large needs a supervisor's approval."),
    # money: the ValueError sentences of counter_app.domain.money.parse_yuan
    QT_TRANSLATE_NOOP("money", "The amount is empty."),
    QT_TRANSLATE_NOOP("money", "The amount must not be negative."),
    QT_TRANSLATE_NOOP("money", "The amount must contain only digits and one decimal point."),
    QT_TRANSLATE_NOOP("money", "The amount has misplaced thousands separators."),
    QT_TRANSLATE_NOOP("money", "The amount has more than two decimal places."),
    QT_TRANSLATE_NOOP("money", "The amount is too large."),
    # vip
    QT_TRANSLATE_NOOP("vip", "Silver"),
    QT_TRANSLATE_NOOP("vip", "Gold"),
    QT_TRANSLATE_NOOP("vip", "Platinum"),
    # service orders: problems (messages) and broken rules (ValidationError)
    QT_TRANSLATE_NOOP("messages", "There is no such customer."),
    QT_TRANSLATE_NOOP("messages", "There is no such offering in the catalog."),
    QT_TRANSLATE_NOOP("messages", "This SIM card is not in the hall's stock."),
    QT_TRANSLATE_NOOP("messages", "There is no such order of this customer at this hall."),
    QT_TRANSLATE_NOOP(
        "messages", "This ID already holds as many lines as the province allows (一证五号)."
    ),
    QT_TRANSLATE_NOOP(
        "messages", "The customer has overdue bills; they must be paid before a new line."
    ),
    QT_TRANSLATE_NOOP("messages", "The line has unpaid bills; they must be paid first."),
    QT_TRANSLATE_NOOP("messages", "The customer or the account may not have this offering."),
    QT_TRANSLATE_NOOP(
        "messages", "This number has just been taken by another counter; choose another."
    ),
    QT_TRANSLATE_NOOP("messages", "This SIM card has already been used; take another."),
    QT_TRANSLATE_NOOP("messages", "The line is not in a state that allows this order."),
    QT_TRANSLATE_NOOP("messages", "The order changes nothing; check what was chosen."),
    QT_TRANSLATE_NOOP("messages", "The ID card read is not this customer's."),
    QT_TRANSLATE_NOOP("messages", "The fees are not the catalog's; start the order again."),
    QT_TRANSLATE_NOOP("messages", "This order cannot be reversed."),
    QT_TRANSLATE_NOOP("messages", "The order is not in a state that allows this."),
    QT_TRANSLATE_NOOP("messages", "A customer with this ID is already registered."),
    QT_TRANSLATE_NOOP("ValidationError", "There is no such account of this customer."),
    QT_TRANSLATE_NOOP("ValidationError", "There is no such number of this customer."),
    QT_TRANSLATE_NOOP("ValidationError", "This number is cancelled."),
    QT_TRANSLATE_NOOP("ValidationError", "This offering is not available on this kind of account."),
    QT_TRANSLATE_NOOP(
        "ValidationError", "This offering is not available to this kind of customer."
    ),
    QT_TRANSLATE_NOOP("ValidationError", "The customer is too young for this offering."),
    QT_TRANSLATE_NOOP("ValidationError", "This number is not in the hall's stock."),
    QT_TRANSLATE_NOOP("ValidationError", "A fee of this order is not in the catalog."),
    QT_TRANSLATE_NOOP("ValidationError", "A waiver cannot be more than its fee."),
    QT_TRANSLATE_NOOP("ValidationError", "Give the reason for the waiver."),
    QT_TRANSLATE_NOOP(
        "ValidationError", "The pre-deposit is not the number's; start the order again."
    ),
    QT_TRANSLATE_NOOP("ValidationError", "Choose prepaid or postpaid."),
    QT_TRANSLATE_NOOP("ValidationError", "The line is already on this plan."),
    QT_TRANSLATE_NOOP("ValidationError", "Choose from next month or now."),
    QT_TRANSLATE_NOOP("ValidationError", "This plan can only start from next month."),
    QT_TRANSLATE_NOOP("ValidationError", "A plan change starts on the first of next month."),
    QT_TRANSLATE_NOOP("ValidationError", "Choose an add-on to add or remove."),
    QT_TRANSLATE_NOOP("ValidationError", "Each add-on may be chosen once."),
    QT_TRANSLATE_NOOP("ValidationError", "The line already has this add-on."),
    QT_TRANSLATE_NOOP("ValidationError", "The line does not have this add-on."),
    QT_TRANSLATE_NOOP("ValidationError", "Only an active line can be suspended."),
    QT_TRANSLATE_NOOP("ValidationError", "Only a suspended line can be resumed."),
    QT_TRANSLATE_NOOP(
        "ValidationError", "The ID card read is not this customer's; the SIM cannot be replaced."
    ),
    QT_TRANSLATE_NOOP("ValidationError", "Choose another customer to take the line."),
    QT_TRANSLATE_NOOP("ValidationError", "Choose the new owner's account."),
    QT_TRANSLATE_NOOP(
        "ValidationError", "The line has unpaid bills; they must be paid before it is cancelled."
    ),
    QT_TRANSLATE_NOOP("ValidationError", "Only orders taken today can be reversed."),
    QT_TRANSLATE_NOOP("ValidationError", "There is no such customer."),
    QT_TRANSLATE_NOOP("ValidationError", "There is no such offering in the catalog."),
    QT_TRANSLATE_NOOP("ValidationError", "This SIM card is not in the hall's stock."),
    QT_TRANSLATE_NOOP("ValidationError", "There is no such order of this customer at this hall."),
    QT_TRANSLATE_NOOP(
        "ValidationError", "This ID already holds as many lines as the province allows (一证五号)."
    ),
    QT_TRANSLATE_NOOP(
        "ValidationError", "The customer has overdue bills; they must be paid before a new line."
    ),
    QT_TRANSLATE_NOOP("ValidationError", "The line has unpaid bills; they must be paid first."),
    QT_TRANSLATE_NOOP(
        "ValidationError", "This number has just been taken by another counter; choose another."
    ),
    QT_TRANSLATE_NOOP("ValidationError", "This SIM card has already been used; take another."),
    QT_TRANSLATE_NOOP("ValidationError", "The fees are not the catalog's; start the order again."),
    QT_TRANSLATE_NOOP("ValidationError", "This order cannot be reversed."),
    QT_TRANSLATE_NOOP(
        "messages", "The province cannot be reached; this order waits until the link is back."
    ),
    QT_TRANSLATE_NOOP(
        "messages", "Open a shift first (Ctrl+Shift+O): this order's fees are taken into it."
    ),
    QT_TRANSLATE_NOOP("messages", "This kind of order needs a supervisor's approval."),
    QT_TRANSLATE_NOOP("messages", "A waiver this large needs a supervisor's approval."),
    QT_TRANSLATE_NOOP("messages", "This order is not waiting for its fees."),
    QT_TRANSLATE_NOOP(
        "messages", "Reverse the order first (返销); its fees are voided after that."
    ),
    QT_TRANSLATE_NOOP("ValidationError", "The amount is not what the order owes."),
    # OrderType: ui.orders.flow.TYPE_NAMES
    QT_TRANSLATE_NOOP("OrderType", "New line"),
    QT_TRANSLATE_NOOP("OrderType", "Change plan"),
    QT_TRANSLATE_NOOP("OrderType", "Add-ons"),
    QT_TRANSLATE_NOOP("OrderType", "Suspend"),
    QT_TRANSLATE_NOOP("OrderType", "Resume"),
    QT_TRANSLATE_NOOP("OrderType", "Replace SIM"),
    QT_TRANSLATE_NOOP("OrderType", "Transfer ownership"),
    QT_TRANSLATE_NOOP("OrderType", "Cancel line"),
    QT_TRANSLATE_NOOP("OrderType", "Reverse an order"),
    # OrderState: ui.orders.flow.STATE_NAMES
    QT_TRANSLATE_NOOP("OrderState", "draft"),
    QT_TRANSLATE_NOOP("OrderState", "waiting for a supervisor"),
    QT_TRANSLATE_NOOP("OrderState", "approved"),
    QT_TRANSLATE_NOOP("OrderState", "in progress"),
    QT_TRANSLATE_NOOP("OrderState", "completed"),
    QT_TRANSLATE_NOOP("OrderState", "rejected"),
    QT_TRANSLATE_NOOP("OrderState", "failed"),
    QT_TRANSLATE_NOOP("OrderState", "cancelled"),
    # OrderSummary: the labels of counter_app.domain.orders' SummaryLine
    QT_TRANSLATE_NOOP("OrderSummary", "Number"),
    QT_TRANSLATE_NOOP("OrderSummary", "New number"),
    QT_TRANSLATE_NOOP("OrderSummary", "SIM card"),
    QT_TRANSLATE_NOOP("OrderSummary", "New SIM"),
    QT_TRANSLATE_NOOP("OrderSummary", "Old SIM (deactivated)"),
    QT_TRANSLATE_NOOP("OrderSummary", "Plan"),
    QT_TRANSLATE_NOOP("OrderSummary", "Plan now"),
    QT_TRANSLATE_NOOP("OrderSummary", "New plan"),
    QT_TRANSLATE_NOOP("OrderSummary", "Takes effect"),
    QT_TRANSLATE_NOOP("OrderSummary", "Add-ons"),
    QT_TRANSLATE_NOOP("OrderSummary", "Add"),
    QT_TRANSLATE_NOOP("OrderSummary", "Remove"),
    QT_TRANSLATE_NOOP("OrderSummary", "Line status"),
    QT_TRANSLATE_NOOP("OrderSummary", "New owner"),
    QT_TRANSLATE_NOOP("OrderSummary", "Number (cancelled)"),
    QT_TRANSLATE_NOOP("OrderSummary", "Balance refunded in cash"),
    QT_TRANSLATE_NOOP("OrderSummary", "Order reversed"),
    QT_TRANSLATE_NOOP(
        "messages",
        "Registering a customer needs the link to the province; try again when it is back.",
    ),
    QT_TRANSLATE_NOOP("messages", "No card on the reader: place the ID card on it."),
    QT_TRANSLATE_NOOP("ValidationError", "Enter the unified social credit code."),
    QT_TRANSLATE_NOOP("ValidationError", "The unified social credit code must have 18 characters."),
    QT_TRANSLATE_NOOP(
        "ValidationError", "The credit code's check character is wrong; check for a typing error."
    ),
    QT_TRANSLATE_NOOP(
        "ValidationError", "The unified social credit code has characters it cannot have."
    ),
    QT_TRANSLATE_NOOP("ValidationError", "Enter the address."),
    QT_TRANSLATE_NOOP("ValidationError", "The address must have at most 200 characters."),
    QT_TRANSLATE_NOOP("ValidationError", "The photo is too large; read the card again."),
    QT_TRANSLATE_NOOP("ValidationError", "The photo is not readable; read the card again."),
    QT_TRANSLATE_NOOP("ValidationError", "Choose individual or enterprise."),
    QT_TRANSLATE_NOOP("ValidationError", "Enter the enterprise's name."),
    QT_TRANSLATE_NOOP("ValidationError", "The enterprise's name must have at most 100 characters."),
    QT_TRANSLATE_NOOP("ValidationError", "The gender is not the one the ID number says."),
    QT_TRANSLATE_NOOP("ValidationError", "Enter the birth date as YYYY-MM-DD."),
    QT_TRANSLATE_NOOP("ValidationError", "The birth date is not the one the ID number says."),
    QT_TRANSLATE_NOOP(
        "messages", "Open a shift first (Ctrl+Shift+O): the line's balance is paid out of it."
    ),
    QT_TRANSLATE_NOOP(
        "messages",
        "Cannot reach the province server (check the address and the network), and you have "
        "not signed in on this counter before: signing in here needs the link once.",
    ),
    QT_TRANSLATE_NOOP(
        "messages",
        "The province no longer accepts your sign-in (your account or password changed while "
        "the link was down). You are signed out; your entries are kept and go with your next "
        "sign-in.",
    ),
    # messages: counter_app.screen_lock.MESSAGES (ui/screen_lock.py translates str(exc))
    QT_TRANSLATE_NOOP("messages", "Type the password."),
    QT_TRANSLATE_NOOP("messages", "The password is wrong."),
    QT_TRANSLATE_NOOP("messages", "The supervisor's staff number or password is wrong."),
    QT_TRANSLATE_NOOP(
        "messages", "Only the clerk signed in here or a supervisor of this hall can unlock."
    ),
    QT_TRANSLATE_NOOP(
        "messages",
        "This counter keeps nothing to check your password against: a supervisor of the hall "
        "can unlock it.",
    ),
    QT_TRANSLATE_NOOP(
        "messages",
        "This supervisor's password cannot be checked on this counter until the next sync "
        "with the province: unlock with your own password.",
    ),
    QT_TRANSLATE_NOOP(
        "messages",
        "Too many wrong passwords: you are signed out. Sign in again; your entries are kept.",
    ),
    # messages: issue 11 (approvals offline, the sign-in guard) and ValidationError of
    # counter_app.staff_admin
    QT_TRANSLATE_NOOP(
        "messages",
        "This amount is more than a supervisor may approve while the province is unreachable; it needs the link.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "messages",
        "This supervisor cannot approve while the province is unreachable yet (they must sign in once with the link up); approve while the link is up.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "messages",
        "This amount is more than a supervisor may approve while the province is unreachable; it needs an approval with the link up.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("messages", "Too many wrong passwords. Try again in {seconds} s."),
    QT_TRANSLATE_NOOP(
        "messages",
        "This staff number is locked after too many wrong passwords. A supervisor of the hall or an administrator can unlock it.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("ValidationError", "Enter the staff number to unlock."),
    QT_TRANSLATE_NOOP("ValidationError", "This is not a staff number."),
    QT_TRANSLATE_NOOP("ValidationError", "The CA file holds no PEM certificate."),
    QT_TRANSLATE_NOOP("ValidationError", "The CA file cannot be read."),
    QT_TRANSLATE_NOOP("ValidationError", "The note is too long (200 characters)."),
)
