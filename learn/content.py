"""The lessons as shipped: a one-minute read each, in our own words, each naming its source.

Loaded by `load_lessons` from a data migration (learn/migrations/0002_lessons.py). The loader adds
a lesson whose slug is missing and never touches one that exists, so an edit made in the admin
stays. A new lesson ships as a new entry here and a new data migration that calls the loader again;
a correction to a shipped lesson ships as a data migration calling `update_shipped_lessons`, which
changes only rows still holding the text shipped before (docs/content.md, "Lessons"). The body's
format and its care-word placeholders: learn/text.py.

Rules (tests/learn/test_content.py): at least 14 lessons, about 120 to 180 words each ("When to get
help" is longer: it lists every sign), a named source that supports what the lesson says, no
medicine dose, no cure or cause claims, no one country's service names or numbers (the "when to get
help" lesson uses the placeholders).
"""

import hashlib

from django.utils import timezone

from exercises.library import gettext_noop, lines


def bullet(line):
    """A list item of a lesson's body (learn/text.py)."""
    return f"- {line}"


# The sources, each cited only for what it says (docs/content.md, "Lessons": the sources).
NICE = "NICE guideline NG59 (2016, updated 2020)"
LANCET = "The Lancet low back pain series (2018)"
NHS = "NHS: Back pain"
NHS_MEDICINES_IN_PREGNANCY = "NHS medicines pages: ibuprofen, naproxen (pregnancy)"
COCHRANE_EXERCISE = "Cochrane review: exercise therapy for chronic low back pain (Hayden et al., 2021)"
SARACENI = (
    "Saraceni et al., To flex or not to flex? Lumbar flexion during lifting and low back pain, "
    "a systematic review with meta-analysis (JOSPT, 2020)"
)
SOURCES = (NICE, LANCET, NHS, NHS_MEDICINES_IN_PREGNANCY, COCHRANE_EXERCISE, SARACENI)

# "When to get help": one plain line for each emergency and each urgent question of the safety
# screen, keyed by the question's key (journal/safety.py, QUESTIONS). tests/learn/test_content.py
# fails when the screen has a question of these two kinds without its line here, or the other way.
EMERGENCY_SIGNS = {
    # Translators: CLINICAL: a sign that needs help; part of the lesson on when to get help.
    "saddle_numbness": gettext_noop("New numbness or tingling around your genitals, back passage or bottom."),
    # Translators: CLINICAL: a sign that needs help; part of the lesson on when to get help.
    "bladder": gettext_noop("New trouble passing urine: hard to start or stop, not feeling it, or leaking."),
    # Translators: CLINICAL: a sign that needs help; part of the lesson on when to get help.
    "bowel": gettext_noop("New loss of control of your bowels."),
    # Translators: CLINICAL: a sign that needs help; part of the lesson on when to get help.
    "both_legs": gettext_noop("New pain, numbness or weakness in both legs, or legs giving way."),
    # Translators: CLINICAL: a sign that needs help; part of the lesson on when to get help.
    "weakness_worsening": gettext_noop("A leg or foot getting weaker quickly, day by day or faster."),
    "chest_pain": gettext_noop(
        # Translators: CLINICAL: a sign that needs help; part of the lesson on when to get help.
        "Back pain with chest pain, or sudden severe pain between your shoulder blades."
    ),
}
URGENT_SIGNS = {
    # Translators: CLINICAL: a sign that needs help; part of the lesson on when to get help.
    "fever": gettext_noop("A fever or chills with the back pain."),
    # Translators: CLINICAL: a sign that needs help; part of the lesson on when to get help.
    "weight_loss": gettext_noop("Losing weight without trying."),
    # Translators: CLINICAL: a sign that needs help; part of the lesson on when to get help.
    "cancer": gettext_noop("Cancer now, or cancer in the past and this back pain is new."),
    "constant_night_pain": gettext_noop(
        # Translators: CLINICAL: a sign that needs help; part of the lesson on when to get help.
        "Pain all the time, not eased by rest or any position, and worse at night."
    ),
    "recent_accident": gettext_noop(
        # Translators: CLINICAL: a sign that needs help; part of the lesson on when to get help.
        "Back pain since a serious accident in the last few weeks, like a car crash or a fall from a height."
    ),
    "fragile_fall": gettext_noop(
        # Translators: CLINICAL: a sign that needs help; part of the lesson on when to get help.
        "Pain after a small fall or strain, when your bones may be fragile (thin bones, or "
        "steroid tablets taken for a long time)."
    ),
    "low_immunity": gettext_noop(
        # Translators: CLINICAL: a sign that needs help; part of the lesson on when to get help.
        "Weak immunity, from an illness or medicines, or a recent serious infection."
    ),
    # Translators: CLINICAL: a sign that needs help; part of the lesson on when to get help.
    "injected_drugs": gettext_noop("Injecting drugs, now or recently."),
    # Translators: CLINICAL: a sign that needs help; part of the lesson on when to get help.
    "back_lump": gettext_noop("A new lump on your back, or a change in its shape."),
}


def _items(signs):
    return "\n".join(bullet(line) for line in signs.values())


WHEN_TO_GET_HELP = "\n".join(
    [
        gettext_noop(
            # Translators: CLINICAL: a line of the lesson on when to get help; keep {placeholders} as they are.
            "Most back pain is not a sign of anything serious. The signs below are rare, but they need help "
            "quickly. They are the ones the safety questions ask about."
        ),
        "",
        gettext_noop(
            # Translators: CLINICAL: a line of the lesson on when to get help; keep {placeholders} as they are.
            "Call {emergency_words} now, or go to an emergency department, if you have any of these:"
        ),
        _items(EMERGENCY_SIGNS),
        "",
        # Translators: CLINICAL: a line of the lesson on when to get help; keep {placeholders} as they are.
        gettext_noop("Get urgent help today from {urgent_words} if you have any of these:"),
        _items(URGENT_SIGNS),
        "",
        gettext_noop(
            # Translators: CLINICAL: a line of the lesson on when to get help; keep {placeholders} as they are.
            "If one of them starts while you use BackCare, answer the safety questions again too. "
            "See a doctor or physiotherapist if your pain is no better after four to six weeks, or keeps "
            "getting worse."
        ),
    ]
)

LESSONS = [
    {
        "slug": "when-to-get-help",
        "title": gettext_noop("When to get help"),
        "source": f"{NHS}; {NICE}",
        "body": WHEN_TO_GET_HELP,
    },
    {
        "slug": "flare-plan",
        "title": gettext_noop("Your flare plan"),
        "source": f"{LANCET}; {NHS}",
        "body": lines(
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "A flare is a spell when your back pain is clearly worse than your usual, often for a few days. Flares are common and usually settle. Having a plan ready makes them less frightening."
            ),
            "",
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            gettext_noop("A simple flare plan:"),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(
                gettext_noop(
                    "Switch to the gentle set. On Today, mark a rough day: just the easy exercises, at your own pace. Your streak is safe."
                )
            ),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(
                gettext_noop(
                    "Walk little and often. A few minutes at a time, several times a day, keeps you moving without overdoing it."
                )
            ),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(
                gettext_noop(
                    "Use heat if it helps. A warm bath, a shower or a wrapped heat pack can make moving more comfortable."
                )
            ),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(
                gettext_noop(
                    "Pace yourself. Keep doing daily tasks in smaller pieces, and rest briefly when you need to, without long bed rest."
                )
            ),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Go back to your usual plan step by step as it settles.")),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "If a flare comes with any of the warning signs in the lesson on when to get help, get help as that lesson says."
            ),
        ),
    },
    {
        "slug": "the-usual-course",
        "title": gettext_noop("What usually happens with back pain"),
        "source": f"{LANCET}; {NHS}",
        "body": lines(
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Back pain is very common. Most adults have it at some point, and for most people a new bout gets a lot better within a few weeks."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "It does not always go in a straight line. Good days and bad days mix, and it is normal for pain to ease, come back a little, and ease again. Some people have back pain that returns now and then over the years; later bouts usually settle too."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Serious causes are rare. The safety questions you answered at the start are there to spot the few signs that need a doctor soon, BackCare asks them again every few weeks, and the lesson on when to get help lists them."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "What tends to help most is simple: keep moving as much as you can, build your activity up gently, and give it time. The next lessons, one a day, cover how. Each one takes about a minute."
            ),
        ),
    },
    {
        "slug": "hurt-is-not-harm",
        "title": gettext_noop("Hurt does not mean harm"),
        "source": LANCET,
        "body": lines(
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "When your back hurts, it is natural to think something is damaged. Usually, that is not the case: serious causes of back pain are rare, and for most people no damage is found that explains it."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Pain works like an alarm, and with back pain the alarm can become sensitive: it goes off early, at movements that are not doing any damage. A sensitive back is not a broken one. It is a bit like a smoke alarm that sounds when you make toast."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "This is why moving can hurt and still be safe. Some discomfort during an exercise or a walk is expected and acceptable, especially at first. BackCare uses a simple guide: discomfort that settles back to your usual by the next morning is fine. Pain that keeps climbing, or is clearly worse the next morning, means do a little less next time, not stop for good."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "With gentle, regular movement, a sensitive back often becomes less so over the weeks."
            ),
        ),
    },
    {
        "slug": "keep-moving",
        "title": gettext_noop("Keep moving: staying active beats bed rest"),
        "source": f"{NICE}; {LANCET}; {NHS}",
        "body": lines(
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "It used to be common advice to rest in bed with back pain. Today, guidelines advise the opposite: keep up your normal activities as much as you can, because staying active tends to work better than rest."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "That does not mean doing everything at once. It means doing what you can, a little more often:"
            ),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Short walks, several times a day, rather than one long one.")),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Changing position every so often, instead of staying still.")),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Carrying on with daily tasks, in smaller pieces if you need to.")),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "A short rest when pain is high is fine. Lying down for a few minutes, or a day of taking it easy, is part of looking after yourself. Long stretches of bed rest are what guidelines advise against: most people find they get stiffer and feel weaker."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Your daily exercises are part of staying active. Walking counts too, and so do the everyday jobs you keep doing."
            ),
        ),
    },
    {
        "slug": "what-the-exercises-are-for",
        "title": gettext_noop("What your exercises are for"),
        "source": f"{COCHRANE_EXERCISE}; {NICE}",
        "body": lines(
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Guidelines recommend exercise for people with back pain. A large review of the research found that, for back pain that has lasted a while, exercise probably eases pain and may make everyday tasks a little easier. Several kinds can help, and the guideline says to choose one that suits your needs and what you like doing."
            ),
            "",
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            gettext_noop("Your plan mixes a few kinds:"),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Gentle movement, to get your back used to moving again.")),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Strength and control, so everyday tasks feel easier.")),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Walking and breaks from sitting, which keep you active through the day.")),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "The exercises are not meant to be painless, and they are not a test. Some discomfort is fine, as the lesson on hurt and harm explains. Start where it feels manageable, and let BackCare suggest when to take a step up or back."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Think of them as practice: each session is a chance to find that moving is manageable, and to build up a little for the things you want to do."
            ),
        ),
    },
    {
        "slug": "pacing",
        "title": gettext_noop("Pacing: small steps, on good days and bad"),
        "source": f"{NICE}; {NHS}",
        "body": lines(
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Some people with back pain fall into a pattern called boom and bust. On a good day you do a lot, to catch up. The next day or two your back is worse, so you do very little. Then it repeats."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Pacing is a way out of that cycle. The idea is to do about the same amount each day, whatever the pain, and to build it up by small, planned steps:"
            ),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Find an amount of an activity you can manage even on a fairly bad day.")),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(
                gettext_noop("Do that amount on good days too, and stop there, even if you could do more.")
            ),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(
                gettext_noop(
                    "Every few days or each week, add a little: a few more minutes, one more repetition."
                )
            ),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Split bigger jobs into chunks, with short breaks in between.")),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Pacing can feel slow, but it keeps you active on bad days as well as good ones. BackCare's dose steps and level suggestions work the same way: small steps, checked against how your back responds."
            ),
        ),
    },
    {
        "slug": "a-flare-is-not-a-setback",
        "title": gettext_noop("A flare is not a setback"),
        "source": LANCET,
        "body": lines(
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "When pain comes back after a good spell, it is easy to feel you are back at the start. A flare rarely takes you back there."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Flares are a common part of back pain. Many people who improve well still have the odd bad week. A flare usually tells you your back is sensitive right now, perhaps after an unusual task, poor sleep or a stressful time. It does not usually mean new damage, and it does not wipe out the strength and confidence you have built."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Look at your History: the trend over weeks matters more than any single day. A flare often shows as a bump on the line rather than a change in its direction."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "What helps is to ease off rather than stop: the gentle set, short walks, then back to your plan as the flare settles. If you step a level back for a while, that is pacing, not failing. You can step up again later."
            ),
        ),
    },
    {
        "slug": "sleep-and-stress",
        "title": gettext_noop("Sleep, stress and pain"),
        "source": f"{LANCET}; {NICE}",
        "body": lines(
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                'Pain is not only about your back. How you sleep, how stressed or low you feel, and how worried you are about the pain can all change how much it hurts. This is not "all in your head": it is how the nervous system works for everyone.'
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "A poor night can make the next day's pain louder. Worry and tension can keep the alarm system on high alert. And pain can disturb sleep and mood in turn, so they feed each other."
            ),
            "",
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            gettext_noop("The good news is that the loop works the other way too. Things that may help:"),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Keep regular times for going to bed and getting up.")),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(
                gettext_noop(
                    "Find a comfortable position; a pillow between or under your knees suits some people."
                )
            ),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Make time for things you enjoy, and for people you like.")),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Try the slow breathing exercise when you feel tense.")),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "If low mood or worry is weighing on you, talk to your doctor. It is a common part of living with pain, and help is available."
            ),
        ),
    },
    {
        "slug": "sitting",
        "title": gettext_noop("Sitting: any position, just not for too long"),
        "source": NHS,
        "body": lines(
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Rather than hunting for one perfect way to sit, aim to change your position often. Upright, leaning back, slouched for a while: moving between them is fine. What tends to bother a sore back more is staying in one position for a long time, whichever one it is."
            ),
            "",
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            gettext_noop("Your body likes variety. Some ways to build it into your day:"),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(
                gettext_noop(
                    "Get up every half hour or so, even for a minute. Stand, stretch, walk to get a drink."
                )
            ),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Shift how you sit now and then: lean back, sit forward, move your feet.")),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(
                gettext_noop(
                    "If a chair makes you sore, try a cushion or a rolled towel behind your lower back and see if it feels better."
                )
            ),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Take your wallet or phone out of your back pocket.")),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Your sitting breaks in BackCare are there for this: a short reminder to move, several times a day. Your next position is usually the most comfortable one."
            ),
        ),
    },
    {
        "slug": "lifting",
        "title": gettext_noop("Lifting: more than one way"),
        "source": SARACENI,
        "body": lines(
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Many people were taught to lift only with a straight back and bent knees, and worry that bending forward to lift will harm them."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Researchers have looked at this question closely. A review that brought together the studies on it found no evidence that lifting with a rounded lower back is a risk factor for back pain. Lifting with a straight back and lifting with a rounded back are both acceptable."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "So choose the way that feels comfortable to you: squatting, bending or a mix of the two. Some practical points:"
            ),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(
                gettext_noop(
                    "Start with light things and build up gradually over weeks, as with your exercises."
                )
            ),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Keep the load close to your body; it feels lighter there.")),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(
                gettext_noop(
                    "If your back is sensitive today, lift less or split the load, rather than avoiding lifting altogether."
                )
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Bending and lifting are normal things to do. Getting used to them again, a small step at a time, is part of getting back to your everyday life."
            ),
        ),
    },
    {
        "slug": "work",
        "title": gettext_noop("Work and your back"),
        "source": f"{NICE}; {NHS}",
        "body": lines(
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Staying at work, or going back soon, is usually a good idea with back pain, even if you still have some pain. You do not need to be pain-free to work."
            ),
            "",
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            gettext_noop("It can help to talk with your employer about changes for a while:"),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Shorter or different hours, building back up over a few weeks.")),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Lighter tasks for now, or help with heavy ones.")),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Breaks to move if you sit a lot, or to sit if you stand a lot.")),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Working from home on some days, if your job allows.")),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "If you have been off for a while, plan the return in steps rather than waiting until the pain has gone. A doctor, physiotherapist or occupational health adviser can help you and your employer agree on a plan, and some services offer programmes to support a return to work."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Work also brings routine, company and a sense of purpose, which many people miss when they are off."
            ),
        ),
    },
    {
        "slug": "imaging",
        "title": gettext_noop("Do I need a scan?"),
        "source": f"{NICE}; {LANCET}",
        "body": lines(
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "It is natural to want a picture of what is going on. For most back pain, though, a scan or an X-ray does not change what helps, so guidelines advise against routine imaging."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "One reason is surprising. Scans of people with no back pain at all often show disc bulges, wear and other changes. These are common, become more so with age, and are a normal part of getting older, like grey hair on the inside. Seeing them on a report can cause worry and lead to treatments that do not help."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "A scan is useful when a doctor suspects something specific, for example with warning signs, or when an operation or injection is being considered. In those cases your doctor or physiotherapist will suggest one."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "If you already have a scan report with worrying words on it, remember that the words often describe normal changes. Ask your clinician what the findings mean for you."
            ),
        ),
    },
    {
        "slug": "medicines",
        "title": gettext_noop("Medicines: what the guidelines say"),
        "source": f"{NICE}; {NHS_MEDICINES_IN_PREGNANCY}",
        "body": lines(
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Medicines can make moving easier for a while, but they play a smaller part than staying active. Here is what the NICE guideline says, in short:"
            ),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(
                gettext_noop(
                    "Anti-inflammatory painkillers (such as ibuprofen or naproxen) can be worth trying, for the shortest time that helps. They are not safe for everyone, for example with some stomach, kidney or heart problems, or with certain other medicines."
                )
            ),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(
                gettext_noop(
                    "Paracetamol on its own is not recommended for back pain, because studies found it does little for it."
                )
            ),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(
                gettext_noop("Opioid painkillers (such as codeine) are not for long-term use for back pain.")
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "If you are pregnant, ask a pharmacist, your midwife or your doctor before you take any medicine. Anti-inflammatories such as ibuprofen and naproxen are generally not for use in pregnancy unless one of them has advised it."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "BackCare never gives medicine amounts. Before you start, stop or change any medicine, ask a pharmacist or your doctor what suits you and how much to take."
            ),
        ),
    },
    {
        "slug": "dose-and-progress",
        "title": gettext_noop("How your plan grows"),
        "source": f"{COCHRANE_EXERCISE}; {NICE}",
        "body": lines(
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Your plan starts easy on purpose, and grows in small steps so that you can get used to each one."
            ),
            "",
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            gettext_noop("BackCare does this in two ways:"),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(
                gettext_noop("Dose steps: a few more repetitions, or a little longer, at the same exercise.")
            ),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(
                gettext_noop(
                    "Levels: a slightly harder version of the exercise, once the easier one feels comfortable."
                )
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Suggestions come from what you log. When sessions go well, with pain during them staying modest and mornings no worse than usual, BackCare suggests a step up. When an exercise hurts more than usual, it suggests a step back. You always decide: you can say not now."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Logging how each exercise felt makes the suggestions fit you better. It only takes a tap."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Progress is rarely a straight line. A few weeks at one level is normal, and stepping back during a flare is part of the plan, not a failure. What counts most is that you keep going, at a pace that suits you."
            ),
        ),
    },
    {
        "slug": "confidence",
        "title": gettext_noop("Confidence, and the fear of moving"),
        "source": f"{LANCET}; {NICE}",
        "body": lines(
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "After a bad bout of back pain, many people start to guard their back: moving stiffly, avoiding bending, holding their breath when they lift. That feels protective, but over time, avoiding movement can make everyday life smaller than it needs to be, and worry about pain is one of the things linked with back pain lasting longer."
            ),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "Confidence comes back through doing, in small steps. Each time you do something you were wary of and find your back copes, the next time tends to feel a little easier."
            ),
            "",
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            gettext_noop("A few ways to build it:"),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(
                gettext_noop("Pick one activity you have been avoiding and try a very small version of it.")
            ),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Move in a relaxed way: breathe out, let your shoulders drop.")),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Notice what went well, not only what hurt.")),
            # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
            bullet(gettext_noop("Remind yourself that hurt does not mean harm.")),
            "",
            gettext_noop(
                # Translators: CLINICAL: a line of a one-minute lesson about back pain; keep {placeholders} as they are.
                "If fear of moving is holding you back a lot, a physiotherapist can help you work through it, step by step. The guideline suggests programmes that combine exercise with this kind of help."
            ),
        ),
    },
]

# The fields a correction may change, and whose value is compared with what was shipped before.
FIELDS = ("title", "body", "source", "order")


def fingerprint(value):
    """What a correction migration keeps of a shipped value: the value for `order`, a text's sha256."""
    if isinstance(value, int):
        return value
    return hashlib.sha256(value.encode()).hexdigest()


def shipped():
    """{slug: {field: value}} of LESSONS, `order` being the lesson's place in the list."""
    return {
        lesson["slug"]: {"order": order, **{field: lesson[field] for field in FIELDS if field != "order"}}
        for order, lesson in enumerate(LESSONS, start=1)
    }


def load_lessons(Lesson):  # noqa: N803 - a historical model from a migration
    """Add every lesson whose slug is missing; never change one that exists (an edit stays).

    Returns the number added. Running it twice adds nothing the second time.
    """
    existing = set(Lesson.objects.values_list("slug", flat=True))
    missing = [Lesson(slug=slug, **fields) for slug, fields in shipped().items() if slug not in existing]
    Lesson.objects.bulk_create(missing)
    return len(missing)


def update_shipped_lessons(Lesson, before):  # noqa: N803 - a historical model from a migration
    """Bring shipped lessons up to LESSONS where nobody edited them: the correction of a release.

    `before` is {slug: {field: fingerprint}}: what an earlier release shipped for the fields this
    correction changes (`fingerprint`). A field of a row is set to LESSONS' value only while it
    still holds exactly that earlier value; a field edited in the admin, and every field not named,
    stays as it is. A saved row moves its `updated_at`, so every process rebuilds its lessons
    snapshot (learn/catalog.py). Returns the slugs of the rows changed.
    """
    now = shipped()
    changed = []
    for lesson in Lesson.objects.filter(slug__in=[slug for slug in before if slug in now]):
        fields = [
            field
            for field, old in before[lesson.slug].items()
            if fingerprint(getattr(lesson, field)) == old
            and getattr(lesson, field) != now[lesson.slug][field]
        ]
        if fields:
            for field in fields:
                setattr(lesson, field, now[lesson.slug][field])
            lesson.updated_at = timezone.now()
            lesson.save(update_fields=[*fields, "updated_at"])
            changed.append(lesson.slug)
    return sorted(changed)
