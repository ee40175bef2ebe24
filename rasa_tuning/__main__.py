"""`scripts/rasa ARGS...`: Rasa's own command line, with the project's runtime put together.

    scripts/rasa run -m models/current.tar.gz --endpoints endpoints.yml ...
    scripts/rasa shell ... | scripts/rasa train ... | scripts/rasa test core ...
    STOCK_RASA=1 scripts/rasa run ...   # Rasa as it comes: no patch, and the project's
                                        # tracker store and rule policy act as Rasa's own

Before Rasa's CLI (`rasa.__main__.main`) reads the arguments, this

1. applies the patches (rasa_tuning/patches.py) unless STOCK_RASA is set,
   and prints one line naming those active and those that left Rasa alone;
2. for `run` and `shell`, checks that the endpoints file's tracker store is
   the project's class (rasa_tuning/tracker_store.py) and that it imports:
   Rasa itself only warns and keeps conversations in memory when a tracker
   store's class path fails to import.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any

from rasa_tuning.stock import VARIABLE, stock_rasa

SERVING_COMMANDS = {"run", "shell"}
DEFAULT_ENDPOINTS = "endpoints.yml"
RASAS_OWN_STORES = {"sql", "redis", "mongod", "dynamo"}  # the names Rasa's create_tracker_store knows
NO_RULE_POLICY = "'RulePolicy' is not included in the model's policy configuration"


def quiet_about_the_rule_policy() -> None:
    """Drop Rasa's warning that the config has no RulePolicy: Rasa's recipe validator
    knows RulePolicy by its exact class, and the config names IndexedRulePolicy, a
    RulePolicy whose checks run in RulePolicy.train. (Rasa puts "once" rules in front
    of any `warnings.filterwarnings`, so the warning is dropped where it is shown.)"""
    show = warnings.showwarning

    def showwarning(message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if issubclass(category, UserWarning) and str(message).startswith(NO_RULE_POLICY):
            return
        show(message, category, *args, **kwargs)

    warnings.showwarning = showwarning


def prepare() -> dict[str, bool]:
    """Apply the patches (none with STOCK_RASA) and say which are active."""
    quiet_about_the_rule_policy()
    if stock_rasa():
        print(f"rasa_tuning: stock Rasa ({VARIABLE} is set): no patch applied", file=sys.stderr)
        return {}
    from rasa_tuning.patches import apply_all

    active = apply_all()
    on = [name for name, applied in active.items() if applied]
    off = [name for name, applied in active.items() if not applied]
    print(
        f"rasa_tuning: patches active: {', '.join(on) or 'none'}"
        + (f"; left out (Rasa's code has changed): {', '.join(off)}" if off else "")
        + f" ({VARIABLE}=1 runs stock Rasa)",
        file=sys.stderr,
    )
    return active


def endpoints_file(argv: list[str]) -> str:
    """The --endpoints argument of a Rasa command line (Rasa's default if absent)."""
    for index, argument in enumerate(argv):
        if argument == "--endpoints" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--endpoints="):
            return argument.split("=", 1)[1]
    return DEFAULT_ENDPOINTS


def tracker_store_problem(endpoints: str) -> str | None:
    """Why the endpoints file's tracker store is not the project's class, or None."""
    import rasa.core.utils
    from rasa.shared.utils.common import class_from_module_path

    from rasa_tuning.tracker_store import KeptTrackerSQLStore

    if not Path(endpoints).is_file():
        return None  # Rasa's own default: no endpoints, conversations in memory
    config = rasa.core.utils.read_endpoints_from_path(endpoints).tracker_store
    if config is None or config.type is None:
        return None
    if config.type.lower() in RASAS_OWN_STORES:
        return f"{endpoints}: tracker store {config.type!r} is Rasa's own, not the project's"
    try:  # as Rasa resolves it (rasa.core.tracker_store._load_from_module_name_in_endpoint_config)
        store_class = class_from_module_path(config.type)
    except (AttributeError, ImportError) as error:
        return f"{endpoints}: tracker store {config.type!r} does not import ({error})"
    if not (isinstance(store_class, type) and issubclass(store_class, KeptTrackerSQLStore)):
        return (
            f"{endpoints}: tracker store {config.type!r} is not "
            f"{KeptTrackerSQLStore.__module__}.{KeptTrackerSQLStore.__name__}"
        )
    return None


def main(argv: list[str] | None = None) -> None:
    arguments = list(sys.argv[1:] if argv is None else argv)
    prepare()
    if arguments and arguments[0] in SERVING_COMMANDS:
        problem = tracker_store_problem(endpoints_file(arguments))
        if problem:
            sys.exit(f"rasa_tuning: {problem}; refusing to start with conversations kept in memory")
    from rasa.__main__ import main as rasas_main

    sys.argv = ["rasa", *arguments]
    rasas_main()


if __name__ == "__main__":
    main()
