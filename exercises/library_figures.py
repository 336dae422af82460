"""Each library level's figure: its keyframes, contacts, props and tempo, keyed by level slug.

Kept beside `exercises/library.py` (the words) rather than inside it: poses are code-shaped data
built with the pose model's helpers (exercises/figures.py), they are not written to the
database, and a level's text can change without touching its drawing. Every slug in LIBRARY has
an entry here (tests/exercises/test_figures.py checks it). How to add one: docs/content.md.

Postures are written once as small functions (lying on the back, all fours, standing...) and each
keyframe is such a posture with a few changes, with the hands and feet put where they rest by
`reach` (two-joint inverse kinematics) and `place`, never as raw coordinates.
"""

import math

from exercises.figures import (
    FOREARM,
    THIGH,
    UPPER_ARM,
    Band,
    Chair,
    Figure,
    Key,
    Pose,
    Rect,
    ball,
    foot,
    place,
    points,
    reach,
    roller,
    solve,
)

TRUNK_DOWN = ("hip", "sacrum", "waist", "shoulder", "head")
BOTH = ("near", "far")


def _cos(degrees):
    return math.cos(math.radians(degrees))


def _sin(degrees):
    return math.sin(math.radians(degrees))


def _each(*parts, sides=BOTH):
    return tuple(f"{side}_{part}" for side in sides for part in parts)


FEET_FLAT = _each("heel", "toe")
ARMS_DOWN = _each("elbow", "hand")


def _flat_feet(pose, sides, heel_x, direction=0):
    """Feet flat on the floor (sole along `direction`), heels at x = heel_x, legs reaching them."""
    for side in sides:
        probe = foot(pose, side, direction)
        body = points(probe)
        ankle_from_heel = (
            body[f"{side}_ankle"][0] - body[f"{side}_heel"][0],
            body[f"{side}_ankle"][1] - body[f"{side}_heel"][1],
        )
        pose = reach(pose, f"{side}_leg", (heel_x + ankle_from_heel[0], 2.5 + ankle_from_heel[1]))
        pose = foot(pose, side, direction)
    return pose


# --- Lying on the back (head to the left) ---------------------------------------------------------


def supine(**angles):
    """On the back, head resting (neck tucked a little), arms long by the sides on the floor."""
    pose = Pose(x=0, y=6, pelvis=180, neck=13.3, near_hip=0, far_hip=0, near_ankle=0, far_ankle=0).but(
        **angles
    )
    return _arms_long(pose)


def _arms_long(pose, sides=BOTH):
    shoulder = points(pose)["shoulder"]
    for side in sides:
        pose = reach(pose, f"{side}_arm", (shoulder[0] + 51.6, 3))
    return pose


def hook_lying(**angles):
    """On the back, knees bent, feet flat on the floor."""
    return _flat_feet(supine(**angles), BOTH, heel_x=62)


def tabletop(pose, sides=BOTH):
    """Hips and knees bent at right angles, shins level, feet relaxed."""
    changes = {}
    for side in sides:
        changes.update({f"{side}_hip": 90, f"{side}_knee": 90, f"{side}_ankle": -20})
    return pose.but(**changes)


def _belly_breathing():
    rest = Pose(x=0, y=6, pelvis=180, neck=13.3, near_hip=88, far_hip=88, near_knee=80, far_knee=80)
    rest = rest.but(near_ankle=-10, far_ankle=-10)
    shoulder = points(rest)["shoulder"]

    def hands(rise):
        # Elbows resting on the floor beside the body, both hands on the belly, lifted by the breath.
        elbow = (shoulder[0] + 26.8, 3)
        pose = rest
        for side, height in (("near", 15 + rise), ("far", 17 + rise)):
            hand = (elbow[0] + (FOREARM**2 - (height - elbow[1]) ** 2) ** 0.5, height)
            pose = reach(pose, f"{side}_arm", hand)
        return pose

    ankle = points(rest)["near_ankle"]
    # The calves on the seat, the heels just past its front edge.
    chair = Chair(x=ankle[0] - 34, width=32, y=ankle[1] - 4 - 4)
    calves = {"floor": TRUNK_DOWN + _each("elbow"), "chair": _each("ankle")}
    return Figure(
        # In through the nose for about 4 s, out slowly for about 6 s.
        keys=(Key(hands(0), calves, hold=1.5, move=4), Key(hands(4), calves, hold=1, move=6)),
        props={"chair": chair},
        rep_seconds=10,
    )


def _marching():
    start = hook_lying()
    near_up = tabletop(start, ("near",)).but(near_ankle=-10)
    far_up = tabletop(start, ("far",)).but(far_ankle=-10)
    down = {"floor": TRUNK_DOWN + ARMS_DOWN + FEET_FLAT}
    return Figure(
        keys=(
            Key(start, down),
            Key(near_up, {"floor": TRUNK_DOWN + ARMS_DOWN + _each("heel", "toe", sides=("far",))}),
            Key(start, down),
            Key(far_up, {"floor": TRUNK_DOWN + ARMS_DOWN + _each("heel", "toe", sides=("near",))}),
        ),
        rep_seconds=6,
    )


def _heel_taps():
    table = tabletop(supine())

    def tap(side):
        # The knee stays bent; the hip opens until the heel just touches the floor.
        return solve(
            lambda hip: table.but(**{f"{side}_hip": hip}),
            lambda p: points(p)[f"{side}_heel"][1] - 2.5,
            10,
            90,
        )

    lying = {"floor": TRUNK_DOWN + ARMS_DOWN}
    return Figure(
        keys=(
            Key(table, lying),
            Key(tap("near"), {"floor": TRUNK_DOWN + ARMS_DOWN + ("near_heel",)}),
            Key(table, lying),
            Key(tap("far"), {"floor": TRUNK_DOWN + ARMS_DOWN + ("far_heel",)}),
        ),
        rep_seconds=6,
    )


def _dead_bug_legs():
    table = tabletop(supine())

    def long(side):
        return table.but(**{f"{side}_hip": 22, f"{side}_knee": 0, f"{side}_ankle": -15})

    lying = {"floor": TRUNK_DOWN + ARMS_DOWN}
    return Figure(
        keys=(Key(table, lying), Key(long("near"), lying), Key(table, lying), Key(long("far"), lying)),
        rep_seconds=6,
    )


def _dead_bug():
    table = tabletop(supine()).but(near_shoulder=90, near_elbow=0, far_shoulder=90, far_elbow=0)

    def reach_out(leg, arm):
        return table.but(**{f"{leg}_hip": 22, f"{leg}_knee": 0, f"{leg}_ankle": -15, f"{arm}_shoulder": 168})

    lying = {"floor": TRUNK_DOWN}
    return Figure(
        keys=(
            Key(table, lying),
            Key(reach_out("near", "far"), lying),
            Key(table, lying),
            Key(reach_out("far", "near"), lying),
        ),
        rep_seconds=7,
    )


def _bridge_top(start, legs=BOTH):
    """Hips lifted until shoulders, hips and knees are in a line; shoulders and feet stay put."""
    body = points(start)
    shoulder, ankles = body["shoulder"], {side: body[f"{side}_ankle"] for side in legs}
    heels = {side: body[f"{side}_heel"][0] for side in legs}

    def lifted(angle):
        # The trunk straight from the shoulders up to the hips at `angle`, the thigh in line.
        pose = start.but(pelvis=180 + angle, lumbar=0, thoracic=0, neck=13.3 + angle)
        pose = place(pose, "shoulder", shoulder)
        for side in legs:
            pose = reach(pose, f"{side}_leg", ankles[side])
            pose = _flat_feet(pose, (side,), heels[side])
        return pose

    def knee_off_line(pose):
        found = points(pose)
        hip, knee = found["hip"], found[f"{legs[0]}_knee"]
        thigh = (knee[0] - hip[0], knee[1] - hip[1])
        trunk = (hip[0] - shoulder[0], hip[1] - shoulder[1])
        return trunk[0] * thigh[1] - trunk[1] * thigh[0]

    return _arms_long(solve(lifted, knee_off_line, 5, 40))


def _glute_bridge():
    start = hook_lying()
    top = _bridge_top(start)
    return Figure(
        keys=(
            Key(start, {"floor": TRUNK_DOWN + ARMS_DOWN + FEET_FLAT}),
            Key(top, {"floor": ("shoulder", "head") + ARMS_DOWN + FEET_FLAT}, hold=3),  # 3 s each rep
        ),
        rep_seconds=3,
    )


def _bridge_march():
    top = _bridge_top(hook_lying())
    shoulders = ("shoulder", "head") + ARMS_DOWN

    def lift(side):
        # Hips stay up while one foot comes a little off the floor.
        return top.but(
            **{
                f"{side}_hip": getattr(top, f"{side}_hip") + 30,
                f"{side}_ankle": getattr(top, f"{side}_ankle") - 15,
            }
        )

    return Figure(
        keys=(
            Key(top, {"floor": shoulders + FEET_FLAT}),
            Key(lift("near"), {"floor": shoulders + _each("heel", "toe", sides=("far",))}),
            Key(top, {"floor": shoulders + FEET_FLAT}),
            Key(lift("far"), {"floor": shoulders + _each("heel", "toe", sides=("near",))}),
        ),
        rep_seconds=5,
    )


def _single_leg_bridge():
    start = _flat_feet(supine(), ("near",), heel_x=62)
    start = start.but(far_hip=start.near_hip, far_knee=0, far_ankle=-10)
    top = _bridge_top(start, ("near",))
    top = top.but(far_hip=0, far_knee=0, far_ankle=-10)
    return Figure(
        keys=(
            Key(start, {"floor": TRUNK_DOWN + ARMS_DOWN + _each("heel", "toe", sides=("near",))}),
            Key(
                top,
                {"floor": ("shoulder", "head") + ARMS_DOWN + _each("heel", "toe", sides=("near",))},
                hold=3,
            ),
        ),
        rep_seconds=3,
    )


def _figure_four():
    start = _flat_feet(supine(), ("far",), heel_x=44)

    def crossed(pose):
        # The near ankle rests just above the far (bottom) knee. That leg is turned out, so seen
        # from the side its knee points away from the head: the other of reach's two solutions.
        knee = points(pose)["far_knee"]
        pose = reach(pose, "near_leg", (knee[0] + 2, knee[1] + 8), flip=True)
        return pose.but(near_ankle=-5)

    drawn = start.but(far_hip=start.far_hip + 40, far_ankle=-10)
    body = points(drawn)
    thigh = ((body["hip"][0] + body["far_knee"][0]) / 2, (body["hip"][1] + body["far_knee"][1]) / 2 + 6)
    drawn = reach(reach(drawn, "near_arm", thigh), "far_arm", thigh)
    return Figure(
        keys=(
            Key(crossed(start), {"floor": TRUNK_DOWN + ARMS_DOWN + _each("heel", "toe", sides=("far",))}),
            Key(crossed(drawn), {"floor": TRUNK_DOWN}, hold=2.5),
        ),
        rep_seconds=4,
    )


# --- On hands and knees (head to the right) -------------------------------------------------------

KNEE = (0, 4)  # the knees' place on the floor
ANKLE = (-40, 4)  # the shins lie along the floor behind them
ALL_FOURS = _each("hand", "knee", "ankle", "toe")


def _toes_down(pose, sides=BOTH):
    """Each foot pointed just enough for the toes to rest on the floor."""
    for side in sides:
        pose = solve(
            lambda a, side=side, pose=pose: pose.but(**{f"{side}_ankle": a}),
            lambda p, side=side: points(p)[f"{side}_toe"][1] - 2.5,
            -100,
            -10,
        )
    return pose


def _kneel(pose, sweep):
    """The hips on the thighs' arc around the knees: sweep 0 straight above them, 90 back at the heels'
    side. The shins stay on the floor."""
    thigh = 90 + sweep
    pose = pose.but(x=KNEE[0] + THIGH * _cos(thigh), y=KNEE[1] + THIGH * _sin(thigh))
    for side in BOTH:
        pose = reach(pose, f"{side}_leg", ANKLE)
    return _toes_down(pose)


def _hands_on(pose, hands_x, arm=51):
    """The trunk tipped (pelvis turned) until the shoulders are `arm` from the hands at hands_x."""

    def tipped(tilt):
        return reach(reach(pose.but(pelvis=tilt), "near_arm", (hands_x, 3)), "far_arm", (hands_x, 3))

    def gap(p):
        found = points(p)
        return ((found["shoulder"][0] - hands_x) ** 2 + (found["shoulder"][1] - 3) ** 2) ** 0.5 - arm

    # Between nose-down and shoulders well above the hips, where the arms are (almost) straight.
    found = solve(tipped, gap, -20, 35)
    return _kneel_again(found)


def _kneel_again(pose):
    for side in BOTH:
        pose = reach(pose, f"{side}_leg", ANKLE)
    return _toes_down(pose)


def all_fours(**angles):
    """Hips over the knees, hands under the shoulders, arms all but straight."""
    pose = _kneel(Pose(pelvis=0, neck=-12).but(**angles), 0)
    shoulder_x = points(pose)["shoulder"][0]
    return _hands_on(pose, shoulder_x + 2)


def _cat_cow(scale, pause):
    base = all_fours()
    hands_x = points(base)["near_hand"][0]

    def shaped(lumbar, thoracic, neck):
        return _hands_on(
            base.but(lumbar=lumbar * scale, thoracic=thoracic * scale, neck=neck * scale), hands_x
        )

    cat = shaped(24, 26, 36)
    cow = shaped(-25, -12, -40)
    floor = {"floor": ALL_FOURS}
    return Figure(
        keys=(Key(base, floor), Key(cat, floor, hold=pause), Key(base, floor), Key(cow, floor, hold=pause)),
        rep_seconds=7,
        still=(1, 3),
    )


def _rocking():
    start = all_fours()
    hands_x = points(start)["near_hand"][0]
    back = _hands_on(_kneel(start, 45), hands_x)
    floor = {"floor": ALL_FOURS}
    return Figure(keys=(Key(start, floor), Key(back, floor)), rep_seconds=4)


def _childs_pose():
    start = all_fours()
    # Sitting back on the heels, the back rounded over the thighs, forehead and arms on the floor.
    seated = _kneel(start.but(pelvis=10, lumbar=15, thoracic=15), 70)
    seated = solve(lambda neck: seated.but(neck=neck), lambda p: points(p)["head"][1] - 9, -60, 60)
    shoulder = points(seated)["shoulder"]
    hands = (shoulder[0] + (51.9**2 - (shoulder[1] - 3) ** 2) ** 0.5, 3)
    seated = reach(reach(seated, "near_arm", hands), "far_arm", hands)
    return Figure(
        keys=(
            Key(start, {"floor": ALL_FOURS}),
            Key(seated, {"floor": ALL_FOURS + ("head",)}, hold=3),
        ),
        rep_seconds=5,
    )


def _reach_out(start, leg, arm, height):
    """`leg` straight back and `arm` straight forward, `height` 1 level with the back, 0.5 half way."""
    drop = 35 * (1 - height)  # degrees below level
    upper = start.pelvis - start.lumbar - start.thoracic  # the upper back's direction
    # The thigh's direction is pelvis + 180 + hip (180 + drop: back and down); the arm's is
    # upper back + 180 + shoulder (-drop: forward and down).
    pose = start.but(**{f"{leg}_hip": drop - start.pelvis, f"{leg}_knee": 0, f"{leg}_ankle": -45})
    return pose.but(**{f"{arm}_shoulder": 180 - upper - drop, f"{arm}_elbow": 0})


def _bird_dog(height, both_sides):
    start = all_fours()

    def stays(leg, arm):
        other = {"near": "far", "far": "near"}
        return _each("knee", "ankle", "toe", sides=(other[leg],)) + (f"{other[arm]}_hand",)

    floor = {"floor": ALL_FOURS}
    keys = [
        Key(start, floor),
        Key(_reach_out(start, "near", "far", height), {"floor": stays("near", "far")}, hold=2.5),
    ]
    if both_sides:
        keys += [
            Key(start, floor),
            Key(_reach_out(start, "far", "near", height), {"floor": stays("far", "near")}, hold=2.5),
        ]
    return Figure(keys=tuple(keys), rep_seconds=1.5 * len(keys), still=(0, 1))


def _leg_slide():
    start = all_fours()

    def slid(drop):
        # The near leg long and straight behind, sloping down to the toes on the floor.
        return start.but(near_hip=drop - start.pelvis, near_knee=0, near_ankle=-10)

    long = solve(slid, lambda p: points(p)["near_toe"][1] - 2.5, 5, 50)
    floor = {"floor": ALL_FOURS}
    return Figure(
        keys=(
            Key(start, floor),
            Key(
                long, {"floor": _each("hand") + _each("knee", "ankle", "toe", sides=("far",)) + ("near_toe",)}
            ),
        ),
        rep_seconds=4,
    )


# --- Lying face down (head to the right) ----------------------------------------------------------

PRONE_LEGS = _each("knee", "ankle", "toe")


def prone(**angles):
    """On the front, legs long with the tops of the feet down, arms long by the sides, head resting."""
    pose = PRONE_LEGS_POSE.but(**angles)
    shoulder = points(pose)["shoulder"]
    hands = (shoulder[0] - 51.9, 3)
    return reach(reach(pose, "near_arm", hands), "far_arm", hands)


# The legs do not change with the trunk's angles: their pointed feet are worked out once.
PRONE_LEGS_POSE = _toes_down(
    Pose(x=0, y=6, pelvis=0, neck=-13.3, near_hip=2.7, far_hip=2.7, near_knee=2.7, far_knee=2.7)
)


def _lying_face_down():
    out = prone()
    shoulder = points(out)["shoulder"]

    def breath(amount):
        # Breathing in, the back rises a little between the hips and the shoulders.
        pose = out.but(lumbar=-amount)
        return solve(lambda t: pose.but(thoracic=t), lambda p: points(p)["shoulder"][1] - shoulder[1], 0, 40)

    inhale = breath(9)
    inhale = solve(lambda n: inhale.but(neck=n), lambda p: points(p)["head"][1] - 9, -40, 20)
    hands = points(out)["near_hand"]
    inhale = reach(reach(inhale, "near_arm", hands), "far_arm", hands)
    resting = ("hip", "sacrum", "shoulder", "head") + _each("hand") + PRONE_LEGS
    return Figure(
        keys=(
            Key(out, {"floor": resting + ("waist",)}, hold=1.5, move=2),
            Key(inhale, {"floor": resting}, hold=1, move=3),
        ),
        rep_seconds=5,
    )


def _propped(height, hands=None, elbows_under=True):
    """Hips and belly down, the back arched until the shoulders are `height` above the floor; the
    forearms flat ahead (elbows under the shoulders), or the hands at `hands`."""

    def arched(amount):
        return prone(lumbar=-amount, thoracic=-amount * 0.5, neck=-13.3 + amount * 0.8)

    pose = arched(0) if height <= 6 else solve(arched, lambda p: points(p)["shoulder"][1] - height, 0, 70)
    shoulder = points(pose)["shoulder"]
    if hands is None:
        run = max(UPPER_ARM**2 - (shoulder[1] - 3) ** 2, 0) ** 0.5  # the elbow's distance ahead
        hands = (shoulder[0] + run + FOREARM, 3)
    return reach(reach(pose, "near_arm", hands), "far_arm", hands)


def _prone_on_elbows():
    # From lying with the forearms flat ahead, the chest rises onto the elbows, which end under the shoulders.
    start, middle, up = _propped(6), _propped(20), _propped(3 + UPPER_ARM)
    legs = PRONE_LEGS
    return Figure(
        keys=(
            Key(start, {"floor": TRUNK_DOWN + _each("elbow", "hand") + legs}, move=0.5),
            Key(middle, {"floor": ("hip", "sacrum") + _each("elbow", "hand") + legs}, move=0.5),
            Key(up, {"floor": ("hip", "sacrum") + _each("elbow", "hand") + legs}, hold=2.5, move=1),
        ),
        rep_seconds=4,
        still=(0, 2),
    )


def _press_up():
    flat = prone()
    shoulder = points(flat)["shoulder"]
    hands = (shoulder[0] - 5, 3)  # flat on the floor beside the shoulders
    start = reach(reach(flat, "near_arm", hands), "far_arm", hands)

    def gap(pose):
        found = points(pose)
        return ((found["shoulder"][0] - hands[0]) ** 2 + (found["shoulder"][1] - 3) ** 2) ** 0.5 - 45

    up = solve(lambda h: _propped(h, hands), gap, 10, 50)
    return Figure(
        keys=(
            Key(start, {"floor": TRUNK_DOWN + _each("hand") + PRONE_LEGS}),
            Key(up, {"floor": ("hip", "sacrum") + _each("hand") + PRONE_LEGS}, hold=1),
        ),
        rep_seconds=4,
    )


# --- Standing and walking (facing right) ----------------------------------------------------------


def standing(**angles):
    return Pose(x=0, y=90, pelvis=90, neck=0, near_shoulder=4, far_shoulder=4, near_elbow=8, far_elbow=8).but(
        **angles
    )


def _backbend():
    stand = standing()

    def hands_on_back(pose):
        body = points(pose)
        waist, sacrum = body["waist"], body["sacrum"]
        # Just behind the lower back, between the waist and the base of the spine.
        target = ((waist[0] + sacrum[0]) / 2 - 8, (waist[1] + sacrum[1]) / 2)
        for side in BOTH:
            pose = reach(pose, f"{side}_arm", target)
            if getattr(pose, f"{side}_elbow") < 0:
                pose = pose.but(**{f"{side}_elbow": -getattr(pose, f"{side}_elbow")})
        return pose

    start = hands_on_back(stand)
    lean = standing(x=7, lumbar=-22, thoracic=-6, neck=-16)
    lean = _flat_feet(lean, BOTH, heel_x=-4)
    lean = hands_on_back(lean)
    feet = {"floor": FEET_FLAT}
    return Figure(keys=(Key(start, feet), Key(lean, feet, hold=1)), rep_seconds=3)


def _walk(stride, seconds):
    """Four moments of a step, walking on the spot (the floor slides back under the feet)."""
    half = stride / 2

    def step(front, back, hip_y, lift_back):
        pose = standing(y=hip_y)
        arm_swing = 18 * stride / 60
        pose = pose.but(**{f"{front}_shoulder": -arm_swing, f"{back}_shoulder": arm_swing + 4})
        pose = pose.but(**{f"{front}_elbow": 10, f"{back}_elbow": 20})
        # Front heel strikes ahead, the back foot pushes off on its toes.
        pose = reach(pose, f"{front}_leg", (half + 2, 8.5))
        pose = foot(pose, front, 12)
        return reach(pose, f"{back}_leg", (-half - 4, 12 + lift_back))

    def passing(stance, swing, hip_y):
        pose = standing(y=hip_y)
        pose = _flat_feet(pose, (stance,), heel_x=-6)
        pose = reach(pose, f"{swing}_leg", (-6, 18)).but(**{f"{swing}_ankle": 0})
        return pose

    def heel_strike(front, back):
        # The hips as high as they go with the front heel just on the floor.
        pose = solve(lambda y: step(front, back, y, 0), lambda p: points(p)[f"{front}_heel"][1] - 2.5, 70, 92)
        return _toe_down(pose, back)

    a = heel_strike("near", "far")
    b = passing("near", "far", 89)
    c = heel_strike("far", "near")
    d = passing("far", "near", 89)
    return Figure(
        keys=(
            Key(a, {"floor": ("near_heel", "far_toe")}),
            Key(b, {"floor": ("near_heel", "near_toe")}),
            Key(c, {"floor": ("far_heel", "near_toe")}),
            Key(d, {"floor": ("far_heel", "far_toe")}),
        ),
        rep_seconds=seconds,
        still=(0, 2),
    )


def _toe_down(pose, side):
    return solve(
        lambda a: pose.but(**{f"{side}_ankle": a}), lambda p: points(p)[f"{side}_toe"][1] - 2.5, -80, 30
    )


# --- Kneeling, sitting, over a ball ---------------------------------------------------------------


def _half_kneeling():
    """The near knee down (the stretch is at the front of that hip), the far foot flat in front."""

    def kneel(forward, tuck):
        # The hip on the near thigh's arc around the knee; the trunk kept upright over a tucked pelvis.
        hip_y = KNEE[1] + (THIGH**2 - forward**2) ** 0.5
        pose = Pose(x=forward, y=hip_y, pelvis=90 + tuck, lumbar=tuck, neck=0)
        pose = pose.but(near_shoulder=4, far_shoulder=4, near_elbow=12, far_elbow=12)
        pose = _toes_down(reach(pose, "near_leg", ANKLE), ("near",))
        return _flat_feet(pose, ("far",), heel_x=38)

    down = {"floor": ("near_knee", "near_ankle", "near_toe", "far_heel", "far_toe")}
    return Figure(keys=(Key(kneel(0, 0), down), Key(kneel(14, 8), down, hold=2.5)), rep_seconds=4)


def _ball_release():
    """Sitting on a foam roller under one buttock, leaning back on the hands, rolling slowly."""
    rolling = roller(0)
    hands = (-36, 3)

    def sit(at):
        # The hip joint on the roller a little in front of or behind its top.
        hip = (rolling.cx + (rolling.r + 6) * _cos(90 - at), rolling.cy + (rolling.r + 6) * _sin(90 - at))
        pose = Pose(x=hip[0], y=hip[1], pelvis=130, lumbar=12, thoracic=6, neck=20)

        def leaning(tilt):
            leant = _flat_feet(pose.but(pelvis=tilt), BOTH, heel_x=52)
            return reach(reach(leant, "near_arm", hands), "far_arm", hands)

        def gap(p):
            shoulder = points(p)["shoulder"]
            return ((shoulder[0] - hands[0]) ** 2 + (shoulder[1] - hands[1]) ** 2) ** 0.5 - 50

        return solve(leaning, gap, 100, 170)

    contacts = {"roller": ("hip",), "floor": FEET_FLAT + _each("hand")}
    return Figure(
        keys=(Key(sit(-32), contacts), Key(sit(32), contacts, hold=1)),
        props={"roller": rolling},
        rep_seconds=4,
    )


def _reverse_hyper(loaded):
    box = Rect(x=0, width=56, height=46)
    exercise_ball = ball(22, 46 + 26, r=26)
    centre, r = (exercise_ball.cx, exercise_ball.cy), exercise_ball.r
    grip = (box.x + box.width + 3, box.height - 2)  # hands holding the box's front edge

    def over(lift):
        # Hips on the back of the ball, the trunk curled over it, the legs hanging (lift 0) or
        # lifted in line with the body (lift 1), the low back rounding a little at the bottom.
        on = 122
        hip = (centre[0] + (r + 6) * _cos(on), centre[1] + (r + 6) * _sin(on))
        pose = Pose(x=hip[0], y=hip[1], pelvis=on - 95, lumbar=24 + 8 * (1 - lift), thoracic=26, neck=-35)
        legs = 250 + (190 - 250) * lift  # the thighs' direction: hanging down to level with the body
        pose = pose.but(near_hip=legs - pose.pelvis - 180, far_hip=legs - pose.pelvis - 180)
        pose = pose.but(near_knee=12 * (1 - lift), far_knee=12 * (1 - lift), near_ankle=-30, far_ankle=-30)

        def gripping(thoracic):
            return reach(reach(pose.but(thoracic=thoracic), "near_arm", grip), "far_arm", grip)

        def gap(p):
            shoulder = points(p)["shoulder"]
            return 51.5 - ((shoulder[0] - grip[0]) ** 2 + (shoulder[1] - grip[1]) ** 2) ** 0.5

        # The upper back curled over the ball just enough for straight arms to hold the box.
        return solve(gripping, gap, 0, 70)

    down, up = over(0), over(1)
    props = {"ball": exercise_ball, "box": box}
    contacts = {"ball": ("hip", "sacrum"), "box": _each("hand")}
    if loaded:
        props["band"] = Band(anchor=(-36, 0), to=_each("ankle"))
        contacts = {**contacts, "band": _each("ankle")}
    # At the bottom the belly rests on the ball too.
    bottom = {**contacts, "ball": ("hip", "sacrum", "waist")}
    return Figure(keys=(Key(down, bottom), Key(up, contacts, hold=0.5)), props=props, rep_seconds=3)


FIGURES = {
    "belly-breathing-feet-up": _belly_breathing(),
    "cat-cow-gentle": _cat_cow(0.6, 0.5),
    "cat-cow-full-range": _cat_cow(1.0, 1.0),
    "rocking-all-fours": _rocking(),
    "childs-pose-hold": _childs_pose(),
    "supine-marching": _marching(),
    "heel-taps": _heel_taps(),
    "dead-bug-legs": _dead_bug_legs(),
    "dead-bug": _dead_bug(),
    "lying-face-down": _lying_face_down(),
    "prone-on-elbows": _prone_on_elbows(),
    "prone-press-up": _press_up(),
    "standing-backbend": _backbend(),
    "daily-walk": _walk(50, 1.2),
    "walk-build-up": _walk(62, 1.05),
    "walk-30": _walk(56, 1.1),
    "bird-dog-leg-slide": _leg_slide(),
    "bird-dog-half": _bird_dog(0.5, both_sides=False),
    "bird-dog": _bird_dog(1.0, both_sides=True),
    "glute-bridge": _glute_bridge(),
    "bridge-march": _bridge_march(),
    "single-leg-bridge": _single_leg_bridge(),
    "piriformis-ball-release": _ball_release(),
    "figure-4-stretch": _figure_four(),
    "half-kneeling-hip-flexor": _half_kneeling(),
    "reverse-hyper-ball": _reverse_hyper(loaded=False),
    "reverse-hyper-loaded": _reverse_hyper(loaded=True),
}
