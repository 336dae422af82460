from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from backcare.urgent_care import care_for
from learn import catalog, course, selectors, services, text


def _open_lesson(request, slug):
    """(position, lesson, course day 1, lessons open today) for a published lesson; 404 otherwise."""
    found = catalog.find(slug)
    if found is None:
        raise Http404("No such lesson.")
    position, lesson = found
    user = request.user
    joined = selectors.joined_on(user)
    unlocked = course.unlocked_count(joined, user.local_today(), len(catalog.course().lessons))
    return position, lesson, joined, unlocked


@login_required
@require_GET
def lesson_list(request):
    user = request.user
    lessons = catalog.course().lessons
    joined = selectors.joined_on(user)
    unlocked = course.unlocked_count(joined, user.local_today(), len(lessons))
    rows = course.rows(lessons, selectors.reads(user=user), joined=joined, unlocked=unlocked)
    return render(
        request,
        "learn/list.html",
        {
            "rows": rows,
            "read_count": sum(row.state == "read" for row in rows),
            "total": len(rows),
            "unlocked": unlocked,
        },
    )


@login_required
@require_GET
def lesson_detail(request, lesson):
    position, found, joined, unlocked = _open_lesson(request, lesson)
    context = {"lesson": found, "position": position, "total": len(catalog.course().lessons)}
    if position > unlocked:
        # Lessons are shared content: "locked" is this reader's course day, so the page says when
        # it opens for them (200), rather than a 404 that reads like someone else's lesson.
        context["opens"] = course.opens_on(joined, position)
        context["days"] = course.days_until(context["opens"], request.user.local_today())
        return render(request, "learn/locked.html", context)
    reads = selectors.reads(user=request.user)
    lessons = catalog.course().lessons
    following = next(
        (
            (n, other)
            for n, other in enumerate(lessons[:unlocked], start=1)
            if other.pk != found.pk and other.pk not in reads
        ),
        None,
    )
    context.update(
        body=text.render(found.body, care_for(request.user.country)),
        shows_care_words=text.uses_care_words(found.body),
        read_at=reads.get(found.pk),
        next_lesson=following,
        opens_tomorrow=position == unlocked and unlocked < len(lessons),
    )
    return render(request, "learn/detail.html", context)


@login_required
@require_POST
def lesson_read(request, lesson):
    position, found, _joined, unlocked = _open_lesson(request, lesson)
    if position > unlocked:
        messages.error(
            request, _("That lesson isn't open yet, so nothing was saved. One new lesson opens each day.")
        )
        return redirect("learn:list")
    _record, created = services.lesson_read_record(user=request.user, lesson=found)
    if created:
        messages.success(request, _("Lesson read: %(title)s.") % {"title": found.title})
    else:
        messages.info(request, _("You had already read this one: the first date is kept."))
    return redirect("learn:detail", lesson=found.slug)
