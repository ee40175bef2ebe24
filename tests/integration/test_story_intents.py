"""The test stories' user messages are classified as the stories say.

`rasa test core` replays stories with their written intents and checks the
dialogue's actions; this checks the other half: that the trained NLU really
reads each story's user text as the intent the story names.
"""

import asyncio
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "current.tar.gz"


def story_messages():
    for path in sorted((ROOT / "tests" / "stories").glob("*.yml")):
        for story in yaml.safe_load(path.read_text())["stories"]:
            for step in story["steps"]:
                if "user" in step and "intent" in step:
                    yield pytest.param(step["user"].strip(), step["intent"], id=f"{story['story']}")


@pytest.fixture(scope="module")
def agent():
    from rasa.core.agent import Agent

    return Agent.load(str(MODEL))


@pytest.mark.parametrize("text,intent", list(story_messages()))
def test_story_message_is_classified_as_written(agent, text, intent):
    parsed = asyncio.run(agent.parse_message(text))
    assert parsed["intent"]["name"] == intent, parsed["intent_ranking"][:3]


def test_the_trained_model_parses_and_predicts_alike_on_dask(agent):
    """rasa_tuning.graph_runner against dask's runner, on the trained model's NLU and
    dialogue graph: every story message parsed, and the next action predicted."""
    from rasa.engine.runner.dask import DaskGraphRunner
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from rasa_tuning import graph_runner
    from rasa_tuning.patches import apply_all

    apply_all()  # as scripts/rasa does before the server starts

    async def parse_and_predict(text):
        parsed = await agent.parse_message(text)
        tracker = DialogueStateTracker.from_events(
            "runner-test", [UserUttered(text, parsed["intent"])], agent.domain.slots
        )
        prediction = agent.processor._predict_next_with_tracker(tracker)
        return parsed, prediction.max_confidence_index, prediction.policy_name

    texts = sorted({param.values[0] for param in story_messages()})[:60]
    assert DaskGraphRunner.run is graph_runner.run
    ours = [asyncio.run(parse_and_predict(text)) for text in texts]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DaskGraphRunner, "run", graph_runner._rasas_run)
        rasas = [asyncio.run(parse_and_predict(text)) for text in texts]
    assert ours == rasas
