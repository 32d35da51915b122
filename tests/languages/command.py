"""The demarche command run as a user runs it, in a language, with its output as plain text."""

import os
import subprocess
import sys


def demarche(*args: str, lang: str = "fr", columns: int = 200) -> subprocess.CompletedProcess:
    """``python -m game ARGS`` with ``DEMARCHE_LANG=lang``, no colour, tables ``columns`` wide."""
    env = {**os.environ, "DEMARCHE_LANG": lang, "COLUMNS": str(columns), "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, env=env)
