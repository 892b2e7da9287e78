"""Where the findings scripts find the regsim binary and the repository."""
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def default_binary():
    """$REGSIM, else `regsim` on the PATH, else build/release/apps/regsim of this checkout."""
    if os.environ.get("REGSIM"):
        return os.environ["REGSIM"]
    return shutil.which("regsim") or os.path.join(ROOT, "build/release/apps/regsim")
