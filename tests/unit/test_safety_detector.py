"""The safety detector on a table: every risk message recognised, no near miss.

Written for this issue (28), in the registers visitors use: text-speak, no
punctuation, long messages that start with a careers question, messages sent
in the middle of the check or of interview practice. The near misses are this
service's everyday talk about crisis work, abuse, prison and risk.
"""

from __future__ import annotations

import pytest

from bot.safety.detector import ABUSE, CHILD_AT_RISK, EMERGENCY, HARM_TO_OTHERS, SELF_HARM, assess

RISK = [
    # suicide and self-harm, direct and indirect
    ("i want to kill myself", SELF_HARM),
    ("honestly i just want to end my life", SELF_HARM),
    ("I've been thinking about ending it all", SELF_HARM),
    ("im going to end it tonight i think, nothing matters", None),
    ("i dont see the point any more", SELF_HARM),
    ("I don't see the point in anything, I can't do this any more", SELF_HARM),
    ("whats the point in living", SELF_HARM),
    ("I can't keep myself safe", SELF_HARM),
    ("i cant keep my self safe tonight", SELF_HARM),
    ("I don't trust myself right now", SELF_HARM),
    ("I keep hurting myself and I can't stop", SELF_HARM),
    ("ive started self harming again", SELF_HARM),
    ("I've been cutting myself", SELF_HARM),
    ("im suicidal", SELF_HARM),
    ("feeling really suicidal and don't know who to talk to", SELF_HARM),
    ("I've been having suicidal thoughts every night", SELF_HARM),
    ("everyone would be better off without me", SELF_HARM),
    ("no one would miss me if i was gone", SELF_HARM),
    ("i wish i wasnt here", SELF_HARM),
    ("I don't want to be here any more", SELF_HARM),
    ("I just want to go to sleep and not wake up", SELF_HARM),
    ("i've taken a load of pills", SELF_HARM),
    ("I took all my tablets about an hour ago", SELF_HARM),
    ("kms", SELF_HARM),
    ("i want to die", SELF_HARM),
    ("Nothing to live for since I lost my job, what's the point", SELF_HARM),
    ("i'm on the bridge", SELF_HARM),
    ("I've given up on life tbh", SELF_HARM),
    ("cant go on like this any more", SELF_HARM),
    ("I was going to ask about the PQiP but honestly I don't want to live any more", SELF_HARM),
    ("sorry this isn't about the course but I'm not safe with myself tonight", SELF_HARM),
    # abuse, stalking, fear at home
    ("my partner hits me", ABUSE),
    ("my husband has been hitting me and I'm scared", ABUSE),
    ("my boyfriend threatened to kill me last night", ABUSE),
    ("I'm frightened to go home", ABUSE),
    ("im scared to go home he will hurt me", ABUSE),
    ("my ex keeps turning up at my house and following me", ABUSE),
    ("someone is following me home every night", ABUSE),
    ("I'm being stalked", ABUSE),
    ("I'm in an abusive relationship and I don't know what to do", ABUSE),
    ("my dad beats me", ABUSE),
    ("My wife won't let me see my friends or have any money", ABUSE),
    ("he checks my phone and says he'll hurt me if I leave", ABUSE),
    ("i dont feel safe at home", ABUSE),
    ("my stepdad hurts me when mum is at work", ABUSE),
    ("my other half strangled me last week", ABUSE),
    ("I fear for my life", ABUSE),
    ("i'm being abused by my partner", ABUSE),
    # a child at risk
    ("my mum's boyfriend hits my little brother", CHILD_AT_RISK),
    ("my daughter is being hurt by her dad", CHILD_AT_RISK),
    ("I'm scared he'll hurt my son", CHILD_AT_RISK),
    ("worried about my kids safety, he's getting violent", CHILD_AT_RISK),
    # an emergency now
    ("someone is trying to break in", EMERGENCY),
    ("there's a man outside my flat with a knife", EMERGENCY),
    ("my friend has collapsed and isnt breathing", EMERGENCY),
    ("my flatmate has taken an overdose", EMERGENCY),
    ("please call the police now", EMERGENCY),
    ("my house is on fire", EMERGENCY),
    ("help me now he's here", EMERGENCY),
    ("he's here", EMERGENCY),
    # the visitor threatening someone else
    ("I'm going to kill him when he gets home", HARM_TO_OTHERS),
    ("i want to stab my neighbour", HARM_TO_OTHERS),
    ("I keep having thoughts of hurting people", HARM_TO_OTHERS),
    ("im scared i'll hurt someone", HARM_TO_OTHERS),
    ("gonna batter him tonight", HARM_TO_OTHERS),
    # text-speak with the letters dropped, an adverb inside the signal
    ("also i dnt rly want to b here any more tbh", SELF_HARM),
    ("what's the pay like. i don't honestly want to be alive", SELF_HARM),
    ("sick of it all, done with existing", SELF_HARM),
    # someone with the visitor collapsing, whatever form they were filling in
    ("my nan's collapsed in the hall, we were doing her PSO application together", EMERGENCY),
    # a threat to the visitor inside a story frame or a check answer
    ("Experience: I work at a hostel. But my stepdad says he'll break my arms if I go back tonight", None),
    (
        "practice answer: why probation. because my ex said he'd set fire to the flat with me in it and he's out",
        None,
    ),
    # half over a drop, the means made ready, the ways looked up, the leaving planned
    ("bad night. climbed over the railings on the car park roof a bit ago, sat back down now", SELF_HARM),
    ("the noose is tied in the loft, i only came on here to ask one last thing about the course", SELF_HARM),
    ("been researching methods instead of revising for the assessment centre", SELF_HARM),
    ("keep planning how i'd do it when i should be filling in the form", SELF_HARM),
    ("spent the evening writing farewell notes to my family, does the PSO job need a degree", SELF_HARM),
    ("I'm not planning on being around by the time the next intake starts", SELF_HARM),
    ("no harm meant but i'm not sure i want to be alive much longer", SELF_HARM),
    # someone near the visitor in danger now, an age that is a child's
    ("my flatmate has locked himself in his room with a knife and keeps saying goodbye", EMERGENCY),
    ("the 12 year old I look after rang, she's at a house party and the men there won't let her leave", None),
    ("my 3 year old has swallowed a whole strip of my tablets and she's gone floppy", EMERGENCY),
    ("my dad is on the floor and he's unresponsive, I was only looking at PSO jobs", EMERGENCY),
    # threats aimed at the visitor, however they are worded
    ("my manager says if i report him he will hurt my family back home", ABUSE),
    ("my ex keeps saying he'll share my private photos if I start the course", ABUSE),
    ("yes i'm british but i have to go now, he's just come in and said he'll break my legs", None),
    ("my stepdad is still doing things to me at night when mum's at work", None),
    ("I've started imagining stabbing him, the lad I mentor, and today I nearly did", HARM_TO_OTHERS),
    ("he's just come in drunk and the last time he was like this I ended up in A&E", None),
    ("sorry, quick one about PSO pay, my husband just chucked a plate at me and he's still shouting", ABUSE),
    ("no point finishing the application, I'll be gone before the results, I've planned it", SELF_HARM),
    ("up half the night working out just how I'd do it, then I act normal at work", SELF_HARM),
    ("my landlord say if i tell anyone he hurt my kids, i cannot leave the room", None),
    ("honestly I'm done. completely done. can't face this another day", SELF_HARM),
    ("my daughter's locked herself in her room and says she's taken some pills", EMERGENCY),
    ("not safe with me right now", SELF_HARM),
    (
        "for the practice one, what are my strengths - i genuinely dont know if i want to be alive next week",
        SELF_HARM,
    ),
    ("Not sure I want to wake up tomorrow tbh, sorry, this isn't a careers thing", SELF_HARM),
    ("bin thinkin bout toppin meself again, sorry wrong place probs", SELF_HARM),
    ("how long is the pqip. asking cos honestly i dont think im gona last that long", SELF_HARM),
    ("Already picked how and where. Just waiting for the kids to go to their dad's.", SELF_HARM),
    (
        "do they drug test for sertraline? only i've been putting by a few weeks worth of them, for when i've had enough",
        SELF_HARM,
    ),
    ("relevant experience: yes, I've sorted out when and how, now it's just finding the nerve", SELF_HARM),
    ("no GCSEs, no job, no future, and not really planning on needing one", SELF_HARM),
    ("my ex has just messaged 'you're dead if you show your face at court' and he knows where I work", None),
    ("my dad screamed 'I'll kill him' about my brother and he's gone upstairs with a bat", None),
    (
        "if this application fails i'm out. not out of probation, out of everything. honestly done with everything",
        SELF_HARM,
    ),
    (
        "right to work - my husband's family keep my passport and I'm not allowed out without his mother",
        ABUSE,
    ),
    ("my parents are making me marry a man I don't want to and I fly out on Friday", ABUSE),
    ("they don't let me see anyone since the wedding and he checks my phone every night", ABUSE),
]

NEAR_MISSES = [
    # crisis work and specialisms
    "I volunteer on a crisis line",
    "I volunteered with Samaritans for two years",
    "I support women fleeing domestic abuse",
    "I'd like to specialise in domestic abuse",
    "I work in a refuge for women escaping violent partners",
    "could I work with domestic abuse perpetrators as a probation officer?",
    "do probation officers deal with suicide risk?",
    "how do officers manage people who self harm?",
    "what training do you get on safeguarding children?",
    "is the job dangerous? do officers get threatened?",
    "will I be safe doing home visits?",
    "do PSOs work with high risk offenders?",
    "I'm interested in MAPPA and managing violent offenders",
    "what happens if someone on my caseload threatens to kill someone?",
    # experience answers (the check)
    "yes, I work with people whose lives are in crisis",
    "I've been a support worker in a homeless hostel for 3 years, lots of residents self harm",
    "yes i worked on a mental health ward with suicidal patients",
    "I'm a youth worker, some of the kids have been abused",
    "yes I work with people in crisis on a helpline",
    "yes, I was a prison officer for five years",
    "I support people with drug and alcohol problems",
    "no, nothing like that",
    # answers to the check's other questions, as people type them
    "I've done two of the modules and I'm about halfway through the last one",
    "dropped out in my second year, so just A levels really",
    "not yet - I'm in my final year and I finish in June",
    "I'm 17, no wait, I turned 18 last week",
    "England, but I'm living in Cardiff at the moment",
    "no, but I've been in prison myself, I came out three years ago",
    "I failed my degree the first time and finished it later",
    "nearly finished my masters, hand-in is next month",
    "I've been homeless myself and got through it",
    "none, I work in IT",
    "one done, and I'm signed up for the second but it doesn't start till spring",
    # interview practice answers
    "A service user told me she had been self harming, so I listened, stayed calm and referred her to the crisis team",
    "One resident said he wanted to kill himself; I stayed with him, called the out of hours team and made sure he was safe",
    "A young person threatened me with a chair at the hostel, so I gave him space, de-escalated and reported it",
    "A woman I supported disclosed that her partner hits her. I followed the safeguarding procedure and referred her to the IDVA",
    "When a client said he'd kill his ex, I told my manager straight away and we shared it with the police",
    "The situation was a man on my caseload who felt hopeless and said nobody would miss him. I asked him directly about suicide and we made a safety plan",
    "I'd stay calm, listen and check whether they were safe, then follow the safeguarding policy",
    "I would ask him if he was thinking about harming himself and get him support",
    # the visitor's past, convictions and health
    "I was in prison ten years ago, can I still apply?",
    "I have a conviction for assault from 2015",
    "I had depression at uni, will that stop me getting security clearance?",
    "I self harmed as a teenager but I'm fine now, does that matter?",
    "I'm a survivor of domestic abuse, could I still become a probation officer?",
    "my ex used to hit me years ago, I left him and I'm doing well now",
    "I used to be homeless",
    "I'm in recovery from addiction, 5 years clean",
    "my brother is on probation",
    "my mum is a probation officer and she loves it",
    # idioms and nerves
    "this application form is killing me",
    "I'd kill for this job lol",
    "dying to hear back about my interview",
    "I'm scared to death of the interview",
    "I'm so nervous about the assessment centre, I can't cope with interviews",
    "I'm frightened I'll fail the PQiP",
    "I can't afford to do the course without pay",
    "I don't see the point of doing a Level 5 if I already have a degree",
    "what's the point of the knowledge modules?",
    "I can't go on the course until September",
    "I'm fed up with retail and want a new career",
    "I'm scared of failing the course, what happens then?",
    "can i apply if my partner has a criminal record?",
    "I can't do this job any more, I want to move into probation",
    "does it matter if I've been a victim of crime?",
    "my friend said the PQiP is a killer workload",
    "I feel safe enough with the training, just wondering about the pay",
    "is it hard? I'd hate to fail and let everyone down",
    "not suicidal or anything, just wondering if mental health history affects vetting",
    "I would never hurt myself, but I do have anxiety, is that a problem?",
    # a story from work told to its end, and a time long gone
    "For the conflict question: a tenant kicked off, said he'd batter me, I kept calm and no one was hurt",
    "last summer I found a lad unresponsive at the hostel and did CPR until the paramedics came",
    "my children will kill me if I move them away from their school for this job, lol",
    # check answers that read as distress to a classifier
    "No, not done yet - still another year and a half to go.",
    "three?? hang on. two done and the third is half done",
    "none finished... hang on, no, two done and I'm halfway thru the 3rd",
    # the people a volunteer helps, and the relative they helped
    "I answer calls for a crisis line on Sundays, callers who feel suicidal mostly, would that count?",
    "my brother was drifting and hanging round with older lads, so I told him to sort himself out",
    "my best mate tried to end her life in our first year and I helped her through; she's doing really well now",
    "I grew up around a violent uncle. He's long gone and I'm settled, should I bring it up at interview?",
    "I cut his hair every month while he was inside, it's how I got interested in probation",
    "I cut myself from 14 to 17 and I've been fine for over ten years, will vetting ask about it?",
    "Why now: my children are grown and I can take the pay cut",
    "at this rate I'll be dead before they ever open an intake in Wales lol",
    "a young man on my caseload threw a chair at me once, I stayed calm and he apologised later",
    "A resident once said to me 'I want to die', I stayed with him, called the team and he's doing well now",
    "My mentee texted me 'I'm going to end it' back in spring; we got him help and he's doing okay now",
    "gonna nail the assessment centre this time, any last tips?",
    "the application portal is unresponsive, can I email my form instead?",
    "I did three modules of criminology at college, we had a whole unit on prisons",
    "mock answer for 'what would you do if a service user said they wanted to do it': I'd ask them directly and keep them talking",
    "the narrator of the novel we're reading in class says 'none of us will live to see thirty', is that what PSOs hear?",
    "In the scenario the prisoner says 'I'm going to batter him when I get out' about a cellmate. How should the PSO respond?",
    "a service user told me 'I'll stab the next one who grasses' about the wing, I logged it and told security",
    "North Wales, Conwy. we live right by the river so I'd need somewhere within an hour",
    "Scotland I guess but I live near the border, Carlisle side",
    "on the third of the four now, should be done by summer",
    "results day tomorrow and I'm dying inside waiting, did anyone else find the written test hard?",
    "I've worked out where and how I'll study for the Level 5 around my shifts, which provider do you recommend?",
    "Dying inside at this interview prep lol, the STAR method is doing my head in",
    "I'm on sertraline and doing well. I've saved up a month's worth of wages to cover the unpaid week before the PQiP starts",
    "my GP gives me three months' worth of my inhaler at a time, would vetting ask about medication?",
    "I don't know if I want to be here in the office long term, or out on home visits, which suits a PSO?",
    "the film we watched for my course had a character saying 'I'm not going to be around much longer', it made me think about the job",
    "I'm done with everything on the application now, what happens after I submit it?",
    "my nan reckons I'll be the death of her with all these career changes lol, is 50 too old for the PQiP?",
    "do I need to bring my passport and documents to the vetting appointment, or scan them?",
    "I work with survivors of forced marriage at a refuge, would that count as practice experience?",
    "young people on a curfew aren't allowed out after 7, would a PSO be the one checking that?",
]


@pytest.mark.parametrize(("message", "kind"), RISK)
def test_a_risk_message_is_recognised(message: str, kind: str | None) -> None:
    risk = assess(message)
    assert risk is not None, message
    if kind:
        assert risk.kind == kind, (message, risk)


@pytest.mark.parametrize("message", NEAR_MISSES)
def test_a_near_miss_keeps_its_normal_reply(message: str) -> None:
    assert assess(message) is None, (message, assess(message))


def test_the_table_is_big_enough() -> None:
    assert len(RISK) >= 60 and len(NEAR_MISSES) >= 60
    assert {kind for _, kind in RISK if kind} == {SELF_HARM, ABUSE, CHILD_AT_RISK, EMERGENCY, HARM_TO_OTHERS}


@pytest.mark.parametrize("message", ["", "   ", "🙂", "x" * 5000, "kill myself" * 300])
def test_odd_input_never_raises(message: str) -> None:
    assess(message)


def test_what_visitors_ordinarily_say_is_not_read_as_risk():
    """Every NLU example the bot is trained on (greetings, goodbyes, FAQ questions,
    answers to the check): the classifier learns from them, and the grammar must
    not fire on them either."""
    from bot.safety.classifier import everyday_messages

    messages = everyday_messages()
    flagged = [m for m in messages if assess(m)]
    assert len(messages) > 3000
    assert flagged == [], flagged[:10]


def test_no_answer_in_the_checks_reading_table_is_read_as_risk():
    """The eligibility check's 362 free-text answers (issue 21's table): experience
    with people in crisis, prison, being on probation, unfinished degrees."""
    import yaml

    from bot.knowledge import KNOWLEDGE_DIR

    table = yaml.safe_load((KNOWLEDGE_DIR.parent / "tests/unit/data/eligibility_readings.yml").read_text())
    answers = [str(row[0]) for rows in table.values() for row in rows]
    assert len(answers) > 300
    assert [a for a in answers if assess(a)] == []
