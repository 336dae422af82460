"""The exercise library: every movement family and its levels, in our own words.

Facts (movements, order, doses, cautions) come from the source article and widely used
physiotherapy self-management advice; see the content brief. `load_library` writes it to the
database idempotently (by slug), so the data migration and any later re-run agree.

Text fields hold one step, cue or caution per line. A content change ships as a new data
migration that calls `load_library` again, so existing databases get it too.
"""

LIBRARY = [
    {
        "slug": "belly-breathing",
        "name": "Belly breathing",
        "category": "breathing",
        "starter": True,
        "summary": "Slow, deep breaths lying down with your legs supported. It settles a sore back and "
        "puts your ribs and diaphragm in a good position for everything that follows.",
        "levels": [
            {
                "slug": "belly-breathing-feet-up",
                "name": "Belly breathing with feet up",
                "equipment": "A chair, couch or bed edge to rest your lower legs on",
                "steps": """Lie on your back and rest your calves on a chair or the couch, knees and hips bent.
Put one hand on your belly and one on your chest.
Breathe in slowly through your nose, filling the belly first, then let the breath rise into your chest.
Breathe out slowly and completely in the reverse order, chest first, then belly.
Let your ribs sink down towards the floor as you breathe out.""",
                "cues": """Fill low first: belly, then chest.
Empty fully, letting the ribs settle.
Keep your shoulders and jaw soft.""",
                "cautions": """Having your feet raised helps the ribs and diaphragm sit where they work best.
If you feel light-headed, breathe more gently and take a pause.""",
                "sets": (1, 1),
                "reps": (10, 10),
                "rep_unit": "slow breaths",
                "frequency": "daily",
            },
        ],
    },
    {
        "slug": "cat-cow",
        "name": "Cat/cow",
        "category": "mobility",
        "starter": True,
        "summary": "Gentle rounding and arching of the spine on hands and knees, to ease stiffness without strain.",
        "levels": [
            {
                "slug": "cat-cow-gentle",
                "name": "Gentle cat/cow",
                "equipment": "A mat or carpet",
                "steps": """Kneel on all fours, hands under your shoulders and knees under your hips.
Breathe out and slowly round your back up towards the ceiling, letting your head drop.
Breathe in and slowly let your back dip, lifting your chest and gaze a little.
Move only as far as feels comfortable, then go back the other way.""",
                "cues": """Move slowly, only in the range that does not hurt.
Let your breath lead the movement.""",
                "cautions": """Don't push into pain and don't bounce at the ends of the movement.""",
                "sets": (1, 1),
                "reps": (10, 10),
                "rep_unit": "slow cycles",
                "frequency": "daily",
            },
            {
                "slug": "cat-cow-full-range",
                "name": "Full-range cat/cow",
                "equipment": "A mat or carpet",
                "steps": """Start on all fours as before.
Begin the rounding from your tailbone and let it travel up your back, one section at a time, to your head.
Begin the arch from your tailbone too, rolling it up through your back to your neck.
Pause briefly at each end and keep breathing.""",
                "cues": """Move one segment of your spine at a time.
Smooth and unhurried, like a wave.""",
                "cautions": """Stay out of pain; go back to the gentle version on a sore day.""",
                "sets": (1, 1),
                "reps": (8, 10),
                "rep_unit": "cycles",
                "frequency": "daily",
            },
        ],
    },
    {
        "slug": "rocking",
        "name": "Rocking back",
        "category": "mobility",
        "starter": True,
        "summary": "Sitting your hips back towards your heels on all fours: a soft stretch for the hips and low back.",
        "levels": [
            {
                "slug": "rocking-all-fours",
                "name": "Rocking on all fours",
                "equipment": "A mat or carpet",
                "steps": """Kneel on all fours, hands under your shoulders and knees under your hips.
Keep your back in its natural, flat-ish shape.
Slowly push your hips back towards your heels as far as is comfortable.
Come forward again to the start.""",
                "cues": """Hips travel back, the back keeps its shape.
Slow in both directions.""",
                "cautions": """Stop the movement just before it starts to hurt.""",
                "sets": (1, 1),
                "reps": (10, 10),
                "rep_unit": "slow rocks",
                "frequency": "daily",
            },
            {
                "slug": "childs-pose-hold",
                "name": "Child's pose hold",
                "equipment": "A mat; a cushion for the knees if needed",
                "steps": """From all fours, sit your hips back towards your heels.
Let your chest sink towards your thighs and rest your arms forward on the floor.
Stay there and breathe slowly.
Walk your hands back and come up slowly.""",
                "cues": """Breathe into your lower back and feel it widen.
Let your arms and shoulders go heavy.""",
                "cautions": """If your knees complain, put a cushion under them or don't sit back as far.""",
                "sets": (3, 3),
                "hold": (20, 30),
                "frequency": "daily",
            },
        ],
    },
    {
        "slug": "supine-marching",
        "name": "Marching to dead bug",
        "category": "strength",
        "starter": True,
        "summary": "Lying on your back, you learn to keep the low back steady while the legs (and later the arms) move.",
        "levels": [
            {
                "slug": "supine-marching",
                "name": "Marching with feet on the floor",
                "equipment": "A mat",
                "steps": """Lie on your back with your knees bent and feet flat on the floor.
Let your ribs drop down so your low back presses gently into the floor.
Slowly lift one knee towards your chest, keeping the ribs down.
Lower the foot back to the floor and do the other side.""",
                "cues": """Ribs down, low back gently pressed to the floor.
Lift slowly; the back stays still.""",
                "cautions": """Don't let your ribs pop up or your back arch as the leg lifts.""",
                "sets": (2, 2),
                "reps": (6, 6),
                "per_side": True,
                "frequency": "daily",
            },
            {
                "slug": "heel-taps",
                "name": "Heel taps from tabletop",
                "equipment": "A mat",
                "steps": """Lie on your back and lift both legs so your hips and knees are bent at right angles.
Keep your ribs down and your back flat on the floor.
Slowly lower one heel until it touches the floor.
Bring that leg back up, then lower the other heel.""",
                "cues": """Back flat, ribs down the whole time.
Lower the heel slowly, as if onto something fragile.""",
                "cautions": """If your back lifts away from the floor, stop and go back to level 1.""",
                "sets": (2, 2),
                "reps": (6, 6),
                "per_side": True,
                "frequency": "daily",
            },
            {
                "slug": "dead-bug-legs",
                "name": "Dead bug, legs only",
                "equipment": "A mat",
                "steps": """Lie on your back with hips and knees bent at right angles, arms resting by your sides.
Keep your back flat and ribs down.
Breathe out as you slowly straighten one leg out long, just above the floor.
Bring it back in and switch legs.""",
                "cues": """Breathe out as the leg reaches away.
Your back does not move at all.""",
                "cautions": """Reach only as far as you can keep your back still.""",
                "sets": (3, 3),
                "reps": (8, 10),
                "per_side": True,
                "frequency": "daily",
            },
            {
                "slug": "dead-bug",
                "name": "Full dead bug",
                "equipment": "A mat",
                "steps": """Lie on your back, hips and knees bent at right angles, arms pointing to the ceiling.
Keep your back flat and ribs down.
Slowly reach one arm overhead and the opposite leg out long at the same time.
Bring them back and repeat with the other arm and leg.""",
                "cues": """Opposite arm and leg, slow and steady.
Keep breathing; the back stays quiet.""",
                "cautions": """If your back arches, make the movement smaller.""",
                "sets": (3, 3),
                "reps": (8, 12),
                "per_side": True,
                "frequency": "3–4 days a week",
            },
        ],
    },
    {
        "slug": "back-extension",
        "name": "Back extension",
        "category": "mobility",
        "starter": True,
        "summary": "From lying face down to a full press-up: a step-by-step way to bring back the backward bend "
        "that long hours of sitting take away.",
        "levels": [
            {
                "slug": "lying-face-down",
                "name": "Lying face down",
                "equipment": "A mat, bed or carpet",
                "steps": """Lie on your front with your arms by your sides and your head turned to one side.
Let your whole body go loose and heavy.
Breathe slowly and stay there.""",
                "cues": """Relax completely; there is nothing to do but rest.
This is the starting point when pain allows nothing more.""",
                "cautions": """If tingling or pain spreads further down your leg, stop and roll onto your side.""",
                "sets": (1, 1),
                "minutes": (1, 2),
                "frequency": "daily",
            },
            {
                "slug": "prone-on-elbows",
                "name": "Propped on the elbows",
                "equipment": "A mat, bed or carpet",
                "steps": """Lie on your front.
Bring your elbows under your shoulders and rest on your forearms, lifting your chest.
Keep your hips and belly on the floor and your back relaxed.
Hold, then lower your chest back down.""",
                "cues": """Forearms under shoulders, hips stay down.
Let your low back sag gently; don't tense it.""",
                "cautions": """If tingling or pain spreads further down your leg, stop and go back a level.
If you have spinal stenosis, bending backwards can make symptoms worse: ask your clinician first.""",
                "sets": (5, 5),
                "hold": (10, 10),
                "frequency": "daily",
            },
            {
                "slug": "prone-press-up",
                "name": "Full press-up from lying",
                "equipment": "A mat, bed or carpet",
                "steps": """Lie on your front with your hands flat on the floor beside your shoulders.
Push through your hands to lift your chest, straightening your arms as far as is comfortable.
Keep your hips and belly on the floor and your back muscles loose.
Lower slowly back down.""",
                "cues": """Arms do the work; the back stays relaxed.
Hips stay glued to the floor.""",
                "cautions": """Work up to this level by level; go back if pain spreads further down your leg.
If you have spinal stenosis, bending backwards can make symptoms worse: ask your clinician first.""",
                "sets": (1, 1),
                "reps": (5, 5),
                "frequency": "daily",
            },
        ],
    },
    {
        "slug": "sitting-breaks",
        "name": "Sitting breaks",
        "category": "habit",
        "starter": True,
        "summary": "Long sitting keeps the back bent forward. Standing up regularly to lean back undoes some of it.",
        "levels": [
            {
                "slug": "standing-backbend",
                "name": "Stand up and lean back",
                "equipment": "",
                "steps": """Stand up with your feet hip-width apart.
Put your hands on your lower back, fingers pointing down.
Gently lean backwards, letting your hands support you, then come back upright.
Sit down again, or better, walk for a minute.""",
                "cues": """Hands on the low back, lean back gently.
Set a reminder so you don't forget.""",
                "cautions": """Don't sit on a wallet in your back pocket: it presses on the buttock muscles and can irritate them.""",
                "sets": (1, 1),
                "reps": (5, 5),
                "rep_unit": "gentle backbends",
                "frequency": "every 30–60 min of sitting",
            },
        ],
    },
    {
        "slug": "walking",
        "name": "Walking",
        "category": "habit",
        "starter": True,
        "summary": "Regular walking is one of the best-supported ways to recover from back pain and keep it away.",
        "levels": [
            {
                "slug": "daily-walk",
                "name": "A short daily walk",
                "equipment": "Comfortable shoes",
                "steps": """Walk at a pace that feels comfortable.
Let your arms swing naturally.
If pain builds, slow down or shorten the walk rather than stopping altogether.""",
                "cues": """Comfortable pace, relaxed arms.
A little every day beats a lot once a week.""",
                "cautions": "",
                "sets": (1, 1),
                "minutes": (10, 10),
                "frequency": "4+ days a week",
            },
            {
                "slug": "walk-build-up",
                "name": "Building up the walk",
                "equipment": "Comfortable shoes",
                "steps": """Add a few minutes to your walks each week.
Pick up the pace until it feels brisk: breathing faster, still able to talk.
Keep an eye on how your back feels the next morning.""",
                "cues": """Brisk, but you can still hold a conversation.
Add 2–5 minutes a week.""",
                "cautions": """Follow the pain rules: if tomorrow morning is clearly worse, cut back.""",
                "sets": (1, 1),
                "minutes": (15, 25),
                "frequency": "4–5 days a week, adding 2–5 min each week",
            },
            {
                "slug": "walk-30",
                "name": "Thirty-minute walks",
                "equipment": "Comfortable shoes",
                "steps": """Walk for half an hour at a moderate pace.
Vary your routes and include gentle slopes if you like.
Keep it up as a lasting habit.""",
                "cues": """Moderate pace for the whole 30 minutes.
Make it part of your week.""",
                "cautions": "",
                "sets": (1, 1),
                "minutes": (30, 30),
                "frequency": "5 days a week",
            },
        ],
    },
    {
        "slug": "bird-dog",
        "name": "Bird-dog",
        "category": "strength",
        "starter": False,
        "summary": "On hands and knees, reaching a leg (and later the opposite arm) while the back stays still.",
        "levels": [
            {
                "slug": "bird-dog-leg-slide",
                "name": "Leg slide on all fours",
                "equipment": "A mat",
                "steps": """Kneel on all fours, hands under shoulders, knees under hips.
Slide one foot straight back along the floor until the leg is long.
Slide it back in and switch legs.""",
                "cues": """Hips stay level, as if balancing a cup on your back.""",
                "cautions": "",
                "sets": (2, 2),
                "reps": (8, 8),
                "per_side": True,
                "frequency": "daily",
            },
            {
                "slug": "bird-dog-half",
                "name": "Arm and leg to half height",
                "equipment": "A mat",
                "steps": """Start on all fours.
Reach one arm forward and the opposite leg back, lifting them only halfway up.
Hold, then bring them back down and switch sides.""",
                "cues": """Reach long, not high.
Keep your hips square to the floor.""",
                "cautions": "",
                "sets": (5, 5),
                "hold": (5, 5),
                "per_side": True,
                "frequency": "daily",
            },
            {
                "slug": "bird-dog",
                "name": "Full bird-dog",
                "equipment": "A mat",
                "steps": """Start on all fours.
Reach one arm forward and the opposite leg back until both are level with your body.
Hold, then lower and switch sides.""",
                "cues": """Push the heel back as if pressing a wall behind you.
Back flat; nothing wobbles.""",
                "cautions": """Don't let your low back sag or arch as the leg lifts.""",
                "sets": (5, 10),
                "hold": (8, 10),
                "per_side": True,
                "frequency": "daily",
            },
        ],
    },
    {
        "slug": "glute-bridge",
        "name": "Glute bridge",
        "category": "strength",
        "starter": False,
        "summary": "Lifting the hips from lying on your back: strong buttock muscles take load off the low back.",
        "levels": [
            {
                "slug": "glute-bridge",
                "name": "Two-leg bridge",
                "equipment": "A mat",
                "steps": """Lie on your back, knees bent and feet flat, hip-width apart.
Squeeze your buttocks and lift your hips until your body is in a line from shoulders to knees.
Hold at the top, then lower slowly.""",
                "cues": """Lift with your buttocks, not your back.""",
                "cautions": """Don't push up so high that your back arches at the top.""",
                "sets": (3, 3),
                "reps": (12, 15),
                "rep_hold": (3, 3),
                "frequency": "daily",
            },
            {
                "slug": "bridge-march",
                "name": "Bridge with march",
                "equipment": "A mat",
                "steps": """Lift into a two-leg bridge.
Keeping your hips up, lift one foot a little off the floor, then put it down.
Lift the other foot, then lower your hips when the set is done.""",
                "cues": """Keep your pelvis level, like a tray that mustn't tip.""",
                "cautions": "",
                "sets": (3, 3),
                "reps": (8, 8),
                "per_side": True,
                "frequency": "daily",
            },
            {
                "slug": "single-leg-bridge",
                "name": "Single-leg bridge",
                "equipment": "A mat",
                "steps": """Lie on your back with one foot flat and the other leg straight or hugged in.
Press through the foot on the floor to lift your hips.
Hold at the top, lower slowly, and finish the set before switching legs.""",
                "cues": """Press through your whole foot, heel included.""",
                "cautions": """Do this one every other day to give the muscles time to recover.""",
                "sets": (2, 4),
                "reps": (5, 10),
                "rep_hold": (3, 5),
                "per_side": True,
                "frequency": "every other day",
            },
        ],
    },
    {
        "slug": "piriformis",
        "name": "Piriformis release",
        "category": "release",
        "starter": False,
        "summary": "Easing a tight piriformis, a deep buttock muscle that can send pain down the back of the thigh.",
        "levels": [
            {
                "slug": "piriformis-ball-release",
                "name": "Ball or roller under the buttock",
                "equipment": "A tennis ball or foam roller",
                "steps": """Sit on the floor and place a tennis ball or foam roller under one buttock.
Lean onto that side and roll slowly back and forth.
When you find a tender spot, pause on it and breathe until it eases a little.
Switch sides.""",
                "cues": """Roll slowly; pause where it's tender.""",
                "cautions": """A tight piriformis can cause leg pain that feels like sciatica but stops above the knee.
Numbness or tingling below the knee is different: see a clinician about it.""",
                "sets": (1, 1),
                "hold": (30, 60),
                "per_side": True,
                "frequency": "daily",
            },
            {
                "slug": "figure-4-stretch",
                "name": "Lying figure-4 stretch",
                "equipment": "A mat",
                "steps": """Lie on your back with both knees bent.
Cross one ankle over the opposite knee.
Hold the thigh of the bottom leg and gently draw it towards your chest until you feel a stretch in the buttock.
Hold, release, and switch sides.""",
                "cues": """Draw the thigh in gently; no yanking.""",
                "cautions": """Stop if you feel tingling in the leg.""",
                "sets": (2, 4),
                "hold": (20, 30),
                "per_side": True,
                "frequency": "daily",
            },
        ],
    },
    {
        "slug": "hip-flexor-stretch",
        "name": "Hip-flexor stretch",
        "category": "mobility",
        "starter": False,
        "summary": "Stretching the front of the hip, which gets short from long sitting and tugs on the low back.",
        "levels": [
            {
                "slug": "half-kneeling-hip-flexor",
                "name": "Half-kneeling hip-flexor stretch",
                "equipment": "A cushion under the knee",
                "steps": """Kneel on one knee with the other foot flat in front of you.
Tuck your tailbone under and squeeze the buttock of the kneeling leg.
Shift your weight gently forward until you feel a stretch at the front of the hip.
Hold, then switch sides.""",
                "cues": """Tuck the pelvis and squeeze the glute before you lean.""",
                "cautions": """Put a cushion under the knee on the floor.""",
                "sets": (2, 3),
                "hold": (30, 30),
                "per_side": True,
                "frequency": "daily",
            },
        ],
    },
    {
        "slug": "reverse-hyperextension",
        "name": "Reverse hyperextension",
        "category": "strength",
        "starter": False,
        "summary": "Lifting the legs behind you while lying over a ball: strong glutes and a gentle stretch for the "
        "low back at the bottom of each rep.",
        "levels": [
            {
                "slug": "reverse-hyper-ball",
                "name": "Reverse hyper over a ball",
                "equipment": "An exercise ball on a sturdy box or bench",
                "steps": """Lie face down over an exercise ball set on a box, hips on the ball and hands holding the box.
Brace your stomach and squeeze your buttocks to lift both legs until your body is straight and your back flat.
Lower your legs under control and let your low back round gently at the bottom.
Start the next lift straight away by squeezing your buttocks.""",
                "cues": """The buttocks lift the legs, not the back.
Back flat at the top; stomach braced.""",
                "cautions": """Never swing or use momentum, and don't let your legs drop.
Not for a flare-up day.""",
                "sets": (2, 3),
                "reps": (8, 20),
                "frequency": "daily, as a warm-up",
            },
            {
                "slug": "reverse-hyper-loaded",
                "name": "Reverse hyper with weight",
                "equipment": "Ball and box, or a reverse-hyper machine; a light weight or band",
                "steps": """Set up as for the bodyweight version, with a light weight between your feet or a band around them.
Squeeze your buttocks to lift your legs until your body is straight.
Lower under control, letting your low back round at the bottom.
Begin each new rep with a strong squeeze of the buttocks.""",
                "cues": """Same as level 1: glutes lift, back flat, no swinging.""",
                "cautions": """Only once the bodyweight version is easy, and never on a flare-up day.
Best at the end of a lower-body workout.""",
                "sets": (2, 3),
                "reps": (8, 20),
                "frequency": "at the end of lower-body workouts",
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
        "rep_unit": level.get("rep_unit", "reps"),
        "per_side": level.get("per_side", False),
        "frequency": level.get("frequency", ""),
    }


def _upsert(model, slug, values):
    """The row with this slug, created or brought up to date; saved only if something differs.

    Saving an unchanged row would move its updated_at, and with it the library's content version.
    """
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
                    "cautions": level["cautions"],
                    "equipment": level["equipment"],
                    **_dose_fields(level),
                },
            )
