"""Who may record assistance: the owning office, and an office the case is shared with for its
stage of the work (the origin office: post-arrival assistance) (django-rules)."""

import rules

from sankofa.cases.rules import can_read_case, can_work_on_case

rules.add_perm("assistance.record", can_work_on_case)
rules.add_perm("assistance.view", can_read_case)
