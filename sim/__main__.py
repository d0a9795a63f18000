"""``python -m sim``: the same command as ``invokesim``."""

import sys

from sim.app.cli import main

sys.exit(main())
