"""The staging folder's sub-folders, made ahead from the last build's output while the build reads content.

Every build writes into a new staging folder (tools/build.py swaps it in only when the whole build
succeeded), so it makes its ~3,400 page folders again each time. On this machine's file system a new
folder costs about 0.3 ms of kernel time, the same from one thread or several (measured: 3,000
folders 0.9 s, with 1, 4 or 16 threads): about a second in the main process after a one-story edit,
while the other core waits for the stories to be noted.

So a forked process copies the folder tree of the current output into the staging folder at the
start of the build, on the other core, while the main process checks and reads the content (a
thread would wait for the GIL after every folder: twice as slow). Pelican's writers use
makedirs(exist_ok=True) and find the folders made. Before the swap, folders of the old tree that
the new site left empty are removed: a build writes no empty folder, so the result is the tree a
build without this step makes (tests/test_deploy_atomic_output.py).

Own code: a dozen lines over os.walk and sinn_core.parallel's fork; no library makes folders ahead of a writer.
"""

from __future__ import annotations

import os

from sinn_core.parallel import ForkedError, compute_in_fork

CHECK_PARENT_EVERY = 200  # folders; a child whose build is gone stops


def _folders(output: str) -> list[str]:
    """The output's folders below its root, parents first, as relative paths (symbolic links not followed)."""
    found = []
    for current, folders, _files in os.walk(output):
        relative = os.path.relpath(current, output)
        found += [name if relative == "." else os.path.join(relative, name) for name in folders
                  if not os.path.islink(os.path.join(current, name))]
    return found


def _make(output: str, staging: str, parent: int) -> list[str]:
    """Make the output's folders in the staging folder; the folders (for finish(), which so need not walk the old tree again)."""
    folders = _folders(output)
    for count, relative in enumerate(folders):
        if count % CHECK_PARENT_EVERY == 0 and parent not in (os.getpid(), os.getppid()):  # the build is gone
            break
        try:
            os.mkdir(os.path.join(staging, relative))
        except FileExistsError:  # the build made it first
            continue
        except FileNotFoundError:  # the staging folder is gone: the build ended
            break
    return folders


class Folders:
    """The folders being made ahead for one build; `finish()` before the swap or the staging folder's removal."""

    def __init__(self, output: str, staging: str):
        self.output, self.staging, self.forked = output, staging, None
        if not os.path.isdir(output):
            return
        os.makedirs(staging, exist_ok=True)
        parent = os.getpid()
        # Where no process can be had, compute_in_fork makes them here: the cost the writers would have had.
        self.forked = compute_in_fork(lambda: _make(output, staging, parent))

    def wait(self) -> list[str] | None:
        """Wait until the child has made its folders (or stopped); the old output's folders, None if it failed."""
        if self.forked is None:
            return None
        try:
            return self.forked.result()
        except ForkedError:  # it made what it made; finish() walks the old tree itself
            return None

    def finish(self) -> None:
        """Wait for the child; then remove the folders made ahead that the new site did not fill."""
        if self.forked is None:
            return
        folders = self.wait()
        if not os.path.isdir(self.staging):
            return
        for relative in reversed(_folders(self.output) if folders is None else folders):  # children before their parents
            try:
                os.rmdir(os.path.join(self.staging, relative))
            except OSError:  # holds files (or is gone): the new site uses it
                continue
