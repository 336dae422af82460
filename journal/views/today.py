from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def today(request):
    """Placeholder until the Today page lands."""
    return render(request, "journal/today.html", {"today": request.user.local_today()})
