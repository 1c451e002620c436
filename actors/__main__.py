"""``python -m actors`` is the ``ctxbus`` command."""

import atexit
import contextlib
import os
import sys
import threading

from actors.cli import main

code = main()
if threading.active_count() == 1:
    # Done: run the exit handlers and flush, then skip tearing the interpreter down. Freeing
    # the token encoders alone takes 0.2-0.6 s, which every stop of a keeper, worker or agent
    # process (a scale-down, a rolling update, each test) would wait for.
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nobody to tell
            stream.flush()
    os._exit(code)
sys.exit(code)
