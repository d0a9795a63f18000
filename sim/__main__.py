"""``python -m sim``: the same command as ``invokesim``."""

import sys

from sim.cli import main

sys.exit(main())
