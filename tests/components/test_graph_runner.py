"""rasa_tuning.graph_runner runs a graph as Rasa's DaskGraphRunner does.

A small graph of real GraphComponents (a provider, a chain that appends to a
shared list, a node that reads two others, an input) run for several targets
with dask's runner and with ours: the same outputs, the same order of calls.
"""

from __future__ import annotations

from typing import Any

import pytest
from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage

from rasa_tuning import graph_runner

CALLS: list[str] = []


class Step(GraphComponent):
    def __init__(self, config: dict[str, Any]):
        self.name = config["name"]

    @classmethod
    def create(cls, config, model_storage, resource, execution_context):
        return cls(config)

    def provide(self) -> str:
        CALLS.append(self.name)
        return f"provided by {self.name}"

    def step(self, messages: list[str], extra: str | None = None) -> list[str]:
        CALLS.append(self.name)
        return [*messages, f"{self.name}({extra})" if extra else self.name]

    def fail(self, messages: list[str]) -> list[str]:
        raise RuntimeError("broken")


def node(name, fn="step", needs=None, target=False):
    return SchemaNode(needs or {}, Step, "create", fn, {"name": name}, is_target=target)


SCHEMA = GraphSchema(
    {
        "provider": node("provider", fn="provide"),
        "first": node("first", needs={"messages": "__message__"}),
        "second": node("second", needs={"messages": "first", "extra": "provider"}),
        "third": node("third", needs={"messages": "second"}, target=True),
        "side": node("side", needs={"messages": "first"}),
        "unused": node("unused", needs={"messages": "__message__"}),
        "broken": node("broken", fn="fail", needs={"messages": "first"}),
    }
)


@pytest.fixture
def runner(tmp_path):
    return DaskGraphRunner(SCHEMA, LocalModelStorage(tmp_path), ExecutionContext(SCHEMA, "test"))


def both(runner, **kwargs):
    results = []
    for run in (graph_runner._rasas_run, graph_runner.run):
        CALLS.clear()
        results.append((run(runner, **kwargs), list(CALLS)))
    return results


@pytest.mark.parametrize("targets", [None, ["third"], ["side"], ["third", "side"], ["provider"]])
def test_outputs_and_calls_are_daskss(runner, targets):
    (rasas, rasas_calls), (ours, our_calls) = both(runner, inputs={"__message__": ["hi"]}, targets=targets)
    assert ours == rasas
    assert sorted(our_calls) == sorted(rasas_calls)
    assert our_calls.index("first") < our_calls.index("second") if "second" in our_calls else True


def test_an_input_clashing_with_a_node_name_is_refused(runner):
    with pytest.raises(GraphRunError):
        graph_runner.run(runner, inputs={"__message__": "first"}, targets=["third"])


def test_a_failing_node_fails_the_run_as_on_dask(runner):
    errors = []
    for run in (graph_runner._rasas_run, graph_runner.run):
        with pytest.raises(Exception) as error:
            run(runner, inputs={"__message__": ["hi"]}, targets=["broken"])
        errors.append(type(error.value))
    assert errors[0] is errors[1]


def test_a_plan_is_made_once_per_targets(runner):
    graph_runner.run(runner, inputs={"__message__": []}, targets=["third"])
    plan = runner.__dict__["_run_plans"][("third",)]
    assert [name for name, _, _ in plan][-1] == "third" and "unused" not in [n for n, _, _ in plan]
    graph_runner.run(runner, inputs={"__message__": []}, targets=["third"])
    assert runner.__dict__["_run_plans"][("third",)] is plan


def test_rasa_is_the_code_this_was_written_for():
    assert graph_runner._written_against_this_rasa()
    assert DaskGraphRunner.run is graph_runner.run
