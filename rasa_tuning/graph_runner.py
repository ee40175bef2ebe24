"""Run the model's graph node by node, without dask's scheduler.

Rasa 3.6 runs its model graph three times per visitor message (NLU, then a
prediction per action) with `DaskGraphRunner.run`: it prunes the graph schema
to the targets, builds a dask graph, and hands it to dask's general scheduler
(`dask.get`), which orders, tracks and releases tasks for parallel work that
never happens here (it runs them in this thread, one by one). That machinery
was 15 % of the Rasa server's time on an FAQ question (py-spy, 23 Nov 2026),
more than the intent classifier.

Here, for each set of targets, the pruned graph's nodes are put in dependency
order once, and each run calls the same nodes (Rasa's `GraphNode`s, with their
hooks) in that order with the same arguments dask would pass: each of a
node's needs is the output of the node (or the run input) of that name,
in the order the schema lists them. The graphs Rasa builds are chains plus
providers without side effects, so the order among independent nodes does not
matter. Anything unusual (an input named like a node, a cycle) runs on dask as
before. tests/components/test_graph_runner.py compares parses and predictions
with dask's.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner

from rasa_tuning.rasa_source import still_contains

logger = logging.getLogger(__name__)

_rasas_run = DaskGraphRunner.run

Plan = list[tuple[str, Any, list[str]]]  # (node name, GraphNode, names of what it needs)


def plan_for(runner: DaskGraphRunner, targets: tuple[str, ...]) -> Plan | None:
    """The pruned graph's nodes in dependency order; None if it cannot be ordered."""
    plans = runner.__dict__.setdefault("_run_plans", {})
    if targets in plans:
        return plans[targets]
    schema = runner._graph_schema.minimal_graph_schema(list(targets))
    needs = {name: list(node.needs.values()) for name, node in schema.nodes.items()}
    order: list[str] = []
    state: dict[str, str] = {}

    def visit(name: str) -> bool:
        if state.get(name) == "done":
            return True
        if state.get(name) == "visiting":
            return False  # a cycle: leave it to dask
        state[name] = "visiting"
        if not all(visit(need) for need in needs[name] if need in needs):
            return False
        state[name] = "done"
        order.append(name)
        return True

    plan: Plan | None = None
    if all(visit(name) for name in needs):
        plan = [(name, runner._instantiated_nodes[name], needs[name]) for name in order]
    plans[targets] = plan
    return plan


def run(
    self: DaskGraphRunner, inputs: dict[str, Any] | None = None, targets: list[str] | None = None
) -> dict[str, Any]:
    """DaskGraphRunner.run, calling the nodes in dependency order."""
    run_targets = targets if targets else self._graph_schema.target_names
    plan = plan_for(self, tuple(run_targets))
    inputs = inputs or {}
    if plan is None or any(name in inputs for name, _, _ in plan):
        return _rasas_run(self, inputs, targets)
    values: dict[str, Any] = {}
    node_names = {name for name, _, _ in plan}
    for input_name, input_value in inputs.items():
        if isinstance(input_value, str) and input_value in node_names:
            raise GraphRunError(
                f"Input value '{input_value}' clashes with a node name. Make sure "
                f"that none of the input names passed to the `run` method are the "
                f"same as node names in the graph schema."
            )
        values[input_name] = (input_name, input_value)
    try:
        for name, node, needs in plan:
            # what dask passes: a key's value, and any other string as it is
            values[name] = node(*(values.get(need, need) for need in needs))
    except RuntimeError as e:
        raise GraphRunError("Error running runner.") from e
    return dict(values[target] for target in run_targets)


def _written_against_this_rasa() -> bool:
    """Rasa's runner still builds and runs the graph as described above."""
    return still_contains(
        {
            _rasas_run: [
                "minimal_schema = self._graph_schema.minimal_graph_schema(run_targets)",
                "run_graph = self._build_dask_graph(minimal_schema)",
                "self._add_inputs_to_graph(inputs, run_graph)",
                "dask_result = dask.get(run_graph, run_targets)",
                "return dict(dask_result)",
            ],
            DaskGraphRunner._build_dask_graph: [
                "self._instantiated_nodes[node_name],",
                "*schema_node.needs.values(),",
            ],
            DaskGraphRunner._add_inputs_to_graph: ["graph[input_name] = (input_name, input_value)"],
        }
    )


def apply() -> bool:
    """Run the model's graph without dask's scheduler (DaskGraphRunner.run).

    False, with Rasa left alone, where its code is not the code this was written against.
    """
    if not _written_against_this_rasa():
        logger.warning("DaskGraphRunner.run has changed; the graph runs on dask")
        return False
    DaskGraphRunner.run = run
    return True
