"""``python -m actors`` is the ``ctxbus`` command."""

import sys

from actors.cli import main

sys.exit(main())
