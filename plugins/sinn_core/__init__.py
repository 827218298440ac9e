"""The small shared core of the plugins: settings, parallel work, containment of untrusted content. Not a plugin."""
