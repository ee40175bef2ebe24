# Sourced by scripts/*.sh (run from the project root): the project's
# environment (scripts/lib/project.env) and the third-party warnings filter
# (scripts/lib/python/sitecustomize.py, found through PYTHONPATH).
set -a
source scripts/lib/project.env
set +a
export PYTHONPATH="$PWD/scripts/lib/python${PYTHONPATH:+:$PYTHONPATH}"
