from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def history(request):
    """Placeholder until the History page lands."""
    return render(request, "journal/history.html")
