"""The PSFS round's form: each active activity rated again (or retired), and new ones named."""

from crispy_forms.layout import LayoutObject
from django import forms
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from backcare.forms import form_helper
from journal import psfs

RATING_CHOICES = (
    [("", gettext_lazy("Choose 0–10")), ("0", pgettext_lazy("PSFS rating", "0 – unable"))]
    + [(str(n), str(n)) for n in range(1, 10)]
    + [("10", pgettext_lazy("PSFS rating", "10 – as before"))]
)


class ActivityFieldset(LayoutObject):
    """crispy layout object: one card of the form, a <fieldset> whose legend (and "last time") are
    printed as text by journal/_psfs_fieldset.html, never read as a template (crispy's own Fieldset
    renders its legend as one, and an activity's name is the user's words)."""

    template = "journal/_psfs_fieldset.html"

    def __init__(self, *fields, legend, testid, last=None, own_words=False):
        self.fields = list(fields)
        self.legend, self.testid, self.last = legend, testid, last
        self.own_words = own_words  # the legend is the person's own words (kept translate="no")

    def render(self, form, context, template_pack=None, **kwargs):
        fields = self.get_rendered_fields(form, context, template_pack, **kwargs)
        return render_to_string(
            self.template,
            {
                "legend": self.legend,
                "testid": self.testid,
                "last": self.last,
                "fields": fields,
                "own_words": self.own_words,
            },
        )


class PsfsForm(forms.Form):
    """`activities`: the user's active activities (selectors.psfs_activities). A first round offers
    MAX_ACTIVITIES name slots; a later one a slot to add one activity."""

    use_required_attribute = False

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.activities = activities
        for activity in activities:
            self.fields[f"rating_{activity.pk}"] = self._rating(_("Today"))
            self.fields[f"retire_{activity.pk}"] = forms.BooleanField(
                required=False, label=_("Retire it: I no longer want to follow this one")
            )
        self.slots = psfs.MAX_ACTIVITIES if not activities else 1
        for n in range(self.slots):
            self.fields[f"name_{n}"] = forms.CharField(
                required=False,
                max_length=psfs.NAME_MAX,
                strip=True,
                label=_("What is hard to do?"),
                error_messages={
                    "max_length": _("Keep each name to %(count)s characters or fewer.")
                    % {"count": psfs.NAME_MAX}
                },
                widget=forms.TextInput(attrs={"maxlength": psfs.NAME_MAX}),
            )
            self.fields[f"new_rating_{n}"] = self._rating(_("How well can you do it now?"))
        self.helper = form_helper(*self._cards())

    def _cards(self):
        """One card per followed activity (its rating, Retire), then one per empty slot."""
        cards = []
        for activity in self.activities:
            last = None
            if activity.last_rating is not None:
                last = _("Last time: %(rating)s of 10") % {"rating": activity.last_rating}
            cards.append(
                ActivityFieldset(
                    f"rating_{activity.pk}",
                    f"retire_{activity.pk}",
                    legend=activity.name,
                    testid="psfs-activity",
                    last=last,
                    own_words=True,
                )
            )
        for n in range(self.slots):
            if self.activities:
                legend = _("Add an activity (optional)")
            elif n:
                legend = _("Activity %(n)d (optional)") % {"n": n + 1}
            else:
                legend = _("Activity %(n)d") % {"n": n + 1}
            cards.append(ActivityFieldset(f"name_{n}", f"new_rating_{n}", legend=legend, testid="psfs-new"))
        return cards

    @staticmethod
    def _rating(label):
        return forms.TypedChoiceField(
            choices=RATING_CHOICES,
            coerce=int,
            required=False,
            empty_value=None,
            label=label,
            error_messages={"invalid_choice": _("Choose a rating from 0 (unable) to 10 (as before).")},
        )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        ratings, retire, new = {}, set(), []
        for activity in self.activities:
            if data.get(f"retire_{activity.pk}"):
                retire.add(activity.pk)
            elif data.get(f"rating_{activity.pk}") is None:
                self.add_error(
                    f"rating_{activity.pk}", _("Rate “%(name)s”, or tick Retire.") % {"name": activity.name}
                )
            else:
                ratings[activity.pk] = data[f"rating_{activity.pk}"]
        for n in range(self.slots):
            name, rating = data.get(f"name_{n}") or "", data.get(f"new_rating_{n}")
            if name and rating is None:
                self.add_error(f"new_rating_{n}", _("Rate “%(name)s” from 0 to 10.") % {"name": name})
            elif rating is not None and not name:
                self.add_error(f"name_{n}", _("Name the activity you rated."))
            elif name:
                new.append((name, rating))
        if len(self.activities) - len(retire) + len(new) > psfs.MAX_ACTIVITIES:
            raise forms.ValidationError(
                _("Follow at most %(count)s activities: retire one before adding another.")
                % {"count": psfs.MAX_ACTIVITIES}
            )
        if not self.errors and not ratings and not new:
            raise forms.ValidationError(
                _("Name at least one activity and rate it.")
                if not self.activities
                else _("Rate at least one activity.")
            )
        self.ratings, self.retire, self.new = ratings, retire, new
        return data
