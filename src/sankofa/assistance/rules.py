"""Who may record assistance: whoever may write the case (django-rules)."""

import rules

from sankofa.cases.rules import can_read_case, can_write_case

rules.add_perm("assistance.record", can_write_case)
rules.add_perm("assistance.view", can_read_case)
