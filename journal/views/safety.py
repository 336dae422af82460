from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from journal import safety, services
from journal.models import SafetyAlert, SafetyScreen

GROUPS = [
    (safety.EMERGENCY, "Signs that need emergency care"),
    (safety.URGENT, "Signs to see a doctor about today"),
    (safety.TALK_FIRST, "Things to talk over with a clinician before you start"),
]


class SafetyScreenForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in safety.QUESTIONS:
            self.fields[question.key] = forms.ChoiceField(
                label=question.text,
                choices=[("no", "No"), ("yes", "Yes")],
                widget=forms.RadioSelect,
                error_messages={"required": "Please answer yes or no."},
            )

    def groups(self):
        return [
            (title, [self[q.key] for q in safety.QUESTIONS if q.level == level]) for level, title in GROUPS
        ]

    def answers(self):
        return {key: value == "yes" for key, value in self.cleaned_data.items()}


class ClearanceForm(forms.Form):
    cleared_on = forms.DateField(
        label="Date a clinician said it is fine to exercise",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the date as YYYY-MM-DD."},
    )
    note = forms.CharField(label="Who you saw (optional)", max_length=200, required=False)

    def __init__(self, *args, screen, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.screen = screen
        self.today = today

    def clean_cleared_on(self):
        value = self.cleaned_data["cleared_on"]
        if value > self.today:
            raise forms.ValidationError("That date is in the future.")
        if value < self.screen.taken_on:
            raise forms.ValidationError("That date is before you answered the questions.")
        return value


@login_required
def screen(request):
    form = SafetyScreenForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            today = request.user.local_today()
            answers = form.answers()
            outcome = safety.screen_outcome(answers)
            SafetyScreen.objects.create(user=request.user, taken_on=today, answers=answers, outcome=outcome)
            if outcome in (safety.CLEAR, safety.TALK_FIRST):
                services.plan_create_starter(user=request.user, today=today)
                if outcome == safety.CLEAR:
                    messages.success(
                        request, "Thank you. Nothing in your answers needs a doctor first: here is your plan."
                    )
                    return redirect("journal:today")
            return redirect("journal:safety_result")
        messages.error(request, "Please answer every question: it takes a minute and keeps you safe.")
    return render(request, "journal/safety/screen.html", {"form": form})


@login_required
def result(request):
    state = request.safety
    if state.screen is None:
        return redirect("journal:safety")
    screen = state.screen
    today = request.user.local_today()
    return render(
        request,
        "journal/safety/result.html",
        {
            "screen": screen,
            "yes": safety.yes_answers(screen.answers),
            "clearance_form": ClearanceForm(screen=screen, today=today),
        },
    )


@login_required
@require_POST
def clear(request):
    screen = request.safety.screen
    if screen is None or screen.outcome not in (safety.URGENT, safety.TALK_FIRST):
        messages.error(request, "Only a new set of answers can lift emergency advice.")
        return redirect("journal:safety_result")
    today = request.user.local_today()
    form = ClearanceForm(request.POST, screen=screen, today=today)
    if not form.is_valid():
        messages.error(request, "Not saved: " + " ".join(e for errs in form.errors.values() for e in errs))
        return render(
            request,
            "journal/safety/result.html",
            {"screen": screen, "yes": safety.yes_answers(screen.answers), "clearance_form": form},
        )
    screen.cleared_on = form.cleaned_data["cleared_on"]
    screen.cleared_note = form.cleaned_data["note"]
    screen.save(update_fields=["cleared_on", "cleared_note"])
    services.plan_create_starter(user=request.user, today=today)
    messages.success(request, "Noted. Your plan is back; go gently and stop if anything feels wrong.")
    return redirect("journal:today")


@login_required
@require_POST
def acknowledge(request):
    kind = request.POST.get("kind", "")
    try:
        first_day = date.fromisoformat(request.POST.get("first_day", ""))
    except ValueError:
        first_day = None
    today = request.user.local_today()
    if kind not in SafetyAlert.Kind.values or first_day is None or first_day > today:
        messages.error(request, "That warning could not be found.")
        return redirect("journal:today")
    SafetyAlert.objects.get_or_create(user=request.user, kind=kind, first_day=first_day)
    messages.info(request, "Thanks for reading it. Take it gently, and see a clinician if it goes on.")
    return redirect("journal:today")
