"""A level's figure (exercises/figures.py) as inline SVG, built with format_html so that every
value is escaped.

No script and no style attribute (the CSP forbids both): the figure moves by SMIL `<animate>`
on each shape's `points` (and the head's centre), styled by presentation attributes, so it looks
right even where static/css/figures.css is not linked. That stylesheet sizes it and, under
`prefers-reduced-motion: reduce`, hides the moving group and shows the still pair (the start and
end poses side by side, `display="none"` until then).
"""

import math

from django.utils.html import format_html, format_html_join

from exercises import figures
from exercises.figures import ARM_WIDTH, FOOT_WIDTH, HEAD_RADIUS, LEG_WIDTH, NECK_WIDTH, TRUNK_WIDTH

# Far side first (lighter), then the trunk and head, then the near side (darker) on top.
NEAR, FAR, TRUNK = "#1d3557", "#94aac3", "#2b4a6f"
PARTS = (
    ("far-arm", ("shoulder", "far_elbow", "far_hand"), FAR, ARM_WIDTH),
    ("far-leg", ("hip", "far_knee", "far_ankle"), FAR, LEG_WIDTH),
    ("far-foot", ("far_heel", "far_ankle", "far_toe"), FAR, FOOT_WIDTH),
    ("trunk", ("hip", "sacrum", "waist", "shoulder"), TRUNK, TRUNK_WIDTH),
    ("neck", ("shoulder", "head"), TRUNK, NECK_WIDTH),
    ("near-leg", ("hip", "near_knee", "near_ankle"), NEAR, LEG_WIDTH),
    ("near-foot", ("near_heel", "near_ankle", "near_toe"), NEAR, FOOT_WIDTH),
    ("near-arm", ("shoulder", "near_elbow", "near_hand"), NEAR, ARM_WIDTH),
)


def _xy(point):
    """A body point in SVG coordinates (y down), in whole units: small output, no visible loss."""
    return f"{round(point[0])},{round(-point[1])}"


def _points(body, names):
    return " ".join(_xy(body[name]) for name in names)


def _nose(body):
    """A short stroke on the face side of the head (the figure's front, a quarter turn clockwise
    from the neck), so that which way it faces reads even where arms and legs are ambiguous."""
    (sx, sy), (hx, hy) = body["shoulder"], body["head"]
    length = math.hypot(hx - sx, hy - sy)
    ux, uy = (hx - sx) / length, (hy - sy) / length  # up the neck
    fx, fy = uy, -ux  # the face's side
    start = (hx + fx * (HEAD_RADIUS - 2) + ux * 1, hy + fy * (HEAD_RADIUS - 2) + uy * 1)
    end = (hx + fx * (HEAD_RADIUS + 3) - ux * 1.5, hy + fy * (HEAD_RADIUS + 3) - uy * 1.5)
    end = (end[0], max(end[1], 2))  # face down, it rests on the floor rather than through it
    return f"{_xy(start)} {_xy(end)}"


class _Animator:
    """The <animate> elements of one figure: all share the duration and key times."""

    def __init__(self, seconds, times):
        self.seconds = f"{seconds:.2f}".rstrip("0").rstrip(".")
        self.times = ";".join(f"{t:.3f}".rstrip("0").rstrip(".") or "0" for t in times)

    def __call__(self, attribute, values):
        if len(set(values)) == 1:  # this shape stays still: no animation to send
            return ""
        return format_html(
            '<animate attributeName="{}" dur="{}s" repeatCount="indefinite" keyTimes="{}" values="{}"/>',
            attribute,
            self.seconds,
            self.times,
            ";".join(values),
        )


def _shape(tag, attributes):
    return format_html("<{} {}/>", tag, format_html_join(" ", '{}="{}"', attributes))


def _props(figure, left, right):
    return format_html_join(
        "",
        "{}",
        [
            (_shape(tag, attrs),)
            for prop in figure.all_props().values()
            for tag, attrs in prop.shapes(left, right)
        ],
    )


def _band_points(band, body):
    return f"{figures._n(band.anchor[0])},{figures._n(-band.anchor[1])} {_xy(body[band.to[0]])}"


def _element(tag, attributes, motion):
    """`<tag attributes/>`, or with its <animate> children when it moves: a still shape has no
    closing tag to send (the stills, and most parts of a moving figure)."""
    if motion:
        return format_html("<{} {}>{}</{}>", tag, attributes, motion, tag)
    return format_html("<{} {}/>", tag, attributes)


def _bands(figure, bodies, animate):
    bands = [prop for prop in figure.props.values() if isinstance(prop, figures.Band)]
    return format_html_join(
        "",
        "{}",
        [
            (
                _element(
                    "polyline",
                    format_html(
                        'points="{}" fill="none" stroke="#c0504d" stroke-width="2"',
                        _band_points(band, bodies[0]),
                    ),
                    animate("points", [_band_points(band, body) for body in bodies]) if animate else "",
                ),
            )
            for band in bands
        ],
    )


def _body(bodies, animate):
    """The figure's shapes at the first body, moving through all of them when `animate` is given.

    The parts of one colour follow each other (far side, trunk and head, near side), so each run is
    one group with the colour as its stroke, and the shapes inherit it and the outer group's
    `fill="none"`: the same drawing in fewer bytes (a foot and the head set their own fill).
    """
    first, groups = bodies[0], []
    for name, names, colour, width in PARTS:
        if not groups or groups[-1][0] != colour:
            groups.append((colour, []))
        parts = groups[-1][1]
        motion = animate("points", [_points(body, names) for body in bodies]) if animate else ""
        # A foot is a filled triangle (heel, ankle, toes); everything else a line.
        if name.endswith("foot"):
            attributes = format_html(
                'points="{}" fill="{}" stroke-width="{}"', _points(first, names), colour, width
            )
            parts.append(_element("polygon", attributes, motion))
        else:
            attributes = format_html('points="{}" stroke-width="{}"', _points(first, names), width)
            parts.append(_element("polyline", attributes, motion))
        if name == "neck":
            motion = (
                format_html(
                    "{}{}",
                    animate("cx", [str(round(body["head"][0])) for body in bodies]),
                    animate("cy", [str(round(-body["head"][1])) for body in bodies]),
                )
                if animate
                else ""
            )
            x, y = _xy(first["head"]).split(",")
            # No stroke round the head, as before the groups: its own `stroke="none"`.
            attributes = format_html(
                'cx="{}" cy="{}" r="{}" fill="{}" stroke="none"', x, y, HEAD_RADIUS, TRUNK
            )
            parts.append(_element("circle", attributes, motion))
            attributes = format_html('points="{}" stroke-width="4"', _nose(first))
            nose = animate("points", [_nose(body) for body in bodies]) if animate else ""
            parts.append(_element("polyline", attributes, nose))
    return format_html(
        '<g fill="none" stroke-linecap="round" stroke-linejoin="round">{}</g>',
        format_html_join(
            "",
            '<g stroke="{}">{}</g>',
            [(colour, format_html_join("", "{}", [(part,) for part in parts])) for colour, parts in groups],
        ),
    )


def render(figure, title, size="large"):
    """The figure as an inline <svg>: moving, plus the still start/end pair for reduced motion."""
    frames, times, seconds = figures.timeline(figure)
    bodies = [figures.points(pose) for pose in frames]
    left, top, right, bottom = figures.viewbox(figure, bodies)
    width, height = right - left, bottom - top
    animate = _Animator(seconds, times)
    props = _props(figure, left, right)
    moving = format_html("{}{}{}", props, _bands(figure, bodies, animate), _body(bodies, animate))
    first, last = (figure.keys[index].pose for index in figure.still)
    stills = format_html_join(
        "",
        '<g transform="translate({} {}) scale(.5)">{}{}{}</g>',
        [
            (
                figures._n(offset - left / 2),
                figures._n(top / 2 + height / 4),
                props,
                _bands(figure, [figures.points(pose)], None),
                _body([figures.points(pose)], None),
            )
            for offset, pose in ((left, first), (left + width / 2, last))
        ],
    )
    return format_html(
        '<svg class="figure figure-{}" data-testid="figure" role="img" viewBox="{} {} {} {}" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title><g class="fig-moving">{}</g>'
        '<g class="fig-still" display="none">{}</g></svg>',
        size,
        left,
        top,
        width,
        height,
        title,
        moving,
        stills,
    )


def still(figure):
    """One pose of the figure (its first still keyframe), small and without motion: the library
    list's thumbnail beside the family's name. Decorative (`aria-hidden`): the name next to it says
    what it is, so a screen reader does not hear the same thing twice. No <animate>, no second pose:
    a few hundred bytes inline, nothing to fetch, nothing to run."""
    pose = figure.keys[figure.still[0]].pose
    body = figures.points(pose)
    left, top, right, bottom = figures.viewbox(figure, [body])
    return format_html(
        '<svg class="figure figure-thumb" data-testid="figure-still" aria-hidden="true" focusable="false" '
        'viewBox="{} {} {} {}" xmlns="http://www.w3.org/2000/svg">{}{}{}</svg>',
        left,
        top,
        right - left,
        bottom - top,
        _props(figure, left, right),
        _bands(figure, [body], None),
        _body([body], None),
    )


def frame(title, size="large"):
    """The frame alone, for a level without keyframes: its text alternative is still there."""
    return format_html(
        '<svg class="figure figure-{}" data-testid="figure" role="img" viewBox="0 0 200 120" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title></svg>',
        size,
        title,
    )
