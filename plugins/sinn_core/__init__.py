"""The small shared core of the plugins (not a plugin): settings, addresses, containment of untrusted content,
parallel work, files, per-run state and text helpers."""
