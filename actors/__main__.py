"""``python -m actors`` is the ``ctxbus`` command."""

from actors.base import exit_now
from actors.cli import main

exit_now(main())
