"""The moving figures: a side-view pose model, its props, and the inline SVG drawn from them.

Pure: no Django models, no queries. A figure is a list of keyframes; a keyframe is a `Pose`
(joint angles in degrees plus where the hip joint sits) and which body points rest on the floor
or on a prop. `points(pose)` is the forward kinematics: it turns a pose into named points, with
every segment at its fixed length. `render(figure, title, size)` builds the SVG with SMIL
animation (no script, no style attribute) and a still pair for `prefers-reduced-motion`.

World coordinates: x to the right, y up, the floor at y = 0, units of about a centimetre. The
figure faces right when standing. Angles: 0° points right, 90° up.

Joint angles (all in degrees, 0 = the neutral standing shape):
  pelvis      absolute direction of the pelvis (hip joint → base of the spine): 90 standing,
              180 lying on the back (head to the left), 0 lying face down (head to the right)
  lumbar      lower back bending forward (rounding) relative to the pelvis; negative arches
  thoracic    upper back bending forward relative to the lower back; negative extends
  neck        head nodding forward relative to the upper back
  *_shoulder  arm raised forward from hanging by the trunk (90 = straight ahead, 180 = overhead)
  *_elbow     elbow bend (0 = straight)
  *_hip       thigh raised forward from in line with the trunk (negative = behind)
  *_knee      knee bend (0 = straight)
  *_ankle     foot pulled up from square to the shin (negative = pointed)
"""

import math
from dataclasses import dataclass, field, replace

# Segment lengths (cm-ish). They never change: forward kinematics is the only way points are made.
PELVIS = 10  # hip joint → base of the spine
LOWER_BACK = 20  # → waist
UPPER_BACK = 26  # → shoulders
NECK = 13  # → centre of the head
UPPER_ARM = 27
FOREARM = 25  # elbow → hand
THIGH = 42
SHIN = 40  # knee → ankle
HEEL = (-4.0, -5.5)  # in the foot's frame: x along the sole towards the toes, y towards the shin
TOE = (14.0, -5.5)

SEGMENTS = {
    ("hip", "sacrum"): PELVIS,
    ("sacrum", "waist"): LOWER_BACK,
    ("waist", "shoulder"): UPPER_BACK,
    ("shoulder", "head"): NECK,
    **{
        pair: length
        for side in ("near", "far")
        for pair, length in (
            (("shoulder", f"{side}_elbow"), UPPER_ARM),
            ((f"{side}_elbow", f"{side}_hand"), FOREARM),
            (("hip", f"{side}_knee"), THIGH),
            ((f"{side}_knee", f"{side}_ankle"), SHIN),
            ((f"{side}_ankle", f"{side}_heel"), math.hypot(*HEEL)),
            ((f"{side}_ankle", f"{side}_toe"), math.hypot(*TOE)),
            ((f"{side}_heel", f"{side}_toe"), TOE[0] - HEEL[0]),
        )
    },
}

# Half the drawn thickness at each point: a point touches a surface when its centre is this far away.
TRUNK_WIDTH, NECK_WIDTH, ARM_WIDTH, LEG_WIDTH, FOOT_WIDTH = 12, 6, 6, 8, 5
HEAD_RADIUS = 9
RADIUS = {
    "hip": TRUNK_WIDTH / 2,
    "sacrum": TRUNK_WIDTH / 2,
    "waist": TRUNK_WIDTH / 2,
    "shoulder": TRUNK_WIDTH / 2,
    "head": HEAD_RADIUS,
    **{f"{side}_{part}": ARM_WIDTH / 2 for side in ("near", "far") for part in ("elbow", "hand")},
    **{f"{side}_{part}": LEG_WIDTH / 2 for side in ("near", "far") for part in ("knee", "ankle")},
    **{f"{side}_{part}": FOOT_WIDTH / 2 for side in ("near", "far") for part in ("heel", "toe")},
}
POINTS = tuple(RADIUS)
TOLERANCE = 1.5  # how close (beyond its thickness) a point must be to count as touching


def _dir(degrees):
    rad = math.radians(degrees)
    return math.cos(rad), math.sin(rad)


def _add(point, degrees, length):
    dx, dy = _dir(degrees)
    return (point[0] + dx * length, point[1] + dy * length)


def _angle(a, b):
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


def _near(value, reference):
    """`value` plus or minus whole turns, as close as possible to `reference`."""
    return value - 360 * round((value - reference) / 360)


@dataclass(frozen=True)
class Pose:
    x: float = 0.0
    y: float = 90.0
    pelvis: float = 90.0
    lumbar: float = 0.0
    thoracic: float = 0.0
    neck: float = 0.0
    near_shoulder: float = 0.0
    near_elbow: float = 0.0
    far_shoulder: float = 0.0
    far_elbow: float = 0.0
    near_hip: float = 0.0
    near_knee: float = 0.0
    near_ankle: float = 0.0
    far_hip: float = 0.0
    far_knee: float = 0.0
    far_ankle: float = 0.0

    def but(self, **changes):
        return replace(self, **changes)

    # Absolute directions of the chain, shared by the kinematics and the helpers below.
    def _trunk(self):
        lower = self.pelvis - self.lumbar
        upper = lower - self.thoracic
        return lower, upper

    def lerp(self, other, t):
        return Pose(
            **{
                name: getattr(self, name) + (getattr(other, name) - getattr(self, name)) * t
                for name in self.__dataclass_fields__
            }
        )


def points(pose):
    """Forward kinematics: every named body point of `pose`."""
    lower, upper = pose._trunk()
    hip = (pose.x, pose.y)
    sacrum = _add(hip, pose.pelvis, PELVIS)
    waist = _add(sacrum, lower, LOWER_BACK)
    shoulder = _add(waist, upper, UPPER_BACK)
    found = {
        "hip": hip,
        "sacrum": sacrum,
        "waist": waist,
        "shoulder": shoulder,
        "head": _add(shoulder, upper - pose.neck, NECK),
    }
    for side in ("near", "far"):
        arm = upper + 180 + getattr(pose, f"{side}_shoulder")
        elbow = _add(shoulder, arm, UPPER_ARM)
        hand = _add(elbow, arm + getattr(pose, f"{side}_elbow"), FOREARM)
        thigh = pose.pelvis + 180 + getattr(pose, f"{side}_hip")
        knee = _add(hip, thigh, THIGH)
        shin = thigh - getattr(pose, f"{side}_knee")
        ankle = _add(knee, shin, SHIN)
        foot = shin + 90 + getattr(pose, f"{side}_ankle")
        found[f"{side}_elbow"] = elbow
        found[f"{side}_hand"] = hand
        found[f"{side}_knee"] = knee
        found[f"{side}_ankle"] = ankle
        found[f"{side}_heel"] = _add(_add(ankle, foot, HEEL[0]), foot + 90, HEEL[1])
        found[f"{side}_toe"] = _add(_add(ankle, foot, TOE[0]), foot + 90, TOE[1])
    return found


# Authoring helpers: keyframes are written as a posture plus a few of these, never as raw points.


def place(pose, point, at):
    """The pose moved (not turned) so that body point `point` lands on `at` = (x, y)."""
    px, py = points(pose)[point]
    return pose.but(x=pose.x + at[0] - px, y=pose.y + at[1] - py)


def reach(pose, limb, target, flip=False):
    """The two angles of a limb (near_arm, far_arm, near_leg, far_leg) set so that its end (the hand,
    or the ankle) is at `target`, bending the elbow or knee the natural way. Out of reach: as far
    as the limb goes, straight. `flip` takes the other of the two solutions: the same bend with the
    elbow or knee on the other side of the line (an arm folded with the elbow pointing up)."""
    side, kind = limb.split("_")
    found = points(pose)
    lower, upper = pose._trunk()
    if kind == "arm":
        root, a, b, base, bend = found["shoulder"], UPPER_ARM, FOREARM, upper + 180, 1
        names = (f"{side}_shoulder", f"{side}_elbow")
    else:
        root, a, b, base, bend = found["hip"], THIGH, SHIN, pose.pelvis + 180, -1
        names = (f"{side}_hip", f"{side}_knee")
    d = min(max(math.dist(root, target), abs(a - b) + 1e-6), a + b - 1e-6)
    alpha = math.degrees(math.acos((a * a + d * d - b * b) / (2 * a * d)))
    gamma = math.degrees(math.acos((a * a + b * b - d * d) / (2 * a * b)))
    if flip:
        alpha = -alpha
    first = _angle(root, target) - bend * alpha
    current = getattr(pose, names[0])
    return pose.but(**{names[0]: _near(first - base, current), names[1]: (180 - gamma) * (-1 if flip else 1)})


def foot(pose, side, direction):
    """The ankle set so that the sole (heel → toe) points at absolute angle `direction`."""
    thigh = pose.pelvis + 180 + getattr(pose, f"{side}_hip")
    shin = thigh - getattr(pose, f"{side}_knee")
    sole = direction - math.degrees(math.atan2(TOE[1] - HEEL[1], TOE[0] - HEEL[0]))
    return pose.but(**{f"{side}_ankle": _near(sole - shin - 90, 0)})


def solve(make, goal, low, high, steps=30):
    """The pose `make(v)` for the v in [low, high] where `goal(pose)` crosses zero (bisection)."""
    f_low = goal(make(low))
    for _ in range(steps):
        middle = (low + high) / 2
        f_middle = goal(make(middle))
        if (f_middle < 0) == (f_low < 0):
            low, f_low = middle, f_middle
        else:
            high = middle
    return make((low + high) / 2)


# Props: simple shapes with a distance from any point to their surface (for the contact tests),
# and what to draw as plain data: (tag, ((attribute, value), ...)) in world coordinates, y up.
PROP_FILL, PROP_LINE = "#dee2e6", "#adb5bd"


@dataclass(frozen=True)
class Floor:
    def distance(self, point):
        return point[1]

    def shapes(self, left, right):
        return [("path", (("d", f"M{_n(left)} 0H{_n(right)}"), ("stroke", PROP_LINE), ("stroke-width", 2)))]

    def bounds(self):
        return None


@dataclass(frozen=True)
class Rect:
    """A box, bench or step: its top is what a body rests on."""

    x: float
    width: float
    height: float
    y: float = 0

    def distance(self, point):
        dx = max(self.x - point[0], 0, point[0] - (self.x + self.width))
        dy = max(self.y - point[1], 0, point[1] - (self.y + self.height))
        if dx == 0 and dy == 0:  # inside: negative, the depth to the nearest side
            return -min(
                point[0] - self.x,
                self.x + self.width - point[0],
                point[1] - self.y,
                self.y + self.height - point[1],
            )
        return math.hypot(dx, dy)

    def shapes(self, left, right):
        return [
            (
                "rect",
                (
                    ("x", _n(self.x)),
                    ("y", _n(-(self.y + self.height))),
                    ("width", _n(self.width)),
                    ("height", _n(self.height)),
                    ("rx", 2),
                    ("fill", PROP_FILL),
                    ("stroke", PROP_LINE),
                    ("stroke-width", 1.5),
                ),
            )
        ]

    def bounds(self):
        return (self.x, self.y, self.x + self.width, self.y + self.height)


@dataclass(frozen=True)
class Chair(Rect):
    """A chair or couch seen from the side: the rect is the seat; legs below it and a back behind."""

    height: float = 4  # the seat's thickness
    y: float = 40  # the underside of the seat
    back: bool = True

    def shapes(self, left, right):
        x0, x1, top = self.x, self.x + self.width, self.y + self.height
        d = f"M{_n(x0 + 2)} 0V{_n(-self.y)}M{_n(x1 - 2)} 0V{_n(-self.y)}"
        if self.back:
            d += f"M{_n(x1 - 2)} {_n(-top)}V{_n(-(top + 40))}"
        return [
            ("path", (("d", d), ("fill", "none"), ("stroke", PROP_LINE), ("stroke-width", 3)))
        ] + super().shapes(left, right)

    def bounds(self):
        return (self.x, 0, self.x + self.width, self.y + self.height + (40 if self.back else 0))


@dataclass(frozen=True)
class Circle:
    """A ball, a foam roller or a tennis ball."""

    cx: float
    cy: float
    r: float
    kind: str = "ball"

    def distance(self, point):
        return math.dist(point, (self.cx, self.cy)) - self.r

    def shapes(self, left, right):
        fill = {"ball": "#cfe2ff", "roller": "#d1e7dd", "tennis": "#dfe86a"}[self.kind]
        centre = (("cx", _n(self.cx)), ("cy", _n(-self.cy)))
        found = [
            (
                "circle",
                (*centre, ("r", _n(self.r)), ("fill", fill), ("stroke", "#8c99a6"), ("stroke-width", 1.5)),
            )
        ]
        if self.kind == "roller":
            found.append(
                ("circle", (*centre, ("r", _n(self.r / 3)), ("fill", "none"), ("stroke", "#8c99a6")))
            )
        return found

    def bounds(self):
        return (self.cx - self.r, self.cy - self.r, self.cx + self.r, self.cy + self.r)


def ball(cx, cy, r=30):
    """An exercise ball (put it on the floor with cy = r, or on a box)."""
    return Circle(cx, cy, r, "ball")


def roller(cx, r=7.5):
    """A foam roller lying across the floor, seen end on."""
    return Circle(cx, r, r, "roller")


def tennis_ball(cx, r=3.3):
    return Circle(cx, r, r, "tennis")


@dataclass(frozen=True)
class Wall:
    x: float
    height: float = 180

    def distance(self, point):
        return abs(point[0] - self.x) if point[1] <= self.height else math.dist(point, (self.x, self.height))

    def shapes(self, left, right):
        d = f"M{_n(self.x)} 0V{_n(-self.height)}"
        return [("path", (("d", d), ("stroke", PROP_LINE), ("stroke-width", 3)))]

    def bounds(self):
        return (self.x, 0, self.x, self.height)


@dataclass(frozen=True)
class Band:
    """An exercise band from an anchor on the floor or a prop to body point `to`. It moves with the
    body, so it is drawn with the figure; the distance is to the band's line."""

    anchor: tuple
    to: tuple  # the body points it is tied to (both ankles); drawn to the first

    def distance(self, point, body=None):
        if body is None:
            return math.dist(point, self.anchor)
        return _segment_distance(point, self.anchor, body[self.to[0]])

    def shapes(self, left, right):
        return []

    def bounds(self):
        return (*self.anchor, *self.anchor)


def _segment_distance(p, a, b):
    ax, ay = a
    bx, by = b
    length2 = (bx - ax) ** 2 + (by - ay) ** 2
    t = 0 if length2 == 0 else max(0, min(1, ((p[0] - ax) * (bx - ax) + (p[1] - ay) * (by - ay)) / length2))
    return math.dist(p, (ax + t * (bx - ax), ay + t * (by - ay)))


def clearance(prop, name, point, body=None):
    """How far the surface of body point `name` (at `point`) is from `prop`: 0 touching, < 0 inside."""
    if isinstance(prop, Band):
        return 0.0 if name in prop.to else prop.distance(point, body) - RADIUS[name]
    return prop.distance(point) - RADIUS[name]


# Keyframes and figures.

FLOOR = Floor()
MAX_SHOWN_HOLD = 3.0  # a 30 s hold is shown as a pause this long: the figure is a reminder, not a clock


@dataclass(frozen=True)
class Key:
    """A keyframe: the pose, which body points rest on what (prop name → points), how long the
    pose is held (shown capped at MAX_SHOWN_HOLD) and how long the move to the next keyframe takes
    (a share of the figure's rep time)."""

    pose: Pose
    contacts: dict = field(default_factory=dict)
    hold: float = 0.0
    move: float = 1.0

    def touching(self):
        return {point: prop for prop, names in self.contacts.items() for point in names}


@dataclass(frozen=True)
class Figure:
    """A level's figure: keyframes in a loop (the last moves back to the first), the props it
    needs by name ("floor" is always there), the seconds one loop takes without its holds, and the
    two keyframes shown side by side when motion is reduced."""

    keys: tuple
    props: dict = field(default_factory=dict)
    rep_seconds: float = 3.0
    still: tuple = (0, -1)

    def all_props(self):
        return {"floor": FLOOR, **self.props}


def _n(value):
    """A number for the SVG, to one decimal at most: 12, 12.5 (never 12.0)."""
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def _smooth(t):
    return t * t * (3 - 2 * t)


def timeline(figure):
    """(poses, key times) of the animation: holds as repeated poses, moves subdivided so that joints
    turn along arcs (straight-line moves between far-apart keyframes would shorten the limbs) with
    an ease in and out."""
    keys = figure.keys
    weights = sum(key.move for key in keys)
    frames, times, now = [], [], 0.0
    for index, key in enumerate(keys):
        frames.append(key.pose)
        times.append(now)
        hold = min(key.hold, MAX_SHOWN_HOLD)
        if hold:
            now += hold
            frames.append(key.pose)
            times.append(now)
        following = keys[(index + 1) % len(keys)].pose
        duration = figure.rep_seconds * key.move / weights
        turn = max(
            abs(getattr(following, name) - getattr(key.pose, name))
            for name in Pose.__dataclass_fields__
            if name not in ("x", "y")
        )
        steps = max(1, math.ceil(turn / 25))
        for step in range(1, steps):
            frames.append(key.pose.lerp(following, _smooth(step / steps)))
            times.append(now + duration * step / steps)
        now += duration
    frames.append(keys[0].pose)
    times.append(now)
    return frames, [t / now for t in times], now


def viewbox(figure, bodies):
    """(left, top, right, bottom) in SVG coordinates (y down) around every body and prop, padded."""
    xs, ys = [], [0.0]
    for body in bodies:
        for name, (x, y) in body.items():
            xs += [x - RADIUS[name], x + RADIUS[name]]
            ys += [y + RADIUS[name]]
    for prop in figure.all_props().values():
        bounds = prop.bounds()
        if bounds:
            xs += [bounds[0], bounds[2]]
            ys += [bounds[3]]
    pad = 4
    left, top, right, bottom = (
        math.floor(min(xs)) - pad,
        -math.ceil(max(ys)) - pad,
        math.ceil(max(xs)) + pad,
        3,
    )
    # Not too tall or too wide for one box on the page: widen a standing figure, heighten a lying one.
    width, height = right - left, bottom - top
    if width < height * MIN_ASPECT:
        extra = math.ceil(height * MIN_ASPECT - width)
        left, right = left - extra // 2, right + extra - extra // 2
    elif width > height * MAX_ASPECT:
        top -= math.ceil(width / MAX_ASPECT - height)
    return left, top, right, bottom


MIN_ASPECT, MAX_ASPECT = 1.2, 2.4
