"""Where the body is and what a level needs, as data: the tags every exclusion reads.

Each level of the library carries its `positions` (one or more `Position` slugs), its
`equipment_tags` (one or more `Equipment` slugs; `none` alone when it needs nothing) and whether it
bends the low back backwards (`extension`). The safety answers decide through these tags, never
through a family or a slug (docs/clinical-rules.md, "What the plan may hold"), and an equipment
gate (a future starter plan asking what someone has at home) uses `missing_equipment`.

Pure: no request, no query. `level` is anything with `positions`, `equipment_tags`, `extension`
and `level` (an `Exercise`); `status` anything with `no_prone` and `no_extension_above`
(journal.safety.ScreenStatus).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Position(models.TextChoices):
    """The positions a level is done in. The slugs are stored: never rename one."""

    SUPINE = "supine", _("lying on your back")
    PRONE = "prone", _("face down")
    PRONE_OVER_BALL = "prone_over_ball", _("face down over a ball")
    ALL_FOURS = "all_fours", _("on all fours")
    KNEELING = "kneeling", _("kneeling")
    HALF_KNEELING = "half_kneeling", _("half-kneeling")
    SITTING = "sitting", _("sitting")
    STANDING = "standing", _("standing")
    SIDE_LYING = "side_lying", _("lying on your side")


class Equipment(models.TextChoices):
    """What a level needs. `none` stands alone; the others may be combined. A tag is something a
    person has or not: the free-text `Exercise.equipment` keeps the nuances ("or a bed")."""

    NONE = "none", _("nothing")
    MAT = "mat", _("a mat or a soft floor")
    CHAIR = "chair", _("a chair or couch")
    CUSHION = "cushion", _("a cushion")
    EXERCISE_BALL = "exercise_ball", _("an exercise ball")
    BOX_OR_BENCH = "box_or_bench", _("a box or bench")
    WEIGHT_OR_BAND = "weight_or_band", _("a light weight or a band")
    ROLLER_OR_TENNIS_BALL = "roller_or_tennis_ball", _("a foam roller or a tennis ball")


# Face-down positions: never planned for someone who answered that they are pregnant.
FACE_DOWN = frozenset({Position.PRONE, Position.PRONE_OVER_BALL})


def face_down(level):
    """Is any of the level's positions face down?"""
    return not FACE_DOWN.isdisjoint(level.positions)


def missing_equipment(level, have):
    """The equipment tags `level` needs that are not in `have` (a set of tags), in the level's order.

    `none` is never missing: a level tagged `none` needs nothing.
    """
    return [tag for tag in level.equipment_tags if tag != Equipment.NONE and tag not in have]


def allowed(level, status):
    """May the safety answers have this level planned, suggested or chosen?

    Never a face-down level for someone pregnant (even after a clinician's OK); after a narrowing of
    the spinal canal no level that bends the low back backwards above the level allowed (1). No
    status (no screen yet) rules nothing out here: the plan gate holds the plan then.
    """
    if status is None:
        return True
    if status.no_prone and face_down(level):
        return False
    limit = status.no_extension_above
    return not (limit is not None and level.extension and level.level > limit)


def why_not(level, status):
    """Why `allowed` rules the level out, in a few words for the person ("" when it does not)."""
    if status is None:
        return ""
    if status.no_prone and face_down(level):
        return _("it is done face down, which your plan leaves out after your answer about pregnancy")
    limit = status.no_extension_above
    if limit is not None and level.extension and level.level > limit:
        return _(
            "it bends your low back backwards, and since you told us of a narrowing of the spinal canal "
            "your plan goes no further than level %(limit)s of such exercises"
        ) % {"limit": limit}
    return ""


def highest_allowed(levels, current, status):
    """The highest level number a level-up from `current` may reach: the levels above it, one by
    one, up to the first that the safety answers rule out (`allowed`). `levels` are the family's."""
    by_number = {level.level: level for level in levels}
    highest = current
    while (above := by_number.get(highest + 1)) is not None and allowed(above, status):
        highest += 1
    return highest


def problems(positions, equipment):
    """What is wrong with a level's tags, as sentences for a person (empty when they are fine)."""
    found = []
    for name, tags, choices in (
        (_("position"), positions, Position),
        (_("equipment"), equipment, Equipment),
    ):
        if not isinstance(tags, list) or not tags:
            found.append(_("Give at least one %(name)s.") % {"name": name})
            continue
        unknown = [str(tag) for tag in tags if tag not in choices.values]
        if unknown:
            found.append(_("Unknown %(name)s: %(tags)s.") % {"name": name, "tags": ", ".join(unknown)})
        if len(set(map(str, tags))) != len(tags):
            found.append(_("Give each %(name)s once.") % {"name": name})
    if isinstance(equipment, list) and Equipment.NONE in equipment and len(equipment) > 1:
        found.append(_("“Nothing” as equipment stands alone."))
    return found


def labels(tags, choices):
    """The words for each known tag, in the given order: ['face down over a ball']."""
    words = dict(choices.choices)
    return [words[tag] for tag in tags if tag in words]


def chosen(values, choices):
    """The known tags among `values` (a query's strings), once each in the vocabulary's order, and
    the unknown ones as given: (['supine'], ['upside-down']). Pure: the view reads the query."""
    values = [value for value in values if value]  # an empty value is no choice, not a bad one
    given = set(values)
    known = [tag for tag in choices.values if tag in given]
    unknown = [value for value in dict.fromkeys(values) if value not in choices.values]
    return known, unknown


def matches(level, positions, have):
    """Does the level fit the library list's filter? `positions`: the positions asked for (empty:
    any); `have`: the equipment at hand (None: no equipment filter). A level matches when one of
    its positions was asked for and nothing it needs is missing from `have`."""
    if positions and not set(positions) & set(level.positions):
        return False
    return have is None or not missing_equipment(level, set(have))
