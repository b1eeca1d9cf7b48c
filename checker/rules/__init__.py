"""The rules: rule types, the engine that runs a rule set, and what rules may ask."""
