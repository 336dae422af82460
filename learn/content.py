"""The lessons as shipped: a one-minute read each, in our own words, each naming its source.

Loaded by `load_lessons` from a data migration (learn/migrations/0002_lessons.py). The loader adds
a lesson whose slug is missing and never touches one that exists, so an edit made in the admin
stays. A new lesson ships as a new entry here and a new data migration that calls the loader again
(docs/content.md, "Lessons"). The body's format and its care-word placeholders: learn/text.py.

Rules (tests/learn/test_content.py): at least 14 lessons, about 120 to 180 words each, a named
source, no medicine dose, no cure or cause claims, no one country's service names or numbers (the
"when to get help" lesson uses the placeholders).
"""

NICE = "NICE guideline NG59 (2016, updated 2020)"
LANCET = "The Lancet low back pain series (2018)"
NHS = "NHS: Back pain"
COCHRANE_EXERCISE = "Cochrane review: exercise therapy for chronic low back pain (2021)"
COCHRANE_BACK_SCHOOLS = "Cochrane review: back schools for chronic low back pain (2016)"

LESSONS = [
    {
        "slug": "the-usual-course",
        "title": "What usually happens with back pain",
        "source": f"{NICE}; {NHS}",
        "body": """\
Back pain is very common. Most adults have it at some point, and for most people a new bout gets a lot better within a few weeks, often within six.

It does not always go in a straight line. Good days and bad days mix, and it is normal for pain to ease, come back a little, and ease again. Some people have back pain that returns now and then over the years; later bouts usually settle too.

Serious causes are rare. The safety questions you answered at the start are there to spot the few signs that need a doctor soon, and BackCare keeps asking about them.

What tends to help most is simple: keep moving as much as you can, build your activity up gently, and give it time. The next lessons, one a day, cover how. Each one takes about a minute.""",
    },
    {
        "slug": "hurt-is-not-harm",
        "title": "Hurt does not mean harm",
        "source": LANCET,
        "body": """\
When your back hurts, it is natural to think something is damaged. Usually, that is not the case.

Pain is your body's alarm system, and with back pain the alarm often becomes sensitive: it goes off early, at movements that are not doing any damage. A sensitive back is not a broken one. It is a bit like a smoke alarm that sounds when you make toast.

This is why moving can hurt and still be safe. Some discomfort during an exercise or a walk is expected and acceptable, especially at first. A useful guide: discomfort that settles back to your usual by the next morning is fine. Pain that keeps climbing, or is clearly worse the next morning, means do a little less next time, not stop for good.

Over weeks of gentle, regular movement, a sensitive back usually becomes less so. Confidence grows with it.""",
    },
    {
        "slug": "keep-moving",
        "title": "Keep moving: staying active beats bed rest",
        "source": f"{NICE}; {NHS}",
        "body": """\
It used to be common advice to rest in bed with back pain. We now know that staying active works better. People who keep up their normal activities, as much as they can, tend to get better sooner than people who rest.

That does not mean pushing through everything. It means doing what you can, a little more often:
- Short walks, several times a day, rather than one long one.
- Changing position every so often, instead of staying still.
- Carrying on with daily tasks, in smaller pieces if you need to.

A short rest when pain is high is fine. Lying down for a few minutes, or even a day of taking it easy, does no harm. Long stretches of bed rest are what to avoid: your back tends to get stiffer and feel weaker.

Your daily exercises are part of staying active. Walking counts too.""",
    },
    {
        "slug": "what-the-exercises-are-for",
        "title": "What your exercises are for",
        "source": f"{COCHRANE_EXERCISE}; {NICE}",
        "body": """\
Guidelines recommend exercise for people with back pain, and research reviews find it helps many people with pain and with everyday tasks. Interestingly, no one type of exercise clearly beats the others. What matters most is doing something regularly.

Your plan mixes a few kinds:
- Gentle movement, to get your back used to moving again.
- Strength and control, so everyday tasks feel easier.
- Walking and breaks from sitting, which keep you active through the day.

The exercises are not meant to be painless, and they are not a test. Some discomfort is fine, as the lesson on hurt and harm explains. Start where it feels manageable, and let BackCare suggest when to take a step up or back.

Think of them as practice: each session shows your back that moving is safe, and builds a little capacity for the things you want to do. The best exercise is the one you keep doing.""",
    },
    {
        "slug": "when-to-get-help",
        "title": "When to get help",
        "source": f"{NICE}; {NHS}",
        "body": """\
Most back pain is not a sign of anything serious. A few signs are rare but need help quickly. Knowing them means you know when to act.

Call {emergency_words} straight away if you have:
- Numbness or tingling between your legs, around your genitals or bottom.
- New trouble passing urine or controlling your bladder or bowels.
- New numbness, weakness or pain in both legs, or legs giving way.
- Back pain with chest pain, or sudden severe pain between the shoulder blades.

Get advice the same day if you have:
- Back pain with a fever or chills, or weight loss you cannot explain.
- Pain that is constant and worse at night, whatever position you are in.
- Pain since a serious fall or accident, or new back pain after having had cancer.

For these, contact {urgent_words}.

See a doctor or physiotherapist if your pain is no better after four to six weeks, or keeps getting worse.""",
    },
    {
        "slug": "pacing",
        "title": "Pacing: small steps, on good days and bad",
        "source": f"{NICE}; {NHS}",
        "body": """\
A common pattern with back pain is boom and bust. On a good day you do a lot, to catch up. The next day or two your back is worse, so you do very little. Then it repeats.

Pacing breaks that cycle. The idea is to do about the same amount each day, whatever the pain, and to build it up by small, planned steps:
- Find an amount of an activity you can manage even on a fairly bad day.
- Do that amount on good days too, and stop there, even if you could do more.
- Every few days or each week, add a little: a few more minutes, one more repetition.
- Split bigger jobs into chunks, with short breaks in between.

Pacing can feel slow. It is steadier than boom and bust, and steady usually wins. BackCare's dose steps and level suggestions work the same way: small steps, checked against how your back responds.""",
    },
    {
        "slug": "flare-plan",
        "title": "Your flare plan",
        "source": f"{LANCET}; {NHS}",
        "body": """\
A flare is a spell when your back pain is clearly worse than your usual, often for a few days. Flares are common and usually settle. Having a plan ready makes them less frightening.

A simple flare plan:
- Switch to the gentle set. On Today, mark a rough day: just the easy exercises, at your own pace. Your streak is safe.
- Walk little and often. A few minutes at a time, several times a day, keeps you moving without overdoing it.
- Use heat if it helps. A warm bath, a shower or a wrapped heat pack can make moving more comfortable.
- Pace yourself. Keep doing daily tasks in smaller pieces, and rest briefly when you need to, without long bed rest.
- Go back to your usual plan step by step as it settles.

If a flare comes with any of the warning signs in the lesson on when to get help, get help as that lesson says.""",
    },
    {
        "slug": "a-flare-is-not-a-setback",
        "title": "A flare is not a setback",
        "source": LANCET,
        "body": """\
When pain comes back after a good spell, it is easy to feel you are back at the start. A flare rarely takes you back there.

Flares are a normal part of back pain. Many people who improve well still have the odd bad week. A flare usually tells you your back is sensitive right now, perhaps after an unusual task, poor sleep or a stressful time. It rarely means new damage, and it does not undo the strength and confidence you have built.

Look at your History: the trend over weeks matters more than any single day. A flare often shows as a bump on the line rather than a change in its direction.

What helps is to ease off rather than stop: the gentle set, short walks, then back to your plan as the flare settles. If you step a level back for a while, that is pacing, not failing. You can step up again later.""",
    },
    {
        "slug": "sleep-and-stress",
        "title": "Sleep, stress and pain",
        "source": f"{LANCET}; {NICE}",
        "body": """\
Pain is not only about your back. How you sleep, how stressed or low you feel, and how worried you are about the pain all change how much it hurts. This is not \"all in your head\": it is how the nervous system works for everyone.

A poor night can make the next day's pain louder. Worry and tension can keep the alarm system on high alert. And pain can disturb sleep and mood in turn, so they feed each other.

The good news is that the loop works the other way too. Things that may help:
- Keep regular times for going to bed and getting up.
- Find a comfortable position; a pillow between or under your knees suits some people.
- Make time for things you enjoy, and for people you like.
- Try the slow breathing exercise when you feel tense.

If low mood or worry is weighing on you, talk to your doctor. It is a common part of living with pain, and help is available.""",
    },
    {
        "slug": "sitting",
        "title": "Sitting: any position, just not for too long",
        "source": f"{NHS}; {LANCET}",
        "body": """\
There is no single correct way to sit. Upright, leaning back, slouched for a while: all are fine. What tends to bother backs is staying in one position for a long time, whichever one it is.

Your body likes variety. So rather than hunting for the perfect posture, aim to change it often:
- Get up every half hour or so, even for a minute. Stand, stretch, walk to get a drink.
- Shift how you sit now and then: lean back, sit forward, move your feet.
- If a chair makes you sore, try a cushion or a rolled towel behind your lower back and see if it feels better.
- Take your wallet or phone out of your back pocket.

Your sitting breaks in BackCare are there for this: a short reminder to move, several times a day. Your next position is usually the best one.""",
    },
    {
        "slug": "lifting",
        "title": "Lifting: more than one safe way",
        "source": f"{LANCET}; {NICE}",
        "body": """\
Many people were taught to lift only with a straight back and bent knees, and worry that bending forward will harm them. The research does not support that fear.

Lifting with a straight back and lifting with a rounded back are both acceptable. Bending is a normal thing for a back to do. What matters more is that your back is used to the load: a back that regularly lifts, bends and carries becomes good at it.

Some practical points:
- Start with light things and build up gradually over weeks, as with any exercise.
- Keep the load close to your body; it feels lighter there.
- Choose the way that feels comfortable to you. Squatting, bending or a mix are all fine.
- If your back is sensitive today, lift less or split the load, rather than avoiding lifting altogether.

Avoiding bending for a long time tends to make it feel harder, not safer.""",
    },
    {
        "slug": "work",
        "title": "Work and your back",
        "source": f"{NICE}; {NHS}",
        "body": """\
Staying at work, or going back soon, usually helps back pain rather than harming it. Long spells off work tend to make it harder to return, and can affect mood, money and confidence.

You do not need to be pain-free to work. It can help to talk with your employer about changes for a while:
- Shorter or different hours, building back up over a few weeks.
- Lighter tasks for now, or help with heavy ones.
- Breaks to move if you sit a lot, or to sit if you stand a lot.
- Working from home on some days, if your job allows.

If you have been off for a while, plan the return in steps rather than waiting until the pain has gone. A doctor, physiotherapist or occupational health adviser can help you and your employer agree on a plan.

Work is often good for health: it gives routine, company and a sense of purpose.""",
    },
    {
        "slug": "imaging",
        "title": "Do I need a scan?",
        "source": f"{NICE}; {LANCET}",
        "body": """\
It is natural to want a picture of what is going on. For most back pain, though, a scan or an X-ray does not change what helps, so guidelines advise against routine imaging.

One reason is surprising. Scans of people with no back pain at all often show disc bulges, wear and other changes. These are common, become more so with age, and are a normal part of getting older, like grey hair on the inside. Seeing them on a report can cause worry and lead to treatments that do not help.

A scan is useful when a doctor suspects something specific, for example with warning signs, or when an operation or injection is being considered. In those cases your doctor or physiotherapist will suggest one.

If you already have a scan report with worrying words on it, remember that the words often describe normal changes. Ask your clinician what the findings mean for you.""",
    },
    {
        "slug": "medicines",
        "title": "Medicines: what the guidelines say",
        "source": NICE,
        "body": """\
Medicines can make moving easier for a while, but they play a smaller part than staying active. Here is what the NICE guideline says, in short:
- Anti-inflammatory painkillers (such as ibuprofen) can be worth trying for a short time. They are not safe for everyone, for example with some stomach, kidney or heart problems, or with certain other medicines.
- Paracetamol on its own is not recommended for back pain, because studies found it does little for it.
- Opioid painkillers (such as codeine) are not for long-term use for back pain. Their risks grow the longer they are taken.

BackCare never gives medicine amounts. Before you start, stop or change any medicine, ask a pharmacist or your doctor what suits you and how much to take. A pharmacist can also check a medicine against others you take.

Medicines work best as a help to keep moving, not as a replacement for it.""",
    },
    {
        "slug": "dose-and-progress",
        "title": "How your plan grows",
        "source": f"{COCHRANE_EXERCISE}; {NICE}",
        "body": """\
Your plan starts easy on purpose. Your back gets stronger and more confident when the amount of exercise grows gradually, in steps it can adapt to.

BackCare does this in two ways:
- Dose steps: a few more repetitions, or a little longer, at the same exercise.
- Levels: a slightly harder version of the exercise, once the easier one feels comfortable.

Suggestions come from what you log. When sessions go well, with pain during them staying modest and mornings no worse than usual, BackCare suggests a step up. When an exercise hurts more than usual, it suggests a step back. You always decide: you can say not now.

Logging how each exercise felt makes the suggestions fit you better. It only takes a tap.

Progress is rarely a straight line. A few weeks at one level is normal, and stepping back during a flare is part of the plan, not a failure.""",
    },
    {
        "slug": "confidence",
        "title": "Confidence, and the fear of moving",
        "source": f"{LANCET}; {COCHRANE_BACK_SCHOOLS}",
        "body": """\
After a bad bout of back pain, many people start to guard their back: moving stiffly, avoiding bending, holding their breath when they lift. It makes sense, because it feels protective. But over time, avoiding movement tends to keep backs sensitive and makes everyday life smaller.

Confidence comes back through doing, in small steps. Each time you do something you were wary of and find your back copes, your nervous system learns that it is safe.

A few ways to build it:
- Pick one activity you have been avoiding and try a very small version of it.
- Move in a relaxed way: breathe out, let your shoulders drop.
- Notice what went well, not only what hurt.
- Remind yourself that hurt does not mean harm.

If fear of moving is holding you back a lot, a physiotherapist can help you work through it, step by step. Many people find that this is what changes things most.""",
    },
]


def load_lessons(Lesson):  # noqa: N803 - a historical model from a migration
    """Add every lesson whose slug is missing; never change one that exists (an edit stays).

    Returns the number added. Running it twice adds nothing the second time.
    """
    existing = set(Lesson.objects.values_list("slug", flat=True))
    missing = [
        Lesson(
            slug=lesson["slug"],
            order=order,
            title=lesson["title"],
            body=lesson["body"],
            source=lesson["source"],
        )
        for order, lesson in enumerate(LESSONS, start=1)
        if lesson["slug"] not in existing
    ]
    Lesson.objects.bulk_create(missing)
    return len(missing)
