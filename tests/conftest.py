import os
import sys
from pathlib import Path

# Tests import bot/ and actions/ from the repository root.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Whatever the tests start or load runs as `make` runs it: Rasa's telemetry off,
# third-party warnings filtered (scripts/lib/project.env), even under a bare pytest.
from tests.botprocess import project_environment  # noqa: E402

os.environ.update(project_environment())
