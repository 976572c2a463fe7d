"""Which roles may do what with case files. One table, read by the rules in access.rules."""

from .models import Role

CASE_READERS = frozenset(
    {
        Role.CASEWORKER,
        Role.SUPERVISOR,
        Role.ME_OFFICER,
        Role.PROGRAMME_MANAGER,
        Role.DATA_PROTECTION,
        Role.ADMINISTRATOR,
    }
)
CASE_WRITERS = frozenset({Role.CASEWORKER, Role.SUPERVISOR, Role.ADMINISTRATOR})
CASE_SUPERVISORS = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})
AUDIT_READERS = frozenset({Role.DATA_PROTECTION, Role.ADMINISTRATOR})
# Break-the-glass (cases.EmergencyAccess): only supervisors, and only of an office covering others.
EMERGENCY_READERS = frozenset({Role.SUPERVISOR})
