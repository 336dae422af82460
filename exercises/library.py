"""The exercise library: every movement family and its levels, in our own words.

Facts (movements, order, doses, cautions) come from the source article and widely used
physiotherapy self-management advice. `load_library` writes it to the database idempotently
(by slug), so the data migration and any later re-run agree.

Each level names its `positions`, its `equipment_tags` (`["none"]` when it needs nothing) and,
when it bends the low back backwards, `"extension": True`: the safety rules read these tags
(exercises/positions.py), never a family or a slug. A level counted in reps also names its
`tempo`: the seconds one rep takes when the guided session counts it by the clock (any hold at the
top of each rep comes on top; docs/content.md, "Tempo").

Text fields hold one step, cue, tip or caution per line. A tip says how to do the exercise
better; a caution says when to stop or not to do it. Nothing here promises a cure or names a
cause: say what to do and what to notice. The rules are in docs/content.md. A content change
ships as a new data migration that calls `load_library` again, so existing databases get it too.
"""

from django.utils.translation import gettext


def gettext_noop(message):
    """Marks a string for the catalogues (makemessages extracts every call by this name) and returns it
    unchanged: the library's words stay English in the database, and the library snapshot translates
    them for the reader (exercises/catalog.py). Defined here so importing needs no settings."""
    return message


def lines(*parts):
    """A text field of one step, cue, tip or caution per line, from its lines (each marked on its own
    line, so a translator gets one sentence at a time and a shared caution is translated once)."""
    return "\n".join(parts)


# What to do when symptoms reach the leg, in the same words wherever an exercise can bring them on:
# every caution line that names leg symptoms ends with these words (tests/exercises/test_library.py).
# They are written out in each line, so that a translator gets whole sentences.
LEG_ADVICE = (
    "answer yes to the numbness or tingling question in today's check-in, "
    "and see a doctor or physiotherapist about it."
)
STENOSIS = gettext_noop(
    # Translators: CLINICAL: a caution for exercises that bend the low back backwards.
    "If you have been told the space around your spinal nerves is narrowed (spinal stenosis), "
    "bending backwards like this may make your symptoms worse: get a clinician's OK before this level."
)
BALL_ON_BOX = gettext_noop(
    # Translators: CLINICAL: a caution for exercises done lying over an exercise ball set on a box.
    "A ball on a box can roll out from under you: wedge it so it cannot move, or lie over a padded bench instead."
)
NOT_ON_A_FLARE_DAY = gettext_noop(
    # Translators: CLINICAL: a caution. "Rough day" and "gentle set" are the names of a button and a choice on Today.
    'Not on a flare-up day: when your pain is much worse than usual, choose "Rough day" on Today '
    "and do the gentle set instead."
)


def not_on_a_flare_day(cautions):
    """Whether a level's cautions (its text, one caution a line) rule it out on a flare-up day: the
    NOT_ON_A_FLARE_DAY line is the data (reminders/content.py reads it), in English as stored or in
    the active language as the library snapshot hands it out."""
    wanted = {NOT_ON_A_FLARE_DAY, gettext(NOT_ON_A_FLARE_DAY)}
    return any(line.strip() in wanted for line in (cautions or "").splitlines())


LIBRARY = [
    {
        "slug": "belly-breathing",
        "name": gettext_noop("Belly breathing"),
        "category": "breathing",
        "starter": True,
        "summary": gettext_noop(
            "Slow, deep breaths lying on your back with your lower legs resting on a chair: notice the breath filling your belly first, then your chest."
        ),
        "levels": [
            {
                "slug": "belly-breathing-feet-up",
                "name": gettext_noop("Belly breathing with feet up"),
                "equipment": gettext_noop("A chair, couch or bed edge to rest your lower legs on"),
                "positions": ["supine"],
                "equipment_tags": ["chair"],
                "steps": lines(
                    gettext_noop(
                        "Lie on your back and rest your calves on a chair or the couch, knees and hips bent."
                    ),
                    gettext_noop("Put one hand on your belly and one on your chest."),
                    gettext_noop(
                        "Breathe in slowly through your nose, filling the belly first, then let the breath rise into your chest."
                    ),
                    gettext_noop(
                        "Breathe out slowly and completely in the reverse order, chest first, then belly."
                    ),
                    gettext_noop("Let your ribs sink down towards the floor as you breathe out."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Fill low first: belly, then chest."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Empty fully, letting the ribs settle."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Keep your shoulders and jaw soft."),
                ),
                "tips": lines(
                    gettext_noop(
                        "With your feet up, your ribs and diaphragm sit in a good position for breathing low."
                    ),
                ),
                "cautions": lines(
                    # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                    gettext_noop("If you feel light-headed, breathe more gently and take a pause."),
                ),
                "sets": (1, 1),
                "reps": (10, 10),
                "tempo": 7,  # a slow breath: in for about 3 s, out for about 4
                "rep_unit": "slow breaths",
                "frequency": gettext_noop("daily"),
            },
        ],
    },
    {
        "slug": "cat-cow",
        "name": gettext_noop("Cat/cow"),
        "category": "mobility",
        "starter": True,
        "summary": gettext_noop(
            "Gentle rounding and arching of the spine on hands and knees, only as far as feels comfortable."
        ),
        "levels": [
            {
                "slug": "cat-cow-gentle",
                "name": gettext_noop("Gentle cat/cow"),
                "equipment": gettext_noop("A mat or carpet"),
                "positions": ["all_fours"],
                "equipment_tags": ["mat"],
                "steps": lines(
                    gettext_noop("Kneel on all fours, hands under your shoulders and knees under your hips."),
                    gettext_noop(
                        "Breathe out and slowly round your back up towards the ceiling, letting your head drop."
                    ),
                    gettext_noop(
                        "Breathe in and slowly let your back dip, lifting your chest and gaze a little."
                    ),
                    gettext_noop("Move only as far as feels comfortable, then go back the other way."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Move slowly, only in the range that does not hurt."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Let your breath lead the movement."),
                ),
                "tips": "",
                "cautions": lines(
                    # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                    gettext_noop("Don't push into pain and don't bounce at the ends of the movement."),
                ),
                "sets": (1, 1),
                "reps": (10, 10),
                "tempo": 6,  # one slow cycle: round for 3 s, dip for 3
                "rep_unit": "slow cycles",
                "frequency": gettext_noop("daily"),
            },
            {
                "slug": "cat-cow-full-range",
                "name": gettext_noop("Full-range cat/cow"),
                "equipment": gettext_noop("A mat or carpet"),
                "positions": ["all_fours"],
                "equipment_tags": ["mat"],
                "steps": lines(
                    gettext_noop("Start on all fours as before."),
                    gettext_noop(
                        "Begin the rounding from your tailbone and let it travel up your back, one section at a time, to your head."
                    ),
                    gettext_noop(
                        "Begin the arch from your tailbone too, rolling it up through your back to your neck."
                    ),
                    gettext_noop("Pause briefly at each end and keep breathing."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Move one segment of your spine at a time."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Smooth and unhurried, like a wave."),
                ),
                "tips": "",
                "cautions": lines(
                    # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                    gettext_noop("Stay out of pain; go back to the gentle version on a sore day."),
                ),
                "sets": (1, 1),
                "reps": (8, 10),
                "tempo": 6,  # one cycle: round for 3 s, arch for 3
                "rep_unit": "cycles",
                "frequency": gettext_noop("daily"),
            },
        ],
    },
    {
        "slug": "rocking",
        "name": gettext_noop("Rocking back"),
        "category": "mobility",
        "starter": True,
        "summary": gettext_noop(
            "Sitting your hips back towards your heels on all fours; you may feel a soft stretch in the hips and low back."
        ),
        "levels": [
            {
                "slug": "rocking-all-fours",
                "name": gettext_noop("Rocking on all fours"),
                "equipment": gettext_noop("A mat or carpet"),
                "positions": ["all_fours"],
                "equipment_tags": ["mat"],
                "steps": lines(
                    gettext_noop("Kneel on all fours, hands under your shoulders and knees under your hips."),
                    gettext_noop("Keep your back in its natural, flat-ish shape."),
                    gettext_noop("Slowly push your hips back towards your heels as far as is comfortable."),
                    gettext_noop("Come forward again to the start."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Hips travel back, the back keeps its shape."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Slow in both directions."),
                ),
                "tips": "",
                "cautions": lines(
                    # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                    gettext_noop("Stop the movement just before it starts to hurt."),
                ),
                "sets": (1, 1),
                "reps": (10, 10),
                "tempo": 5,  # back for 2 s, a moment, forward for 2
                "rep_unit": "slow rocks",
                "frequency": gettext_noop("daily"),
            },
            {
                "slug": "childs-pose-hold",
                "name": gettext_noop("Child's pose hold"),
                "equipment": gettext_noop("A mat; a cushion for the knees if needed"),
                "positions": ["all_fours", "kneeling"],
                "equipment_tags": ["mat"],
                "steps": lines(
                    gettext_noop("From all fours, sit your hips back towards your heels."),
                    gettext_noop(
                        "Let your chest sink towards your thighs and rest your arms forward on the floor."
                    ),
                    gettext_noop("Stay there and breathe slowly."),
                    gettext_noop("Walk your hands back and come up slowly."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Breathe into your lower back and feel it widen."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Let your arms and shoulders go heavy."),
                ),
                "tips": lines(
                    gettext_noop(
                        # Translators: CLINICAL: a step or tip that speaks of pain or symptoms.
                        "If your knees are sore, put a cushion under them or don't sit back as far."
                    ),
                ),
                "cautions": lines(
                    gettext_noop(
                        # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                        "Come out of the hold if it hurts your back rather than gently stretching it."
                    ),
                ),
                "sets": (3, 3),
                "hold": (20, 30),
                "frequency": gettext_noop("daily"),
            },
        ],
    },
    {
        "slug": "supine-marching",
        "name": gettext_noop("Marching to dead bug"),
        "category": "strength",
        "starter": True,
        "summary": gettext_noop(
            "Lying on your back, you practise keeping the low back steady while the legs (and later the arms) move."
        ),
        "levels": [
            {
                "slug": "supine-marching",
                "name": gettext_noop("Marching with feet on the floor"),
                "equipment": gettext_noop("A mat"),
                "positions": ["supine"],
                "equipment_tags": ["mat"],
                "steps": lines(
                    gettext_noop("Lie on your back with your knees bent and feet flat on the floor."),
                    gettext_noop("Let your ribs drop down so your low back presses gently into the floor."),
                    gettext_noop("Slowly lift one knee towards your chest, keeping the ribs down."),
                    gettext_noop("Lower the foot back to the floor and do the other side."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Ribs down, low back gently pressed to the floor."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Lift slowly; the back stays still."),
                ),
                "tips": lines(
                    gettext_noop(
                        "Keep your ribs down and your back still as the leg lifts; lift the knee less high if they move."
                    ),
                ),
                "cautions": lines(
                    gettext_noop(
                        # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                        "Stop if lifting a leg hurts your back; rest and try a smaller lift another day."
                    ),
                ),
                "sets": (2, 2),
                "reps": (6, 6),
                "tempo": 4,  # a side: lift for 2 s, lower for 2
                "per_side": True,
                "frequency": gettext_noop("daily"),
            },
            {
                "slug": "heel-taps",
                "name": gettext_noop("Heel taps from tabletop"),
                "equipment": gettext_noop("A mat"),
                "positions": ["supine"],
                "equipment_tags": ["mat"],
                "steps": lines(
                    gettext_noop(
                        "Lie on your back and lift both legs so your hips and knees are bent at right angles."
                    ),
                    gettext_noop("Keep your ribs down and your back flat on the floor."),
                    gettext_noop("Slowly lower one heel until it touches the floor."),
                    gettext_noop("Bring that leg back up, then lower the other heel."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Back flat, ribs down the whole time."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Lower the heel slowly, as if onto something fragile."),
                ),
                "tips": "",
                "cautions": lines(
                    # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                    gettext_noop("If your back lifts away from the floor, stop and go back to level 1."),
                ),
                "sets": (2, 2),
                "reps": (6, 6),
                "tempo": 4,  # a side: lower for 2 s, back for 2
                "per_side": True,
                "frequency": gettext_noop("daily"),
            },
            {
                "slug": "dead-bug-legs",
                "name": gettext_noop("Dead bug, legs only"),
                "equipment": gettext_noop("A mat"),
                "positions": ["supine"],
                "equipment_tags": ["mat"],
                "steps": lines(
                    gettext_noop(
                        "Lie on your back with hips and knees bent at right angles, arms resting by your sides."
                    ),
                    gettext_noop("Keep your back flat and ribs down."),
                    gettext_noop(
                        "Breathe out as you slowly straighten one leg out long, just above the floor."
                    ),
                    gettext_noop("Bring it back in and switch legs."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Breathe out as the leg reaches away."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Your back does not move at all."),
                ),
                "tips": lines(
                    gettext_noop("Reach only as far as you can keep your back still."),
                ),
                "cautions": lines(
                    gettext_noop(
                        # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                        "If your back lifts off the floor or starts to hurt, make the reach smaller, or stop."
                    ),
                ),
                "sets": (3, 3),
                "reps": (8, 10),
                "tempo": 6,  # a side: reach for 3 s, back for 3
                "per_side": True,
                "frequency": gettext_noop("daily"),
            },
            {
                "slug": "dead-bug",
                "name": gettext_noop("Full dead bug"),
                "equipment": gettext_noop("A mat"),
                "positions": ["supine"],
                "equipment_tags": ["mat"],
                "steps": lines(
                    gettext_noop(
                        "Lie on your back, hips and knees bent at right angles, arms pointing to the ceiling."
                    ),
                    gettext_noop("Keep your back flat and ribs down."),
                    gettext_noop(
                        "Slowly reach one arm overhead and the opposite leg out long at the same time."
                    ),
                    gettext_noop("Bring them back and repeat with the other arm and leg."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Opposite arm and leg, slow and steady."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Keep breathing; the back stays quiet."),
                ),
                "tips": lines(
                    gettext_noop("If your back arches, make the movement smaller."),
                ),
                "cautions": "",
                "sets": (3, 3),
                "reps": (8, 12),
                "tempo": 6,  # a side: reach for 3 s, back for 3
                "per_side": True,
                "frequency": gettext_noop("3–4 days a week"),
                "schedule": ("days_a_week", 3),
            },
        ],
    },
    {
        "slug": "back-extension",
        "name": gettext_noop("Back extension"),
        "category": "mobility",
        "starter": True,
        "summary": gettext_noop(
            "Bending backwards step by step, from resting face down to a full press-up. Move up a level only when the one before is comfortable."
        ),
        "levels": [
            {
                "slug": "lying-face-down",
                "name": gettext_noop("Lying face down"),
                "equipment": gettext_noop("A mat, bed or carpet"),
                "positions": ["prone"],
                "equipment_tags": ["mat"],
                "steps": lines(
                    gettext_noop(
                        "Lie on your front with your arms by your sides and your head turned to one side."
                    ),
                    gettext_noop("Let your whole body go loose and heavy."),
                    gettext_noop("Breathe slowly and stay there."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Relax completely; there is nothing to do but rest."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("This is the starting point when pain allows nothing more."),
                ),
                "tips": "",
                "cautions": lines(
                    gettext_noop(
                        # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                        "If numbness, tingling or pain spreads further down your leg, stop and roll onto your side, answer yes to the numbness or tingling question in today's check-in, and see a doctor or physiotherapist about it."
                    ),
                ),
                "sets": (1, 1),
                "minutes": (1, 2),
                "frequency": gettext_noop("daily"),
            },
            {
                "slug": "prone-on-elbows",
                "name": gettext_noop("Propped on the elbows"),
                "equipment": gettext_noop("A mat, bed or carpet"),
                "positions": ["prone"],
                "equipment_tags": ["mat"],
                "extension": True,
                "steps": lines(
                    gettext_noop("Lie on your front."),
                    gettext_noop(
                        "Bring your elbows under your shoulders and rest on your forearms, lifting your chest."
                    ),
                    gettext_noop("Keep your hips and belly on the floor and your back relaxed."),
                    gettext_noop("Hold, then lower your chest back down."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Forearms under shoulders, hips stay down."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Let your low back sag gently; don't tense it."),
                ),
                "tips": "",
                "cautions": lines(
                    gettext_noop(
                        # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                        "If numbness, tingling or pain spreads further down your leg, stop and go back to level 1, answer yes to the numbness or tingling question in today's check-in, and see a doctor or physiotherapist about it."
                    ),
                    STENOSIS,
                ),
                "sets": (5, 5),
                "hold": (10, 10),
                "frequency": gettext_noop("daily"),
            },
            {
                "slug": "prone-press-up",
                "name": gettext_noop("Full press-up from lying"),
                "equipment": gettext_noop("A mat, bed or carpet"),
                "positions": ["prone"],
                "equipment_tags": ["mat"],
                "extension": True,
                "steps": lines(
                    gettext_noop(
                        "Lie on your front with your hands flat on the floor beside your shoulders."
                    ),
                    gettext_noop(
                        "Push through your hands to lift your chest, straightening your arms as far as is comfortable."
                    ),
                    gettext_noop("Keep your hips and belly on the floor and your back muscles loose."),
                    gettext_noop("Lower slowly back down."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Arms do the work; the back stays relaxed."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Hips stay glued to the floor."),
                ),
                "tips": "",
                "cautions": lines(
                    # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                    gettext_noop("Start this level only once level 2 is comfortable."),
                    gettext_noop(
                        # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                        "If numbness, tingling or pain spreads further down your leg, stop and go back to level 1, answer yes to the numbness or tingling question in today's check-in, and see a doctor or physiotherapist about it."
                    ),
                    STENOSIS,
                ),
                "sets": (1, 1),
                "reps": (5, 5),
                "tempo": 5,  # up for 2 s, a moment, down for 2
                "frequency": gettext_noop("daily"),
            },
        ],
    },
    {
        "slug": "sitting-breaks",
        "name": gettext_noop("Sitting breaks"),
        "category": "habit",
        "starter": True,
        "summary": gettext_noop("Every 30–60 minutes of sitting, stand up and lean back gently a few times."),
        "levels": [
            {
                "slug": "standing-backbend",
                "name": gettext_noop("Stand up and lean back"),
                "equipment": "",
                "positions": ["standing"],
                "equipment_tags": ["none"],
                "extension": True,
                "steps": lines(
                    gettext_noop("Stand up with your feet hip-width apart."),
                    gettext_noop("Put your hands on your lower back, fingers pointing down."),
                    gettext_noop(
                        "Gently lean backwards, letting your hands support you, then come back upright."
                    ),
                    gettext_noop("Sit down again, or better, walk for a minute."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Hands on the low back, lean back gently."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Set a reminder so you don't forget."),
                ),
                "tips": lines(
                    gettext_noop("Take your wallet out of your back pocket before you sit down."),
                ),
                "cautions": lines(
                    # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                    gettext_noop("Lean back only as far as is comfortable, and stop if it hurts."),
                    gettext_noop(
                        # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                        "If numbness, tingling or pain spreads down your leg, stop, answer yes to the numbness or tingling question in today's check-in, and see a doctor or physiotherapist about it."
                    ),
                ),
                "sets": (1, 1),
                "reps": (5, 5),
                "tempo": 4,  # lean back for 2 s, come up for 2
                "rep_unit": "gentle backbends",
                "frequency": gettext_noop("every 30–60 min of sitting"),
                "schedule": ("times_a_day", 5),
                "count_unit": gettext_noop("breaks"),
            },
        ],
    },
    {
        "slug": "walking",
        "name": gettext_noop("Walking"),
        "category": "habit",
        "starter": True,
        "summary": gettext_noop(
            "Short, regular walks that build up slowly to half an hour on most days of the week."
        ),
        "levels": [
            {
                "slug": "daily-walk",
                "name": gettext_noop("A short daily walk"),
                "equipment": gettext_noop("Comfortable shoes"),
                "positions": ["standing"],
                "equipment_tags": ["none"],
                "steps": lines(
                    gettext_noop("Walk at a pace that feels comfortable."),
                    gettext_noop("Let your arms swing naturally."),
                    gettext_noop(
                        # Translators: CLINICAL: a step or tip that speaks of pain or symptoms.
                        "If your back aches more as you go, slow down or shorten the walk rather than stopping altogether."
                    ),
                    gettext_noop(
                        # Translators: CLINICAL: a step or tip that speaks of pain or symptoms.
                        "The exception: if numbness, tingling or pain spreads down your leg, stop (see below)."
                    ),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Comfortable pace, relaxed arms."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("A little on most days rather than a lot once a week."),
                ),
                "tips": "",
                "cautions": lines(
                    gettext_noop(
                        # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                        "Slowing down is not enough if numbness, tingling or pain spreads down your leg: stop walking, answer yes to the numbness or tingling question in today's check-in, and see a doctor or physiotherapist about it."
                    ),
                ),
                "sets": (1, 1),
                "minutes": (10, 10),
                "frequency": gettext_noop("4+ days a week"),
                "schedule": ("days_a_week", 4),
                "count_unit": gettext_noop("walks"),
            },
            {
                "slug": "walk-build-up",
                "name": gettext_noop("Building up the walk"),
                "equipment": gettext_noop("Comfortable shoes"),
                "positions": ["standing"],
                "equipment_tags": ["none"],
                "steps": lines(
                    gettext_noop("Add a few minutes to your walks each week."),
                    gettext_noop(
                        "Pick up the pace until it feels brisk: breathing faster, still able to talk."
                    ),
                    gettext_noop("Keep an eye on how your back feels the next morning."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Brisk, but you can still hold a conversation."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Add 2–5 minutes a week."),
                ),
                "tips": "",
                "cautions": lines(
                    # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                    gettext_noop("Follow the pain rules: if the next morning is clearly worse, cut back."),
                    gettext_noop(
                        # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                        "If numbness, tingling or pain spreads down your leg while you walk, don't push on: stop, answer yes to the numbness or tingling question in today's check-in, and see a doctor or physiotherapist about it."
                    ),
                ),
                "sets": (1, 1),
                "minutes": (15, 25),
                "frequency": gettext_noop("4–5 days a week, adding 2–5 min each week"),
                "schedule": ("days_a_week", 4),
                "count_unit": gettext_noop("walks"),
            },
            {
                "slug": "walk-30",
                "name": gettext_noop("Thirty-minute walks"),
                "equipment": gettext_noop("Comfortable shoes"),
                "positions": ["standing"],
                "equipment_tags": ["none"],
                "steps": lines(
                    gettext_noop("Walk for half an hour at a moderate pace."),
                    gettext_noop("Vary your routes and include gentle slopes if you like."),
                    gettext_noop("Keep it up as a lasting habit."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Moderate pace for the whole 30 minutes."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Make it part of your week."),
                ),
                "tips": "",
                "cautions": lines(
                    gettext_noop(
                        # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                        "If numbness, tingling or pain spreads down your leg while you walk, don't push on: stop, answer yes to the numbness or tingling question in today's check-in, and see a doctor or physiotherapist about it."
                    ),
                ),
                "sets": (1, 1),
                "minutes": (30, 30),
                "frequency": gettext_noop("5 days a week"),
                "schedule": ("days_a_week", 5),
                "count_unit": gettext_noop("walks"),
            },
        ],
    },
    {
        "slug": "bird-dog",
        "name": gettext_noop("Bird-dog"),
        "category": "strength",
        "starter": False,
        "summary": gettext_noop(
            "On hands and knees, reaching a leg (and later the opposite arm) while the back stays still."
        ),
        "levels": [
            {
                "slug": "bird-dog-leg-slide",
                "name": gettext_noop("Leg slide on all fours"),
                "equipment": gettext_noop("A mat"),
                "positions": ["all_fours"],
                "equipment_tags": ["mat"],
                "steps": lines(
                    gettext_noop("Kneel on all fours, hands under shoulders, knees under hips."),
                    gettext_noop("Slide one foot straight back along the floor until the leg is long."),
                    gettext_noop("Slide it back in and switch legs."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Hips stay level, as if balancing a cup on your back."),
                ),
                "tips": "",
                "cautions": "",
                "sets": (2, 2),
                "reps": (8, 8),
                "tempo": 6,  # a side: slide out for 3 s, back for 3
                "per_side": True,
                "frequency": gettext_noop("daily"),
            },
            {
                "slug": "bird-dog-half",
                "name": gettext_noop("Arm and leg to half height"),
                "equipment": gettext_noop("A mat"),
                "positions": ["all_fours"],
                "equipment_tags": ["mat"],
                "steps": lines(
                    gettext_noop("Start on all fours."),
                    gettext_noop(
                        "Reach one arm forward and the opposite leg back, lifting them only halfway up."
                    ),
                    gettext_noop("Hold, then bring them back down and switch sides."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Reach long, not high."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Keep your hips square to the floor."),
                ),
                "tips": "",
                "cautions": "",
                "sets": (5, 5),
                "hold": (5, 5),
                "per_side": True,
                "frequency": gettext_noop("daily"),
            },
            {
                "slug": "bird-dog",
                "name": gettext_noop("Full bird-dog"),
                "equipment": gettext_noop("A mat"),
                "positions": ["all_fours"],
                "equipment_tags": ["mat"],
                "steps": lines(
                    gettext_noop("Start on all fours."),
                    gettext_noop(
                        "Reach one arm forward and the opposite leg back until both are level with your body."
                    ),
                    gettext_noop("Hold, then lower and switch sides."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Push the heel back as if pressing a wall behind you."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Back flat; nothing wobbles."),
                ),
                "tips": lines(
                    gettext_noop(
                        "If your low back sags or arches as the leg lifts, lift the leg a little lower."
                    ),
                ),
                "cautions": lines(
                    # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                    gettext_noop("Don't let your back arch to lift the leg higher; stop if it hurts."),
                ),
                "sets": (5, 10),
                "hold": (8, 10),
                "per_side": True,
                "frequency": gettext_noop("daily"),
            },
        ],
    },
    {
        "slug": "glute-bridge",
        "name": gettext_noop("Glute bridge"),
        "category": "strength",
        "starter": False,
        "summary": gettext_noop(
            "Lifting your hips from lying on your back, with the work felt in your buttocks rather than your back."
        ),
        "levels": [
            {
                "slug": "glute-bridge",
                "name": gettext_noop("Two-leg bridge"),
                "equipment": gettext_noop("A mat"),
                "positions": ["supine"],
                "equipment_tags": ["mat"],
                "steps": lines(
                    gettext_noop("Lie on your back, knees bent and feet flat, hip-width apart."),
                    gettext_noop(
                        "Squeeze your buttocks and lift your hips until your body is in a line from shoulders to knees."
                    ),
                    gettext_noop("Hold at the top, then lower slowly."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Lift with your buttocks, not your back."),
                ),
                "tips": lines(
                    gettext_noop("Stop rising once shoulders, hips and knees are in a line."),
                ),
                "cautions": lines(
                    gettext_noop(
                        # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                        "Don't arch your back to push the hips higher at the top; stop if your back hurts."
                    ),
                ),
                "sets": (3, 3),
                "reps": (12, 15),
                "tempo": 5,  # up for 2 s, down for 2, the hold at the top on top
                "rep_hold": (3, 3),
                "frequency": gettext_noop("daily"),
            },
            {
                "slug": "bridge-march",
                "name": gettext_noop("Bridge with march"),
                "equipment": gettext_noop("A mat"),
                "positions": ["supine"],
                "equipment_tags": ["mat"],
                "steps": lines(
                    gettext_noop("Lift into a two-leg bridge."),
                    gettext_noop(
                        "Keeping your hips up, lift one foot a little off the floor, then put it down."
                    ),
                    gettext_noop("Lift the other foot, then lower your hips when the set is done."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Keep your pelvis level, like a tray that mustn't tip."),
                ),
                "tips": "",
                "cautions": "",
                "sets": (3, 3),
                "reps": (8, 8),
                "tempo": 5,  # a side: lift for 2 s, a moment, lower for 2
                "per_side": True,
                "frequency": gettext_noop("daily"),
            },
            {
                "slug": "single-leg-bridge",
                "name": gettext_noop("Single-leg bridge"),
                "equipment": gettext_noop("A mat"),
                "positions": ["supine"],
                "equipment_tags": ["mat"],
                "steps": lines(
                    gettext_noop(
                        "Lie on your back with one foot flat and the other leg straight or hugged in."
                    ),
                    gettext_noop("Press through the foot on the floor to lift your hips."),
                    gettext_noop("Hold at the top, lower slowly, and finish the set before switching legs."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Press through your whole foot, heel included."),
                ),
                "tips": lines(
                    gettext_noop("Every other day is enough for this one: leave a day between sessions."),
                ),
                "cautions": "",
                "sets": (2, 4),
                "reps": (5, 10),
                "tempo": 5,  # up for 2 s, down for 2, the hold at the top on top
                "rep_hold": (3, 5),
                "per_side": True,
                "frequency": gettext_noop("every other day"),
                "schedule": ("every_other_day",),
            },
        ],
    },
    {
        "slug": "piriformis",
        "name": gettext_noop("Piriformis release"),
        "category": "release",
        "starter": False,
        "summary": gettext_noop(
            "Slow rolling and stretching for the deep muscles of the buttock, pausing where it feels tender."
        ),
        "levels": [
            {
                "slug": "piriformis-ball-release",
                "name": gettext_noop("Ball or roller under the buttock"),
                "equipment": gettext_noop("A tennis ball or foam roller"),
                "positions": ["sitting"],
                "equipment_tags": ["roller_or_tennis_ball"],
                "steps": lines(
                    gettext_noop(
                        "Sit on the floor and place a tennis ball or foam roller under one buttock."
                    ),
                    gettext_noop("Lean onto that side and roll slowly back and forth."),
                    gettext_noop(
                        "When you find a tender spot, pause on it and breathe until it eases a little."
                    ),
                    gettext_noop("Switch sides."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Roll slowly; pause where it's tender."),
                ),
                "tips": "",
                "cautions": lines(
                    gettext_noop(
                        # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                        "Numbness or tingling below the knee is not something to roll out: stop, answer yes to the numbness or tingling question in today's check-in, and see a doctor or physiotherapist about it."
                    ),
                ),
                "sets": (1, 1),
                "hold": (30, 60),
                "per_side": True,
                "frequency": gettext_noop("daily"),
            },
            {
                "slug": "figure-4-stretch",
                "name": gettext_noop("Lying figure-4 stretch"),
                "equipment": gettext_noop("A mat"),
                "positions": ["supine"],
                "equipment_tags": ["mat"],
                "steps": lines(
                    gettext_noop("Lie on your back with both knees bent."),
                    gettext_noop("Cross one ankle over the opposite knee."),
                    gettext_noop(
                        "Hold the thigh of the bottom leg and gently draw it towards your chest until you feel a stretch in the buttock."
                    ),
                    gettext_noop("Hold, release, and switch sides."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Draw the thigh in gently; no yanking."),
                ),
                "tips": "",
                "cautions": lines(
                    gettext_noop(
                        # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                        "If you feel tingling in the leg, stop, answer yes to the numbness or tingling question in today's check-in, and see a doctor or physiotherapist about it."
                    ),
                ),
                "sets": (2, 4),
                "hold": (20, 30),
                "per_side": True,
                "frequency": gettext_noop("daily"),
            },
        ],
    },
    {
        "slug": "hip-flexor-stretch",
        "name": gettext_noop("Hip-flexor stretch"),
        "category": "mobility",
        "starter": False,
        "summary": gettext_noop("A kneeling stretch you should feel at the front of the hip."),
        "levels": [
            {
                "slug": "half-kneeling-hip-flexor",
                "name": gettext_noop("Half-kneeling hip-flexor stretch"),
                "equipment": gettext_noop("A cushion under the knee"),
                "positions": ["half_kneeling"],
                "equipment_tags": ["cushion"],
                "steps": lines(
                    gettext_noop("Kneel on one knee with the other foot flat in front of you."),
                    gettext_noop("Tuck your tailbone under and squeeze the buttock of the kneeling leg."),
                    gettext_noop(
                        "Shift your weight gently forward until you feel a stretch at the front of the hip."
                    ),
                    gettext_noop("Hold, then switch sides."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Tuck the pelvis and squeeze the glute before you lean."),
                ),
                "tips": lines(
                    gettext_noop("Put a cushion under the knee on the floor."),
                    gettext_noop(
                        "If you feel it in your low back rather than the front of the hip, lean forward less."
                    ),
                ),
                "cautions": "",
                "sets": (2, 3),
                "hold": (30, 30),
                "per_side": True,
                "frequency": gettext_noop("daily"),
            },
        ],
    },
    {
        "slug": "reverse-hyperextension",
        "name": gettext_noop("Reverse hyperextension"),
        "category": "strength",
        "starter": False,
        "summary": gettext_noop(
            "Lying face down over a ball, you lift your legs behind you with your buttocks and lower them slowly, letting the low back round gently at the bottom."
        ),
        "levels": [
            {
                "slug": "reverse-hyper-ball",
                "name": gettext_noop("Reverse hyper over a ball"),
                "equipment": gettext_noop("An exercise ball on a sturdy box or bench"),
                "positions": ["prone_over_ball"],
                "equipment_tags": ["exercise_ball", "box_or_bench"],
                "steps": lines(
                    gettext_noop(
                        "Lie face down over an exercise ball set on a box, hips on the ball and hands holding the box."
                    ),
                    gettext_noop(
                        "Brace your stomach and squeeze your buttocks to lift both legs until your body is straight and your back flat."
                    ),
                    gettext_noop(
                        "Lower your legs under control and let your low back round gently at the bottom."
                    ),
                    gettext_noop("Start the next lift straight away by squeezing your buttocks."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("The buttocks lift the legs, not the back."),
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Back flat at the top; stomach braced."),
                ),
                "tips": "",
                "cautions": lines(
                    BALL_ON_BOX,
                    # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                    gettext_noop("Never swing or use momentum, and don't let your legs drop."),
                    NOT_ON_A_FLARE_DAY,
                ),
                "sets": (2, 3),
                "reps": (8, 20),
                "tempo": 4,  # lift for 2 s, lower for 2, never swinging
                "frequency": gettext_noop("daily, as a warm-up"),
            },
            {
                "slug": "reverse-hyper-loaded",
                "name": gettext_noop("Reverse hyper with weight"),
                "equipment": gettext_noop("Ball and box, or a reverse-hyper machine; a light weight or band"),
                "positions": ["prone_over_ball"],
                "equipment_tags": ["exercise_ball", "box_or_bench", "weight_or_band"],
                "steps": lines(
                    gettext_noop(
                        "Set up as for the bodyweight version, with a light weight between your feet or a band around them."
                    ),
                    gettext_noop("Squeeze your buttocks to lift your legs until your body is straight."),
                    gettext_noop("Lower under control, letting your low back round at the bottom."),
                    gettext_noop("Begin each new rep with a strong squeeze of the buttocks."),
                ),
                "cues": lines(
                    # Translators: CLINICAL: a cue, read while doing the exercise.
                    gettext_noop("Same as level 1: glutes lift, back flat, no swinging."),
                ),
                "tips": lines(
                    gettext_noop("Best at the end of a lower-body workout."),
                    gettext_noop("A reverse-hyper machine works as well as the ball and box."),
                ),
                "cautions": lines(
                    # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                    gettext_noop("Start this level only once level 1 is easy."),
                    BALL_ON_BOX,
                    # Translators: CLINICAL: a caution: when to stop, or not to do the exercise.
                    gettext_noop("Never swing or use momentum, and don't let your legs drop."),
                    NOT_ON_A_FLARE_DAY,
                ),
                "sets": (2, 3),
                "reps": (8, 20),
                "tempo": 4,  # lift for 2 s, lower for 2, never swinging
                "frequency": gettext_noop("at the end of lower-body workouts, about 2 days a week"),
                "schedule": ("days_a_week", 2),
            },
        ],
    },
]


def _dose_fields(level):
    def pair(key):
        return level.get(key, (None, None))

    sets = pair("sets")
    reps = pair("reps")
    hold = pair("hold")
    minutes = pair("minutes")
    rep_hold = pair("rep_hold")
    return {
        "sets_min": sets[0],
        "sets_max": sets[1],
        "reps_min": reps[0],
        "reps_max": reps[1],
        "rep_hold_seconds_min": rep_hold[0],
        "rep_hold_seconds_max": rep_hold[1],
        "hold_seconds_min": hold[0],
        "hold_seconds_max": hold[1],
        "minutes_min": minutes[0],
        "minutes_max": minutes[1],
        "tempo_seconds": level.get("tempo"),
        "rep_unit": level.get("rep_unit", "reps"),
        "per_side": level.get("per_side", False),
        "frequency": level.get("frequency", ""),
        **_schedule_fields(level),
    }


def _schedule_fields(level):
    """A level's "schedule": absent (daily), ("every_other_day",), ("times_a_day", n) or
    ("days_a_week", n); with the word for one time in "3 of 5 breaks" (`count_unit`)."""
    kind, *target = level.get("schedule", ("daily",))
    return {
        "schedule": kind,
        "times_per_day": target[0] if kind == "times_a_day" else None,
        "days_per_week": target[0] if kind == "days_a_week" else None,
        "count_unit": level.get("count_unit", gettext_noop("sessions")),
    }


def _upsert(model, slug, values):
    """The row with this slug, created or brought up to date; saved only if something differs.

    Saving an unchanged row would move its updated_at, and with it the library's content version.
    Fields the model does not have yet are left out: an early data migration (0002) runs this
    with the model as it was then, before later migrations added fields such as `tips`.
    """
    fields = {field.name for field in model._meta.get_fields()}
    values = {name: value for name, value in values.items() if name in fields}
    row = model.objects.filter(slug=slug).first()
    if row is None:
        return model.objects.create(slug=slug, **values)
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if changed:
        for name in changed:
            setattr(row, name, values[name])
        row.save()
    return row


def load_library(Progression, Exercise):  # noqa: N803 - historical models from a migration
    """Create or update every progression and level by slug. Running it twice changes nothing."""
    for order, family in enumerate(LIBRARY, start=1):
        progression = _upsert(
            Progression,
            family["slug"],
            {
                "name": family["name"],
                "category": family["category"],
                "summary": family["summary"],
                "order": order,
                "starter": family["starter"],
            },
        )
        for number, level in enumerate(family["levels"], start=1):
            _upsert(
                Exercise,
                level["slug"],
                {
                    "progression": progression,
                    "level": number,
                    "name": level["name"],
                    "steps": level["steps"],
                    "cues": level["cues"],
                    "tips": level["tips"],
                    "cautions": level["cautions"],
                    "equipment": level["equipment"],
                    "positions": level["positions"],
                    "equipment_tags": level["equipment_tags"],
                    "extension": level.get("extension", False),
                    **_dose_fields(level),
                },
            )
