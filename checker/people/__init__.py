"""Who must act and when: owners of findings and due items, each person's agenda, their
calendars, and finding out who is running the command."""
