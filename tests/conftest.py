"""The suite runs with every record frozen at run time as well (see ecoscore/core/record.py):
set before any test module imports ecoscore, and inherited by the commands tests start."""

import os

os.environ.setdefault("ECOSCORE_STRICT_RECORDS", "1")  # ECOSCORE_STRICT_RECORDS=0 runs it on the fast records
