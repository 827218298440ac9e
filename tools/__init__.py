"""The showcase's command-line tools (build, check, report, preview …), run as `python -m tools.<name>`.

Importing the package puts plugins/ on the import path first, so every tool, and every test that
imports one, finds the plugins as Pelican will. ROOT is the repository's folder.
"""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGINS = os.path.join(ROOT, "plugins")
if PLUGINS not in sys.path:
    sys.path.insert(0, PLUGINS)
