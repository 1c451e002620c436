"""``python -m actors`` is the ``ctxbus`` command."""

from actors.cli import main
from actors.processes import exit_now

exit_now(main())
