"""For the maintainers of a data set such as the sample company, not for a team:
``python -m checker.approvals.repin [FILE...]`` pins every approval of the records in
the given files (default: every record file) to the record as it is now, writing or
replacing each entry's ``digest:`` line and nothing else.

The sample company is a data set its maintainers edit on purpose; nobody in it can run
``handbook approve``. A team approves with ``handbook approve`` only: re-pinning a
record someone else approved is exactly what an approval verified against git (the
``author`` and ``signed`` levels) rejects, since the changed line is then blamed on
whoever ran this.
"""

from __future__ import annotations

import sys
from pathlib import Path

from checker.approvals.entry import EntryError, pin
from checker.loading.repository import load
from checker.records.digest import digest
from checker.settings import Settings, SettingsError, find_root


def repin(root: Path, records: Path, only: set[str] | None = None) -> list[str]:
    """Pin the approvals of every record (in ``only``'s files, given it); return the files changed."""
    repository = load(root, records)
    changed: dict[str, str] = {}
    for entry in repository.entries:
        file = entry.source.file
        if only is not None and file not in only:
            continue
        now = digest(entry.record)
        for index, approval in enumerate(entry.record.approvals):
            if approval.digest == now:  # (one taken the older way is pinned again, the new way)
                continue
            path = root / file
            text = changed.get(file, path.read_bytes().decode("utf-8"))
            changed[file] = pin(text, file, entry.path, index, now)
    for file, text in changed.items():
        (root / file).write_bytes(text.encode("utf-8"))
    return sorted(changed)


def main(argv: list[str]) -> int:
    try:
        settings = Settings.load(find_root(Path.cwd()))
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    only = {Path(a).resolve().relative_to(settings.root.resolve()).as_posix() for a in argv} if argv else None
    try:
        changed = repin(settings.root, settings.records, only)
    except EntryError as exc:
        print(exc, file=sys.stderr)
        return 1
    print("\n".join(f"pinned {file}" for file in changed) or "every approval is pinned to its record")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
