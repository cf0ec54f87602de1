"""``python -m perfscore`` runs the command line."""

import sys

from perfscore.cli import main

sys.exit(main())
