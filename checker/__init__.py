"""The marketing team's process policy as records, rules and a published handbook."""

__version__ = "0.1.0"
