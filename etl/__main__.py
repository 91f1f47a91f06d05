"""`python -m etl` -> etl.cli.main()."""

import sys

from etl.cli import main

sys.exit(main())
