"""Start the action server (`python -m rasa_sdk --actions actions`) without TensorFlow.

The actions use spaCy's tokenizer and Matcher (interview practice), never a
neural network. spaCy's thinc imports TensorFlow whenever it is installed,
and Rasa installs it: about 5 s of every action-server start, including the
restart after a crash, during which visitors get the degraded reply. Marking
TensorFlow absent in this process only makes thinc take its "not installed"
path; the Rasa server and training are untouched.
"""

import runpy
import sys
from pathlib import Path

sys.modules["tensorflow"] = None  # type: ignore[assignment]  # import tensorflow -> ImportError
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project, where actions/ is

if __name__ == "__main__":
    runpy.run_module("rasa_sdk", run_name="__main__", alter_sys=True)
