"""The PSFS round's form: each active activity rated again (or retired), and new ones named."""

from django import forms

from journal import psfs

RATING_CHOICES = [("", "Choose 0–10")] + [
    (str(n), f"{n}{' – unable' if n == 0 else ' – as before' if n == 10 else ''}") for n in range(11)
]


class PsfsForm(forms.Form):
    """`activities`: the user's active activities (selectors.psfs_activities). A first round offers
    MAX_ACTIVITIES name slots; a later one a slot to add one activity."""

    use_required_attribute = False

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.activities = activities
        for activity in activities:
            self.fields[f"rating_{activity.pk}"] = self._rating(activity.name)
            self.fields[f"retire_{activity.pk}"] = forms.BooleanField(
                required=False,
                label=f"Retire “{activity.name}”: no longer follow it",
                widget=forms.CheckboxInput(attrs={"class": "form-check-input flex-shrink-0"}),
            )
        self.slots = psfs.MAX_ACTIVITIES if not activities else 1
        for n in range(self.slots):
            self.fields[f"name_{n}"] = forms.CharField(
                required=False,
                max_length=psfs.NAME_MAX,
                strip=True,
                label=f"Activity {n + 1}" if not activities else "A new activity (optional)",
                error_messages={"max_length": f"Keep each name to {psfs.NAME_MAX} characters or fewer."},
                widget=forms.TextInput(attrs={"class": "form-control", "maxlength": psfs.NAME_MAX}),
            )
            self.fields[f"new_rating_{n}"] = self._rating(f"Activity {n + 1}")

    @staticmethod
    def _rating(name):
        return forms.TypedChoiceField(
            choices=RATING_CHOICES,
            coerce=int,
            required=False,
            empty_value=None,
            label=f"How well can you do it now? ({name})",
            error_messages={"invalid_choice": "Choose a rating from 0 (unable) to 10 (as before)."},
            widget=forms.Select(attrs={"class": "form-select"}),
        )

    def rows(self):
        """(activity, its rating field, its retire field) for the template."""
        return [(a, self[f"rating_{a.pk}"], self[f"retire_{a.pk}"]) for a in self.activities]

    def slot_rows(self):
        return [(self[f"name_{n}"], self[f"new_rating_{n}"]) for n in range(self.slots)]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        ratings, retire, new = {}, set(), []
        for activity in self.activities:
            if data.get(f"retire_{activity.pk}"):
                retire.add(activity.pk)
            elif data.get(f"rating_{activity.pk}") is None:
                self.add_error(f"rating_{activity.pk}", f"Rate “{activity.name}”, or tick Retire.")
            else:
                ratings[activity.pk] = data[f"rating_{activity.pk}"]
        for n in range(self.slots):
            name, rating = data.get(f"name_{n}") or "", data.get(f"new_rating_{n}")
            if name and rating is None:
                self.add_error(f"new_rating_{n}", f"Rate “{name}” from 0 to 10.")
            elif rating is not None and not name:
                self.add_error(f"name_{n}", "Name the activity you rated.")
            elif name:
                new.append((name, rating))
        if len(self.activities) - len(retire) + len(new) > psfs.MAX_ACTIVITIES:
            raise forms.ValidationError(
                f"Follow at most {psfs.MAX_ACTIVITIES} activities: retire one before adding another."
            )
        if not self.errors and not ratings and not new:
            raise forms.ValidationError(
                "Name at least one activity and rate it."
                if not self.activities
                else "Rate at least one activity."
            )
        self.ratings, self.retire, self.new = ratings, retire, new
        return data
