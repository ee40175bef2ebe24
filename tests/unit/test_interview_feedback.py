"""Practice feedback on answers, table-driven: what each answer must and must not get.

Each row is an answer a careers adviser would rate (strong, developing, weak,
or not an answer at all) with the phrases its feedback must contain and must
not contain. The verdict is the first line's wording (feedback.VERDICT_WORDS).
"""

import re

import pytest

from bot.interview import feedback as fb
from bot.interview.bank import load_bank
from bot.knowledge import load_knowledge

STRONG, DEVELOPING, WEAK, NONE = fb.STRONG, fb.DEVELOPING, fb.WEAK, fb.NOT_AN_ANSWER

LONG_RAMBLE = " ".join(
    [
        "When I was working in a supported housing project a few years ago there was a resident who",
        "became very angry in the kitchen because someone had taken his food, and he started shouting",
        "and throwing plates. I stepped in calmly and asked the other residents to leave the room so",
        "they were safe, then I spoke quietly to him and listened to what had happened.",
    ]
    + [
        "I also want to mention that the project was very busy at the time and the staff team was",
        "small, and we had a lot of new residents, and the manager was often away at meetings, and",
        "the building was old and the kitchen was cramped, and there had been arguments before about",
        "food going missing, which is something that happens a lot in shared housing.",
    ]
    * 3
    + [
        "In the end he calmed down, apologised to the others and we agreed a lockable cupboard for",
        "him. I recorded the incident and told my manager. I learned that staying calm works.",
    ]
)


CASES = [
    # --- strong answers: every part of the structure, most target skills --------------
    (
        "strong_calm_shelter",
        "calmed_situation",
        "When I was volunteering at a homeless shelter last year, a resident started shouting at "
        "another man and threatening him. I stepped between them calmly, spoke quietly and asked the "
        "resident to come outside with me so the other residents were safe. I listened to why he was "
        "angry: his bed had been given away. I explained what I could do and called my manager to find "
        "him a bed. As a result he calmed down and nobody was hurt. I learned that listening first works.",
        STRONG,
        [
            r"situation: yes; what you did: yes; the result: yes",
            r"Shows: .*Working under pressure",
            r"A strong answer would cover:",
        ],
        [r"Not shown yet", r"one-liner", r"conviction"],
    ),
    (
        "strong_trust_youth",
        "built_trust",
        "In my job as a youth worker there was a 16-year-old who refused to speak to any staff and "
        "didn't trust adults. I kept turning up every week at the same time, listened without judging "
        "and was open and honest about what I could and couldn't do. I let him choose what we talked "
        "about. After about six weeks he opened up about problems at home, and as a result I was able "
        "to refer him to a support service. He still attends the youth club and now helps younger members.",
        STRONG,
        [r"Shows: .*B2", r"Empathy", r"the result: yes"],
        [r"Not shown yet: .*B2", r"one-liner"],
    ),
    (
        "strong_agency_housing",
        "worked_with_agency",
        "When I was a support worker at a women's refuge, a resident needed a new home and help with "
        "her mental health. I contacted the council's housing team and her GP, and with her consent I "
        "shared the information they needed. I arranged a joint meeting with the housing officer and a "
        "charity that supports survivors of domestic abuse. The housing team had been slow, so I "
        "followed up every week. As a result she moved into a flat within two months and kept her GP "
        "appointments.",
        STRONG,
        [r"Shows: .*Working with colleagues and other agencies", r"S11"],
        [r"Not shown yet: .*S11"],
    ),
    (
        "strong_missed_appointments",
        "missed_appointments",
        "First I would check the case record to see his risk level, any recent changes and his licence "
        "or order conditions, because a missed appointment can be a warning sign. I would try to contact "
        "him by phone, text and letter to find out why, so that I don't assume the worst. If there is a "
        "concern about risk I would speak to my manager straight away. I would decide whether the "
        "absence is acceptable or whether enforcement is needed under the court order, and I would "
        "record every step and review it at the next appointment.",
        STRONG,
        [
            r"Structure check: what you would do: yes; why you would do it: yes; how you would follow up: yes",
            r"Shows: .*Assessing and managing risk",
        ],
        [r"not yet", r"one-liner"],
    ),
    (
        "strong_motivation_pso",
        "why_pso",
        "I want to work as a PSO because I believe people can change, and probation gives them the "
        "chance while protecting the public. When I volunteered with a charity supporting prison "
        "leavers, I helped a man find housing and a job after release, and seeing him stay out of "
        "trouble was the most rewarding thing I've done. I know the work can be emotionally demanding, "
        "so I use supervision and reflect on difficult days to stay resilient, and I always stick to "
        "high professional standards and am honest with the people I work with.",
        STRONG,
        [r"why you want this work: yes; a link to the role: yes; an example from your own experience: yes"],
        [r"Not shown yet: .*Resilience", r"one-liner"],
    ),
    (
        "strong_released_no_home",
        "released_no_home",
        "First I would find out what the person wants and what is already in place, because a plan "
        "they agree with is more likely to work. I would contact the local housing team and the prison's "
        "resettlement staff straight away so that an application is started before release. I would "
        "also check benefits, a GP and any licence conditions that limit where they can live, and "
        "weigh up the options if no place is found. After release I would review the plan at the first "
        "appointment and record what was agreed.",
        STRONG,
        [r"S14", r"Shows: .*Working with colleagues"],
        [r"Not shown yet: .*S14"],
    ),
    (
        "strong_feedback",
        "acted_on_feedback",
        "In my last job as a care assistant my manager gave me feedback that my care notes were too "
        "brief. At first I felt defensive, but I reflected on it and asked a senior colleague to show me "
        "good examples. I then changed how I wrote them, adding what I saw, what I did and why. I also "
        "adapted my routine so I wrote notes straight after each visit. As a result an audit three "
        "months later praised my records, and since then I have mentored new staff on note writing.",
        STRONG,
        [r"S17", r"the result: yes"],
        [r"Not shown yet: .*S17"],
    ),
    (
        "strong_challenged",
        "challenged_behaviour",
        "When I worked in a hostel, a colleague made a joke about a resident's religion in front of "
        "other residents. I felt it needed challenging because it was disrespectful and could damage "
        "trust. I waited until we were alone, then I told him calmly that the comment wasn't "
        "acceptable and explained why, keeping it professional. He was defensive at first but "
        "apologised to the resident the next day. As a result the team agreed to discuss respect and "
        "diversity at our next meeting, and I learned that challenging privately first works best.",
        STRONG,
        [r"B6", r"B7"],
        [r"one-liner"],
    ),
    # --- developing: a real answer with a clear gap ---------------------------------------
    (
        "developing_no_result",
        "calmed_situation",
        "At my previous job in a supermarket a customer became aggressive at the till because his card "
        "was declined and he was shouting at my colleague. I walked over, spoke calmly, and asked him "
        "to step aside with me so the queue could keep moving. I listened to him and explained the "
        "options for paying.",
        DEVELOPING,
        [r"the result: not yet", r"To improve: Finish with the result"],
        [r"a strong practice answer"],
    ),
    (
        "developing_we_not_i",
        "worked_with_agency",
        "In my role at a drug service we worked with the police and housing to help a client who was "
        "being exploited. We had regular meetings with the other agencies and we shared information "
        "so everyone knew the risks. Our team made a referral for safe housing, and as a result the "
        "client was moved somewhere safe and stayed in treatment.",
        DEVELOPING,
        [r"what you did: not yet", r"\"I\""],
        [r"a strong practice answer"],
    ),
    (
        "developing_steps_no_reasons",
        "angry_in_reception",
        "I would ask the person to sit down and I would get a colleague. Then I would listen to what "
        "they say and find out who their probation officer is and try to get them seen today. If they "
        "kept shouting I would ask them to leave and write up what happened.",
        DEVELOPING,
        [r"why you would do it: not yet", r"because"],
        [r"a strong practice answer"],
    ),
    (
        "developing_motivation_no_example",
        "why_probation_now",
        "I want a career in probation because I believe everyone deserves a second chance and I want "
        "to help people turn their lives around and protect the community. Now feels like the right "
        "time because my children are older.",
        WEAK,  # beliefs and wishes, no example: the rated answers (knowledge/interview_rated.yml) call this weak
        [r"an example from your own experience: not yet", r"example"],
        [r"a strong practice answer"],
    ),
    (
        "developing_brief_decision",
        "difficult_decision",
        "I decided to report a friend at work who was stealing stock. It was hard, but it was the "
        "right thing and my manager dealt with it fairly. I learned that honesty matters.",
        DEVELOPING,
        [r"under the 60 to 160 to aim for", r"Not shown yet: .*S19"],
        [r"a strong practice answer"],
    ),
    # --- weak: one-liners and vague answers -------------------------------------------------
    (
        "weak_one_liner_calm",
        "calmed_situation",
        "I stayed calm and talked to them.",
        WEAK,
        [r"one-liner", r"A strong answer would cover: the situation and why it was tense"],
        [r"a strong practice answer", r"conviction"],
    ),
    (
        "weak_one_liner_motivation",
        "why_pso",
        "I like helping people.",
        WEAK,
        [r"one-liner", r"a link to the role: not yet"],
        [r"a strong practice answer"],
    ),
    (
        "weak_vague_situational",
        "missed_appointments",
        "I would phone them.",
        WEAK,
        [r"one-liner", r"why you would do it: not yet"],
        [r"a strong practice answer"],
    ),
    (
        "weak_generic_claims",
        "built_trust",
        "I am a very good communicator and people trust me easily. I am friendly and approachable.",
        WEAK,
        [r"one-liner", r"what you did: not yet"],
        [r"a strong practice answer"],
    ),
    (
        "weak_i_dont_know_much",
        "service_user_low_mood",
        "Tell them to cheer up and see a doctor.",
        WEAK,
        [r"one-liner", r"Not shown yet"],
        [r"a strong practice answer"],
    ),
    (
        "weak_skills_list",
        "what_skills_bring",
        "Communication, teamwork, empathy.",
        WEAK,
        [r"one-liner"],
        [r"a strong practice answer"],
    ),
    # --- issue 24: unsafe answers named kindly; claims and buzzwords credited with nothing ---
    (
        "unsafe_cheer_up",
        "service_user_low_mood",
        "I would tell him to cheer up because things could be worse and then move on with the appointment.",
        WEAK,
        [
            r"Careful: you said \u201cI would tell him to cheer up",
            r"Brushing low mood aside",
            r"whether they are safe",
        ],
        [r"a strong practice answer"],
    ),
    (
        "unsafe_shout_back",
        "angry_in_reception",
        "If he's shouting at me I'll shout back louder so he knows who's in charge, then tell him to get out.",
        WEAK,
        [r"Careful: .*Meeting aggression with aggression"],
        [r"a strong practice answer"],
    ),
    (
        "unsafe_not_my_business",
        "colleague_breaks_rules",
        "I wouldn't say anything, it's their business what they post and I don't want to fall out with people.",
        WEAK,
        [r"Careful: .*Letting it go"],
        [r"a strong practice answer"],
    ),
    (
        "safe_negated_cheer_up",
        "service_user_low_mood",
        "I would never tell him to cheer up. I would ask him kindly what he means and whether he is safe, "
        "because that can be a warning sign, and I would tell my manager the same day and record it.",
        DEVELOPING,
        [r"You said"],
        [r"Careful:"],
    ),
    (
        "weak_buzzwords_no_action",
        "disclosure_in_supervision",
        "Safeguarding is paramount. Multi-agency information sharing, risk assessment and public "
        "protection procedures would be followed in line with policy.",
        WEAK,
        [r"Named, not yet shown by something you did: .*Assessing and managing risk"],
        [r"Shows:", r"a strong practice answer"],
    ),
    (
        "weak_bare_claim_trust",
        "built_trust",
        "I'm a people person and people trust me straight away, it's just a natural thing with me.",
        WEAK,
        [r"that is a claim", r"Swap the claim for one real example"],
        [r"Shows:"],
    ),
    # --- the quote and what is said of it (issue 24, round 2) ------------------------------
    (
        # A habit ("I always...") or a boast is quoted as the claim it is, never as an action.
        "habit_claim_quoted_as_claim",
        "why_pqip",
        "Because it's the route in. I always work really hard and I give everything to my job, and I "
        "watch a lot of crime programmes in the evenings.",
        WEAK,
        [r"You said “[^”]*”: that is a claim"],
        [r"your own action, the heart", r"experience of your own"],
    ),
    (
        # Text-speak is quoted as typed ("id ring"), and "ill" after "be" is ill, not "I'll".
        "text_speak_quoted_as_typed",
        "missed_appointments",
        "first id look at his file to see if anythings changed. then id ring his hostel n ask if hes ok, "
        "cos he might be ill or in hospital. if i still cant reach him id tell my manager the same day.",
        DEVELOPING,
        [r"You said “[^”]*\bid (look|ring|tell)"],
        [r"i'd (look|ring|tell)", r"i'll or"],
    ),
    (
        # A step named with a vague verb ("ensure", "follow procedures") says nothing done.
        "buzzword_vague_step",
        "colleague_breaks_rules",
        "I would ensure appropriate action was taken and I would follow the relevant procedures in line "
        "with policy.",
        WEAK,
        [r"names a step without saying what you would actually do"],
        [r"a clear step of your own", r"Shows:"],
    ),
    (
        # The skill named beside a quote is one that quoted clause shows.
        "plain_words_skill_in_quote",
        "calmed_situation",
        "At the chip shop where I work a drunk man started shouting at a young girl in the queue. I "
        "walked round the counter, stood between them and spoke to him quietly so she could step away. "
        "I asked him what was wrong and listened. He calmed down, said sorry and left.",
        DEVELOPING,  # 52 words: a result, but nothing of how the risk was judged
        [r"You said “"],
        [r"your own action, the heart"],
    ),
    (
        # An unsafe plan: its reasons and follow-up serve the unsafe step, so neither is credited.
        "unsafe_plan_reasons_not_credited",
        "angry_in_reception",
        "If he came in shouting at me I'd shout back because you can't let people walk all over you, "
        "and afterwards I'd make sure he knew who was in charge.",
        WEAK,
        [r"Careful: you said", r"why you would do it: not yet", r"how you would follow up: not yet"],
        [r"Shows:"],
    ),
    # --- not an answer: empty, gibberish, the question pasted back, off-topic --------------
    ("empty", "calmed_situation", "", NONE, [r"I didn't get an answer", r"skip"], [r"STAR check"]),
    ("empty_spaces", "why_pso", "   \n ", NONE, [r"I didn't get an answer"], [r"Structure check"]),
    ("punctuation_only", "built_trust", "...?!", NONE, [r"I didn't get an answer"], [r"STAR check"]),
    (
        "gibberish_mash",
        "calmed_situation",
        "asdfgh jkl qwerty zxcvbn",
        NONE,
        [r"doesn't look like words I know"],
        [r"STAR check", r"Shows:"],
    ),
    (
        "gibberish_made_up",
        "missed_appointments",
        "flurb glomp zint wibbleton",
        NONE,
        [r"doesn't look like words I know"],
        [r"Structure check"],
    ),
    (
        "gibberish_repeated",
        "why_pso",
        "aaaaaa bbbbbbb cccccc",
        NONE,
        [r"doesn't look like words I know"],
        [r"Shows:"],
    ),
    (
        "pasted_question",
        "calmed_situation",
        "Tell me about a time you calmed down a tense or aggressive situation.",
        NONE,
        [r"That's the question itself"],
        [r"Shows:", r"STAR check"],
    ),
    (
        "pasted_question_lowercase",
        "missed_appointments",
        "a person on probation has missed two appointments in a row and isn't answering the phone what would you do",
        NONE,
        [r"That's the question itself"],
        [r"Shows:"],
    ),
    (
        "off_topic_weekend",
        "calmed_situation",
        "My favourite film is Jaws and on Saturdays I go swimming with my cousins.",
        NONE,
        [r"doesn't seem to answer this question"],
        [r"Shows:"],
    ),
    (
        "off_topic_food",
        "why_pso",
        "Pizza with pineapple is the best food in the world.",
        NONE,
        [r"doesn't seem to answer this question"],
        [r"Structure check"],
    ),
    # --- the question pasted back, then an answer: judged on the answer only --------------
    (
        "question_then_one_liner",
        "calmed_situation",
        "Tell me about a time you calmed down a tense or aggressive situation. I stayed calm.",
        WEAK,
        [r"one-liner"],
        [r"a strong practice answer"],
    ),
    # --- issue 24, round 2: what the answer does, from the rated answers -------------------
    (
        "unsafe_secrecy_promised",
        "disclosure_in_supervision",
        "I'd reassure him that anything he tells me stays between us, so he keeps being honest with me, "
        "and I'd carry on with the session as normal.",
        WEAK,
        [r"Careful: you said \u201c", r"tells their manager"],
        [r"a strong practice answer"],
    ),
    (
        "unsafe_aggression_in_a_story",
        "calmed_situation",
        "At the warehouse a driver started swearing at the loading bay, so I walked straight up and got "
        "in his face and told him to watch it. He drove off and never came back.",
        WEAK,
        [r"Careful: .*keeps calm and their distance"],
        [r"a strong practice answer"],
    ),
    (
        "unsafe_contempt",
        "why_pso",
        "Honestly most of them are scum and somebody needs to keep them in line, so I'd be strict from day one.",
        WEAK,
        [r"Careful: .*with respect"],
        [r"a strong practice answer"],
    ),
    (
        "safe_negated_secrecy",
        "disclosure_in_supervision",
        "I would explain to him that I can't keep it between us, because children may be at risk. I'd ask "
        "him calmly who she is and whether he has contact with her children, write down what he said and "
        "tell my manager that day so we could check with children's services. I would review his plan.",
        DEVELOPING,  # under 60 words: the follow-up is thin
        [r"You said \u201c"],
        [r"Careful:"],
    ),
    # --- issue 24, round 3: more unsafe kinds, each with a safe answer using the same words ---
    (
        "unsafe_low_mood_others_worse",
        "service_user_low_mood",
        "I'd remind him that plenty of people have it worse than him and say he should count his "
        "blessings, then get on with going through his plan.",
        WEAK,
        [r"Careful: you said \u201c", r"Brushing low mood aside"],
        [r"a strong practice answer"],
    ),
    (
        "safe_negated_others_worse",
        "service_user_low_mood",
        "I'd never tell him people have it worse or to count his blessings. I'd ask him straight out "
        "whether he is thinking of harming himself, tell my manager before he left and ring his GP with him.",
        DEVELOPING,
        [r"You said \u201c"],
        [r"Careful:"],
    ),
    (
        "unsafe_secrecy_our_secret",
        "disclosure_in_supervision",
        "I'd tell him it can be our secret as long as he keeps coming in, and I'd keep it off the file "
        "so he doesn't get into trouble.",
        WEAK,
        [r"Careful: you said \u201c", r"tells their manager"],
        [r"a strong practice answer"],
    ),
    (
        "safe_negated_our_secret",
        "disclosure_in_supervision",
        "I'd explain straight away that it can't be our secret, because a child could be at risk. I'd ask "
        "him who she is and whether he sees her children, write it up and tell my manager that afternoon.",
        DEVELOPING,
        [r"You said \u201c"],
        [r"Careful:"],
    ),
    (
        "unsafe_raise_voice_back",
        "angry_in_reception",
        "If he got loud with me I'd raise my voice back and tell him to shut up, because you can't let "
        "them think they can push you around in your own office.",
        WEAK,
        [r"Careful: .*Meeting aggression with aggression"],
        [r"a strong practice answer"],
    ),
    (
        "safe_negated_raise_voice_back",
        "angry_in_reception",
        "I wouldn't raise my voice back or tell him to shut up. I'd keep the desk between us, speak slowly, "
        "ask the others waiting to step outside and press for a colleague, so nobody gets hurt. Then I'd "
        "listen to what has gone wrong, because he may calm down once he feels heard.",
        DEVELOPING,
        [r"You said \u201c"],
        [r"Careful:"],
    ),
    (
        "unsafe_mind_my_own_business",
        "disclosure_in_supervision",
        "To be honest I'd mind my own business about who he dates, and wait until his next review to see "
        "if he brings her up again.",
        WEAK,
        [r"Careful: .*Letting it go"],
        [r"a strong practice answer"],
    ),
    (
        "safe_negated_mind_my_own_business",
        "disclosure_in_supervision",
        "I couldn't just mind my own business here. I'd ask him today how he met her and whether he is alone "
        "with her children, and I'd tell my manager before the end of the day instead of waiting for his "
        "next review, because the children may be at risk.",
        DEVELOPING,
        [r"You said \u201c"],
        [r"Careful:"],
    ),
    (
        "strong_plain_words_no_jargon",
        "built_trust",
        "I help at a boxing club. One lad, about fifteen, wouldn't speak to any of the coaches and walked "
        "out whenever we tried. I stopped pushing and just held the pads for him every Tuesday, and I always "
        "turned up when I said I would. After a month he started hanging back to chat, and one night he told "
        "me he was being kicked out at home. I sat with him and rang the youth worker with him there. He's "
        "still coming and he helps the younger ones now.",
        STRONG,
        [r"You said \u201cI", r"the result: yes"],
        [r"this needs more"],
    ),
    (
        "weak_buzzword_story",
        "worked_with_agency",
        "I leveraged robust multi-agency partnerships and stakeholder engagement to deliver holistic, "
        "person-centred outcomes, ensuring safeguarding was embedded throughout.",
        WEAK,
        [r"To improve:"],
        [r"Shows:", r"a strong practice answer"],
    ),
    (
        "developing_text_speak_steps",
        "angry_in_reception",
        "1st id get the other ppl out the way n make sure a colleague knows. then id let him talk n not "
        "argue back, ask wats gone wrong n if i can sort anything today",
        DEVELOPING,
        [r"You said \u201c"],
        [r"Careful:", r"a strong practice answer"],
    ),
    # --- very long ---------------------------------------------------------------------------
    (
        "very_long_ramble",
        "calmed_situation",
        LONG_RAMBLE,
        STRONG,
        [r"over the 60 to 160 to aim for", r"Length: about \d{3} words"],
        [r"one-liner"],
    ),
    # Under the web chat's 1,000 characters, and still long for one answer.
    (
        "very_long_within_the_chat_limit",
        "calmed_situation",
        "When I was a support worker at a hostel last year a man came back drunk and began to shout "
        "at staff and kick the door. I went out to him with a colleague, kept my voice calm and low, "
        "and asked him to sit on the bench with me so the other men were safe. I let him talk. He "
        "said his mum was ill and he could not get to see her. I said I was sorry and that we could "
        "try to help. I made him a tea and rang his key worker. We found a bus he could take the next "
        "day. He said sorry to the staff. In the end he went to bed and the night was calm. I wrote it "
        "up in the log and told my manager at the end of the shift. I learned that if you stay calm "
        "and let a man say what is wrong, he will calm down too, and that it is best not to rush it or "
        "make him feel cornered, and to keep the rest of the hostel safe while you do.",
        STRONG,
        [r"over the 60 to 160 to aim for", r"To improve: Tighten it"],
        [r"one-liner"],
    ),
    (
        "very_long_repetitive",
        "why_pso",
        " ".join(["I want to help people because I care about people and I think helping is good."] * 25),
        WEAK,
        [r"over the 60 to 160 to aim for", r"an example from your own experience: not yet"],
        [r"a strong practice answer"],
    ),
    # --- mentions a conviction: practice feedback as usual, plus what page 003 says ----------
    (
        "conviction_motivation",
        "why_probation_now",
        "I want to work in probation because I have a conviction from when I was 19 and my probation "
        "officer helped me turn my life around. Since then I have volunteered with a charity "
        "supporting young people leaving custody, and I believe people can change.",
        DEVELOPING,
        [
            r"You mentioned a conviction",
            r"does not automatically rule you out",
            r"Official probation recruitment FAQ",
        ],
        [r"not eligible", r"can't apply", r"cannot apply", r"rules you out\b(?! )", r"barred"],
    ),
    (
        "conviction_one_liner",
        "why_pso",
        "I was in prison for two years and want to give back.",
        WEAK,
        [r"You mentioned a conviction", r"all\s+convictions must be declared"],
        [r"not eligible", r"can't apply"],
    ),
    (
        "no_conviction_prison_worker",
        "why_pso",
        "I work in a prison as an officer and I want to move into probation because I want to help "
        "people after release and protect the public.",
        DEVELOPING,
        [r"why you want this work: yes"],
        [r"You mentioned a conviction"],
    ),
]


@pytest.fixture(scope="module")
def bank():
    return load_bank()


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def test_the_table_is_big_enough_and_covers_every_category():
    assert len(CASES) >= 30
    names = " ".join(c[0] for c in CASES)
    for category in (
        "strong",
        "weak",
        "off_topic",
        "empty",
        "pasted",
        "gibberish",
        "very_long",
        "conviction",
        "unsafe",
        "safe_negated",
        "buzzword",
        "plain_words",
        "text_speak",
        "bare_claim",
    ):
        assert category in names


# Verdicts the models don't reach yet, kept in the table as known disagreements (what each is
# judged now, and why), not changed to pass: the test fails when the judgement moves either way,
# and the rest of the row is still checked.
KNOWN = {
    "no_conviction_prison_worker": (WEAK, "a 27-word 'why' with no example scores just under the cut"),
}
# And one the models get wrong in more than the verdict: it fails, and says so.
WRONG = {
    "strong_motivation_pso": "judged developing with its skills 'not shown yet': the 'why' models learn from "
    "some 60 rated 'why' answers, and the skills model leans on the whole answer more than on each skill",
}


def _row(case):
    marks = [pytest.mark.xfail(reason=WRONG[case[0]], strict=True)] if case[0] in WRONG else []
    return pytest.param(*case, id=case[0], marks=marks)


@pytest.mark.parametrize("name,question_id,answer,verdict,must,must_not", [_row(c) for c in CASES])
def test_feedback(bank, kb, name, question_id, answer, verdict, must, must_not):
    question = bank.question(question_id)
    result = fb.assess(bank, question, answer)
    text = fb.render(kb, bank, question, result, 2, 5)
    verdict = KNOWN[name][0] if name in KNOWN else verdict
    assert result.verdict == verdict, text
    assert text.splitlines()[0].endswith(fb.VERDICT_WORDS[verdict])
    for pattern in must:
        assert re.search(pattern, text), f"missing {pattern!r} in:\n{text}"
    for pattern in must_not:
        assert not re.search(pattern, text), f"unexpected {pattern!r} in:\n{text}"
    # Every reply gives one improvement and the outline; it quotes a few words of a real
    # answer (issue 24), never the answer back.
    assert "A strong answer would cover:" in text
    words = answer.split()
    if len(words) > fb.QUOTE_WORDS:
        assert " ".join(words[: fb.QUOTE_WORDS + 1]) not in text
    if verdict != NONE:
        assert "You said \u201c" in text or "you said \u201c" in text, text


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_the_first_reply_is_short_with_the_rest_behind_a_button(bank, kb, case):
    """The verdict and two or three points in about 60 words (issue 24); the breakdown on request."""
    name, question_id, answer = case[:3]
    question = bank.question(question_id)
    result = fb.assess(bank, question, answer)
    reply = fb.render_short(kb, bank, question, result, 2, 5)
    if result.problem:
        assert not reply.buttons
        return
    text = reply.text.split("\nYou mentioned a conviction")[0]  # page 003's note is added to any length
    assert len(text.split()) <= 75, text
    assert 2 <= len(text.splitlines()) <= 4, text
    assert "To improve:" in text and "A strong answer would cover" not in text
    assert [b.title for b in reply.buttons] == ["Show the full breakdown"]
    breakdown = fb.render_breakdown(bank, question, result.record())
    assert "A strong answer would cover" in breakdown and bank.kinds[question.kind]["label"] in breakdown


def test_the_length_tip_agrees_with_its_range(bank, kb):
    """161 words is over 60-160; 159 is not; 59 is under (issue 24: "161 is long, aim for 60 to 160")."""
    question = bank.question("calmed_situation")
    sentence = "I stayed with him and I listened to what he said about his day at work. "
    for words, wanted in ((161, "over the 60 to 160"), (159, None), (59, "under the 60 to 160")):
        answer = " ".join((sentence * 20).split()[:words])
        text = fb.render(kb, bank, question, fb.assess(bank, question, answer), 1, 5)
        if wanted:
            assert f"about {words} words, {wanted}" in text, text
        else:
            assert "Length:" not in text, text


def test_the_outline_adapts_to_what_the_answer_covers(bank):
    question = bank.question("calmed_situation")
    answer = CASES[0][2]
    record = fb.assess(bank, question, answer).record()
    breakdown = fb.render_breakdown(bank, question, record)
    assert "Yours already covers:" in breakdown or "what yours does" in breakdown
    weak = fb.assess(bank, question, "I'm good at calming people down.").record()
    assert "Yours already covers" not in fb.render_breakdown(bank, question, weak)


def test_feedback_is_a_few_lines_not_a_wall(bank, kb):
    question = bank.question("calmed_situation")
    text = fb.render_short(kb, bank, question, fb.assess(bank, question, CASES[0][2]), 1, 5).text
    assert len(text.splitlines()) <= 4


def test_the_record_kept_for_the_summary_has_no_answer_text(bank):
    question = bank.question("built_trust")
    record = fb.assess(bank, question, CASES[1][2]).record()
    flat = repr(record)
    assert "youth worker" not in flat and "16-year-old" not in flat
    assert record["q"] == "built_trust" and record["verdict"] == STRONG


def test_an_outline_is_not_a_script(bank):
    """Outlines are points to cover, not sentences to memorise."""
    for question in bank.questions.values():
        for point in question.outline:
            assert not point.lower().startswith(("i ", "i'", "my ")), (question.id, point)
            assert len(point.split()) <= 20, (question.id, point)
