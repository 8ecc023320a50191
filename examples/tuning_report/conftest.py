"""pytest set-up shared by every test of the tuning_report example."""

import sys
from pathlib import Path

# pytest reads this folder's pyproject.toml only when it is the common
# folder of the paths on the command line. Run as `pytest examples` from the
# repository root, the root pyproject.toml applies and its `pythonpath`
# does not include this folder, so it is added here.
PROJECT_DIR = str(Path(__file__).resolve().parent)
if PROJECT_DIR not in sys.path:
    sys.path.insert(0, PROJECT_DIR)
