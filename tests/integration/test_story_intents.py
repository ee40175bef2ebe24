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
