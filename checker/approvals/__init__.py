"""Approvals you can trust: given by the approver, pinned to what they approved,
verified against git (see the guide's page on approvals)."""
