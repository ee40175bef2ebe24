"""The free-text answer parsers, over the real knowledge tables."""

import pytest

from bot.eligibility import parsing as ap
from bot.eligibility.fields import field as question_field
from bot.eligibility.fields import read_answer, read_reading
from bot.knowledge import load_knowledge

HOSTILE = [
    "",
    "   ",
    "\U0001f642",
    "x" * 5000,
    "<script>alert(1)</script>",
    "banana",
    "-3",
    "200",
    "maybe",
    None,
    12345,
    "\x00\x01",
    "level " * 2000,
    "a" * 100000,
]
PARSERS = [
    ap.parse_age,
    ap.parse_yes_no,
    ap.parse_right_to_work,
    ap.parse_nation,
    ap.parse_qualification,
    ap.parse_knowledge_areas,
    ap.parse_experience,
    ap.parse_role,
]
FIELDS = [
    "age",
    "right_to_work",
    "nation",
    "qualification_level",
    "knowledge_areas",
    "experience",
    "level3_vq",
    "no_such_field",
]


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_parsers_never_raise(parser, text):
    result = parser(text)
    assert isinstance(result, ap.Parsed)
    assert result.ok == (result.reason == "")


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_extract_and_field_readers_never_raise(text):
    assert isinstance(ap.extract_volunteered(text), dict)
    for field in FIELDS:
        assert isinstance(read_answer(field, text), dict)


@pytest.mark.parametrize(
    "text,age",
    [
        ("I'm 31", 31),
        ("31", 31),
        ("twenty five", 25),
        ("Twenty-five", 25),
        ("17 years old", 17),
        ("I'll be 18 next month", 17),
        ("I am 45.", 45),
        ("aged 60", 60),
        ("16", 16),
        ("100", 100),
        ("my age is 22", 22),
        ("I'm 15", 15),
    ],
)
def test_parse_age(text, age):
    assert ap.parse_age(text).value == age


@pytest.mark.parametrize(
    "text",
    [
        "banana",
        "-3",
        "200",
        "0",
        "12",
        "101",
        "",
        "\U0001f642",
        "<script>alert(1)</script>",
        "born in 1990",
        "maybe",
        "between 20 and 30",
        "x" * 5000,
    ],
)
def test_parse_age_rejects(text):
    result = ap.parse_age(text)
    assert not result.ok and result.value is None and result.reason


@pytest.mark.parametrize(
    "text,value",
    [
        ("yes", True),
        ("Yep", True),
        ("yeah I do", True),
        ("of course", True),
        ("Sure!", True),
        ("no", False),
        ("nope", False),
        ("I don't", False),
        ("not yet", False),
        ("No, I haven't", False),
        ("of course not", False),
    ],
)
def test_parse_yes_no(text, value):
    assert ap.parse_yes_no(text).value is value


@pytest.mark.parametrize(
    "text",
    ["maybe", "not sure", "I don't know", "dunno", "banana", "", "\U0001f642", "<script>alert(1)</script>"],
)
def test_parse_yes_no_unknown(text):
    result = ap.parse_yes_no(text)
    assert result.value is None and not result.ok


def test_unsure_is_reported_as_unsure():
    assert ap.parse_yes_no("maybe").reason == ap.UNSURE


@pytest.mark.parametrize(
    "text,value",
    [
        ("yes", True),
        ("no", False),
        ("I'm a British citizen", True),
        ("I have settled status", True),
        ("I have pre-settled status", True),
        ("I need a visa", False),
        ("I'd need sponsorship", False),
        ("I would need visa sponsorship", False),
        ("I don't have the right to work", False),
        ("Irish citizen", True),
    ],
)
def test_parse_right_to_work(text, value):
    assert ap.parse_right_to_work(text).value is value


@pytest.mark.parametrize("text", ["I'm not a British citizen", "I have a visa", "not sure", "banana"])
def test_parse_right_to_work_unknown(text):
    assert not ap.parse_right_to_work(text).ok


@pytest.mark.parametrize(
    "text,nation",
    [
        ("England", "england"),
        ("wales", "wales"),
        ("I live in London", "england"),
        ("Cardiff", "wales"),
        ("swansea", "wales"),
        ("Glasgow", "scotland"),
        ("Scottish", "scotland"),
        ("Northern Ireland", "northern_ireland"),
        ("belfast", "northern_ireland"),
        ("Derry", "northern_ireland"),
        ("Ireland", "elsewhere"),
        ("Dublin", "elsewhere"),
        ("somewhere else", "elsewhere"),
        ("abroad", "elsewhere"),
        ("outside the UK", "elsewhere"),
        ("New South Wales", "elsewhere"),
        ("Londonderry", "northern_ireland"),
        ("I'm from Poland but I live in Leeds", "england"),
        ("Manchester, England", "england"),
        # asked where they want to work: that wins over where they live
        ("I live in Glasgow but I'm moving to Manchester", "england"),
        ("I'm in Edinburgh now, but I want to work in Cardiff", "wales"),
        ("I live in London but I'd like to work in Belfast", "northern_ireland"),
        ("I live in Spain but want to work in Bristol", "england"),
        ("I'm relocating to Leeds from Aberdeen", "england"),
    ],
)
def test_parse_nation(text, nation):
    assert ap.parse_nation(text).value == nation


@pytest.mark.parametrize("text", ["the UK", "Britain", "banana", "", "Scotland or England"])
def test_parse_nation_rejects(text):
    assert not ap.parse_nation(text).ok


@pytest.mark.parametrize(
    "text", ["I have the Level 5 Diploma in Probation Practice", "diploma in probation practice"]
)
def test_the_pqip_own_level5_diploma_is_not_an_entry_qualification(text):
    # 000: learners must first be accepted onto the PQiP to gain it.
    assert not ap.parse_qualification(text).ok
    assert ap.is_part_of_pqip(text)
    assert read_answer("qualification_level", text) == {}


def test_the_level5_diploma_alias_is_gone():
    rows = {a: q.id for q in load_knowledge().qualifications for a in q.aliases}
    assert "level 5 diploma" not in rows
    assert ap.parse_qualification("a level 5 diploma in leadership").name == "Level 5 qualification"


@pytest.mark.parametrize(
    "text",
    [
        "a level 3 certificate in hairdressing",
        "Level 3 vocational qualification in hairdressing",
        "level 3 certificate",
        "level 3 vocational qualification",
        "a level 3 diploma in beauty",
    ],
)
def test_an_unrelated_level3_is_not_the_relevant_vq(text):
    parsed = read_answer("qualification_level", text)
    assert parsed["qualification_level"] == 3
    assert "level3_vq" not in parsed
    assert parsed["qualification_id"] is None  # a plain "Level 3": no row of qualifications.yml


@pytest.mark.parametrize(
    "text,relevant",
    [
        ("yes", True),
        ("no", False),
        ("yes I have the Level 3 Certificate in Probation Practice", True),
        ("yes, the level 3 VQ in probation practice", True),
    ],
)
def test_the_level3_vq_question_counts_only_a_relevant_one(text, relevant):
    assert read_answer("level3_vq", text) == {"level3_vq": relevant}


@pytest.mark.parametrize(
    "text",
    [
        "yes, a level 3 certificate in hairdressing",
        "I have a level 3 vocational qualification in hairdressing",
        "yes, an NVQ level 3 in health and social care",
    ],
)
def test_a_level3_in_another_subject_is_unsure_not_no(text):
    # The FAQ doesn't list which Level 3 VQs are "relevant": noted for the helpline (issue 21).
    reading = read_reading("level3_vq", text)
    assert reading.certainty == "unsure" and reading.unsure == "unsure_level3_vq"
    assert read_answer("level3_vq", text) == {}


@pytest.mark.parametrize(
    "text,updates",
    [
        ("all four", {"knowledge_areas": 4}),
        ("three of the four", {"knowledge_areas": 3}),
        (
            "my degree covered three of the four areas, I haven't done any modules",
            {"knowledge_areas": 3, "knowledge_modules": 0},
        ),
        ("none of them, but I've started my third module", {"knowledge_areas": 0, "knowledge_modules": 3}),
        ("my degree covered two and I've done two modules", {"knowledge_areas": 2, "knowledge_modules": 2}),
        # an answer about modules alone: the qualification is taken not to cover the areas
        ("I've started my third knowledge module", {"knowledge_areas": 0, "knowledge_modules": 3}),
        ("some", {"knowledge_areas": 1}),  # 1 to 3, all short of four: the lower is read
    ],
)
def test_the_areas_question_keeps_areas_and_modules_apart(text, updates):
    assert read_answer("knowledge_areas", text) == updates


@pytest.mark.parametrize(
    "text,modules",
    [
        ("none", 0),
        ("two of them", 2),
        ("I've started the third", 3),
        ("3", 3),
        ("all four", 4),
        ("my degree covered two, and I've done one module", 1),
    ],
)
def test_the_modules_question(text, modules):
    assert read_answer("knowledge_modules", text) == {"knowledge_modules": modules}


@pytest.mark.parametrize(
    "text,level",
    [
        ("HND", 5),
        ("a higher national diploma", 5),
        ("Foundation degree", 5),
        ("FdSc", 5),
        ("FdA in youth work", 5),
        ("DipHE", 5),
        ("Dip HE", 5),
        ("diploma of higher education", 5),
        ("BA in criminology", 6),
        ("BSc Psychology", 6),
        ("bachelor's", 6),
        ("a degree", 6),
        ("undergraduate degree", 6),
        ("honours degree", 6),
        ("MA", 7),
        ("MSc", 7),
        ("master's", 7),
        ("postgraduate diploma", 7),
        ("PhD", 8),
        ("doctorate", 8),
        ("A levels", 3),
        ("A-level", 3),
        ("BTEC level 3", 3),
        ("level 3 NVQ", 3),
        ("level 3 national diploma", 3),
        ("GCSEs", 2),
        ("HNC", 4),
        ("higher apprenticeship", 5),
        ("level 5 vocational qualification", 5),
        ("level 4 certificate", 4),
        ("Level 4", 4),
        ("level 6", 6),
        ("nothing", 0),
        ("none", 0),
        ("no qualifications", 0),
        ("I don't have any qualifications", 0),
        ("GCSEs, A levels and an HND", 5),
        ("I don't have a degree, just A levels", 3),
        ("a degree and I'm studying for a master's", 6),
        ("Foundation degree in criminology", 5),
    ],
)
def test_parse_qualification(text, level):
    assert ap.parse_qualification(text).value == level


def test_parse_qualification_names_what_it_matched():
    assert ap.parse_qualification("I've got an HND").name == "Higher National Diploma (HND)"
    assert ap.parse_qualification("level 4").name == "Level 4 qualification"


@pytest.mark.parametrize(
    "text", ["banana", "", "\U0001f642", "I'm studying for a degree", "<script>alert(1)</script>", "maybe"]
)
def test_parse_qualification_rejects(text):
    assert not ap.parse_qualification(text).ok


@pytest.mark.parametrize(
    "text,count",
    [
        ("none of them", 0),
        ("none", 0),
        ("no", 0),
        ("all four", 4),
        ("all of them", 4),
        ("two", 2),
        ("2 of them", 2),
        ("I've started my third module", 3),
        ("I've done 2 modules and started the third", 3),
        ("1", 1),
        ("3", 3),
        ("all 4", 4),
        ("crime and criminal behaviour and penal policy", 2),
        ("Criminal Justice System, Rehabilitation of Offenders and Penal Policy", 3),
        ("I've done two but haven't started the third", 2),
        ("both", 2),
        ("I haven't studied any of those", 0),
        ("my degree didn't cover them", 0),
    ],
)
def test_parse_knowledge_areas(text, count):
    assert ap.parse_knowledge_areas(text).value == count


@pytest.mark.parametrize("text", ["5", "banana", "", "maybe", "\U0001f642", "<script>alert(1)</script>"])
def test_parse_knowledge_areas_rejects(text):
    assert not ap.parse_knowledge_areas(text).ok


@pytest.mark.parametrize(
    "text,value",
    [
        ("yes", True),
        ("I volunteer at a homeless shelter", True),
        ("youth work", True),
        ("I worked in a prison for 2 years", True),
        ("mental health support worker", True),
        ("I help at a drug and alcohol service", True),
        ("I work in social care", True),
        ("I volunteer with victims of crime", True),
        ("I support care leavers", True),
        ("volunteering with refugees", True),
        ("I'm a PSO", True),
        ("no", False),
        ("not really", False),
        ("none", False),
        ("I've never worked with offenders", False),
        ("No, but I want to work in probation", False),
    ],
)
def test_parse_experience(text, value):
    assert ap.parse_experience(text).value is value


def test_a_refusal_that_hints_at_qualifying_work_is_asked_about():
    # "No, but ..." is never a yes; the work it hints at gets one confirming question (issue 21).
    reading = read_reading("experience", "No, but I volunteer at a homeless shelter")
    assert reading.certainty == "unclear" and reading.confirm == "experience_hint"
    assert not ap.parse_experience("No, but I volunteer at a homeless shelter").ok


def test_unrelated_job_is_no_with_a_note():
    for text in ("I work in retail", "I am a cashier"):
        result = ap.parse_experience(text)
        assert result.value is False and "may not count" in result.note


@pytest.mark.parametrize("text", ["maybe", "banana", "", "\U0001f642"])
def test_parse_experience_rejects(text):
    assert not ap.parse_experience(text).ok


@pytest.mark.parametrize(
    "text,role",
    [
        ("I'm a PSO", "pso"),
        ("pso", "pso"),
        ("I'm a probation service officer", "pso"),
        ("I work as a Probation Services Officer", "pso"),
        ("I work for the probation service as a case administrator", "probation_staff"),
        ("I work for the NPS", "probation_staff"),
        ("I'm a case administrator", "probation_staff"),
        ("I'm a community payback supervisor", "probation_staff"),
        ("I work in approved premises as a night warden", "probation_staff"),
    ],
)
def test_parse_role(text, role):
    assert ap.parse_role(text).value == role


@pytest.mark.parametrize(
    "text", ["I want to be a PSO", "how do I become a PSO", "I'm not a PSO", "banana", ""]
)
def test_parse_role_rejects(text):
    assert not ap.parse_role(text).ok


@pytest.mark.parametrize(
    "text,expected",
    [
        # Where someone lives is not where they want to work: not taken as the nation.
        ("I'm 25, live in Wales and have an HND", {"age": 25, "nation": None, "qualification_level": 5}),
        ("I am 17 years old", {"age": 17}),
        ("I'm a PSO", {"role": "pso"}),
        ("I'm 40. I live in Glasgow.", {"age": 40, "nation": None}),
        ("I'm a British citizen living in Cardiff", {"right_to_work": True, "nation": None}),
        ("I live in Glasgow but I'm moving to Manchester", {"nation": "england"}),
        ("I'm 30 and I want to work in Scotland", {"age": 30, "nation": "scotland"}),
        ("I need a visa", {"right_to_work": False}),
        ("I volunteer at a homeless shelter", {"experience": True}),
        ("I have no relevant experience", {"experience": False}),
        ("I've got a BA in criminology", {"qualification_level": 6}),
        ("I've started my third knowledge module", {"knowledge_modules": 3, "knowledge_areas": None}),
    ],
)
def test_extract_volunteered(text, expected):
    found = ap.extract_volunteered(text)
    assert {k: found.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    "text",
    [
        "25",
        "Do I need a degree?",
        "What if I'm 17?",
        "Can I apply from Scotland?",
        "How long is the PQiP?",
        "I want to be a PSO",
        "Is an HND enough",
        "",
        "\U0001f642",
        "<script>alert(1)</script>",
        "x" * 5000,
        "I'm studying for a degree",
    ],
)
def test_extract_volunteered_is_conservative(text):
    assert ap.extract_volunteered(text) == {}


def test_volunteered_experience_and_role_do_not_need_extra_words():
    found = ap.extract_volunteered("I'm 25, live in Wales and have an HND")
    assert found["qualification_id"] == "hnd"
    assert "experience" not in found and "role" not in found


@pytest.mark.parametrize(
    "field,text,updates",
    [
        ("age", "I'm 31", {"age": 31}),
        ("right_to_work", "yes", {"right_to_work": True}),
        ("nation", "Wales", {"nation": "wales"}),
        ("qualification_level", "HND", {"qualification_level": 5, "qualification_id": "hnd"}),
        (
            "qualification_level",
            "Level 3 Certificate in Probation Practice",
            {"qualification_level": 3, "qualification_id": "level3_certificate_probation", "level3_vq": True},
        ),
        ("knowledge_areas", "two", {"knowledge_areas": 2}),
        ("knowledge_modules", "two", {"knowledge_modules": 2}),
        ("experience", "I'm a PSO", {"experience": True, "role": "pso"}),
        ("experience", "no", {"experience": False}),
        ("level3_vq", "yes", {"level3_vq": True}),
        ("level3_vq", "no", {"level3_vq": False}),
        ("age", "banana", {}),
        ("nation", "maybe", {}),
    ],
)
def test_read_answer(field, text, updates):
    assert read_answer(field, text) == updates


# --- facts stated in or around a question ------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        # the facts before the asking clause are kept
        ("I'm 25 and have a degree in psychology, can I apply?", {"age": 25, "qualification_level": 6}),
        ("I'm 30 with an HND, could I train as a probation officer?", {"age": 30, "qualification_level": 5}),
        ("I'm 17 can I apply?", {"age": 17}),
        ("I have an HND, is that enough?", {"qualification_level": 5}),
        ("I volunteer at a homeless shelter, does that count?", {"experience": True}),
        ("I'm 40 and want to work in Cardiff so can I apply?", {"age": 40, "nation": "wales"}),
        # a first-person statement after the asking
        ("Can I apply, I'm 25 and moving to Wales", {"age": 25, "nation": "wales"}),
        # a condition about the visitor's present is a fact about them
        ("Can I apply if I'm 17?", {"age": 17}),
        ("If I'm 17, can I apply?", {"age": 17}),
        ("Can I apply if I'm 17 and have an HND?", {"age": 17, "qualification_level": 5}),
        ("Could I become a probation officer if I live in Glasgow?", {"nation": None}),
        # an age asked about
        ("Am I too old at 60?", {"age": 60}),
        ("At forty five, am I too old?", {"age": 45}),
        ("Am I too old to train as a probation officer at 55?", {"age": 55}),
        # unchanged: statements in their own sentence, before or after the question
        ("I'm 25 and I have a psychology degree. Am I eligible?", {"age": 25, "qualification_level": 6}),
        ("Can I apply? I'm 19 and I want to work in Wales.", {"age": 19, "nation": "wales"}),
        ("If I'm honest, I have an HND.", {"qualification_level": 5}),
    ],
)
def test_extract_volunteered_keeps_facts_in_questions(text, expected):
    found = ap.extract_volunteered(text)
    assert {k: found.get(k) for k in expected} == expected, found


@pytest.mark.parametrize(
    "text",
    [
        "What if I'm 17?",  # a supposition, not a fact
        "If I get a degree, can I apply?",  # a future
        "Can I apply if I fail my degree?",
        "How old do you need to be, 18 years old?",  # a fact-shaped part of the asking
        "Would I be eligible with an HND and a criminology degree?",
        "Is the age of 18 the minimum?",
        "I want to be a PSO, how do I start?",
        "Can I apply if I don't have a degree?",
        "What is the pay at 25 hours a week?",
        "Do you need to be 21 years old?",
    ],
)
def test_extract_volunteered_takes_no_fact_from_the_asking(text):
    assert ap.extract_volunteered(text) == {}


# --- experience: only what is said, not "I have" / "I am" -------------------------


@pytest.mark.parametrize(
    "text,value",
    [
        # no relevant experience: negation, nothing yet, only plans
        ("I have a degree but nothing like that", False),
        ("I am hoping to get some soon", False),
        ("not yet, I am looking for volunteering", False),
        ("nothing like that", False),
        ("none yet", False),
        ("I would like to", False),
        ("I'm planning to volunteer at a food bank", False),
        ("I'm hoping to volunteer at a homeless shelter", False),
        ("I want to work with offenders", False),
        ("I have no experience of that", False),
        ("no, I work in retail", False),
        # genuine experience stays yes
        ("I volunteer at a homeless shelter", True),
        ("I've been a youth worker for four years", True),
        ("yes, two years as a support worker", True),
        ("I work in a prison", True),
        ("I volunteer at a food bank and want to do more", True),
        ("I have, two years", True),
        # "I do" / "I have" on their own answer the question
        ("I do", True),
        ("I have", True),
        ("I have.", True),
        ("yes I have", True),
    ],
)
def test_parse_experience_reads_what_is_said(text, value):
    result = ap.parse_experience(text)
    assert result.ok and result.value is value, result


@pytest.mark.parametrize(
    "text",
    [
        "I am",
        "I've got loads",
        pytest.param(
            "I have been thinking about a change of career for a while now and people "
            "keep telling me I would be good at working with people. " * 40,
            id="ramble",
        ),
        "I don't know",
        "no, not sure it counts",
        "I have a cat",
    ],
)
def test_parse_experience_neither_yes_nor_no_is_unusable(text):
    result = ap.parse_experience(text)
    assert not result.ok and result.value is None and result.reason, result
    assert read_answer("experience", text) == {}


def test_an_unusable_experience_answer_is_asked_again_with_an_example():
    from bot.eligibility import dialogue

    slots = {name: None for name in dialogue.SLOT_NAMES}
    slots.update(
        age=31,
        right_to_work=True,
        nation="england",
        qualification_level=6,
        qualification_id="bachelors",
        knowledge_areas=4,
        reask_count=0,
    )
    turn = dialogue.interpret(slots, "experience", "I am hoping to get some soon", "inform", 0.9)
    assert turn.updates["experience"] is False and turn.next_slot is None
    turn = dialogue.interpret(
        slots, "experience", "I have been thinking about a change of career", "inform", 0.9
    )
    assert turn.next_slot == "experience" and turn.updates["experience"] is None
    assert question_field("experience").example in turn.replies[0].text
