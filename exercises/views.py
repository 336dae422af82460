from django.shortcuts import get_object_or_404, render

from exercises.models import Exercise, Progression


def exercise_list(request):
    progressions = Progression.objects.prefetch_related("levels")
    return render(request, "exercises/list.html", {"progressions": progressions})


def exercise_detail(request, slug):
    exercise = get_object_or_404(Exercise.objects.select_related("progression"), slug=slug)
    return render(request, "exercises/detail.html", {"exercise": exercise})
