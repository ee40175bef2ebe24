"""A message not in English, through the real bot: Welsh gets a short reply in Welsh
and then English (the advisor answers in English, the recruitment helpline, carry on
in English); any other language the English alone; never a topic's facts, never the
check; the conversation goes on in English; a visitor at risk writing in Welsh still
gets the safety reply first."""

import pytest

HELPLINE = "0808 164 9883"


@pytest.mark.parametrize(
    "message",
    [
        "Sut ydw i'n dod yn swyddog prawf?",
        "Oes angen gradd arnaf i fod yn swyddog prawf yng Nghymru?",
        "Faint o amser mae'r hyfforddiant yn ei gymryd?",
    ],
)
def test_welsh_gets_welsh_then_english_and_the_helpline(visitor, message):
    reply = visitor.say_text(message)
    assert "Saesneg" in reply and "only answer in English" in reply and HELPLINE in reply, reply
    assert reply.index("Saesneg") < reply.index("only answer in English")
    assert "15 or 21 months" not in reply and "How old" not in reply, reply


@pytest.mark.parametrize(
    "message",
    [
        "Jak zostać kuratorem sądowym w Anglii?",
        "Je voudrais devenir agent de probation, que dois-je faire?",
    ],
)
def test_another_language_gets_the_english(visitor, message):
    reply = visitor.say_text(message)
    assert "only answer in English" in reply and HELPLINE in reply and "Saesneg" not in reply, reply


def test_the_visitor_can_go_on_in_english(visitor):
    visitor.say_text("Dw i'n byw yng Nghaerdydd ac eisiau bod yn swyddog prawf")
    reply = visitor.say_text("ok in english then, how long is the PQiP?")
    assert "15 or 21 months" in reply, reply


def test_text_speak_is_english(visitor):
    reply = visitor.say_text("wat quals do i need 4 the pqip")
    assert "only answer in English" not in reply and "Level 5" in reply, reply


@pytest.mark.parametrize("message", ["Sut mae", "Diolch", "Oes angen gradd arnaf?", "Bore da"])
def test_short_welsh_gets_welsh_then_english(visitor, message):
    reply = visitor.say_text(message)
    assert "Saesneg" in reply and "only answer in English" in reply and HELPLINE in reply, reply
    assert reply.index("Saesneg") < reply.index("only answer in English")


@pytest.mark.parametrize("message", ["Nac ydw", "Sut mae", "Dwi ddim yn gwybod"])
def test_welsh_in_the_middle_of_the_check_is_not_an_answer(visitor, message):
    visitor.say_text("am I eligible to become a probation officer?")
    visitor.say_text("I'm 25")
    reply = visitor.say_text(message)
    assert "Saesneg" in reply and "only answer in English" in reply and HELPLINE in reply, reply
    # not read as "no": the same question is asked again, and an English answer goes on with the check
    assert reply.index("Do you have the right to work in the UK?") > reply.index("only answer in English"), (
        reply
    )
    assert "outside the UK" in visitor.say_text("yes")
