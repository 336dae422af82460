from django.urls import path

from learn import views

app_name = "learn"

urlpatterns = [
    path("", views.lesson_list, name="list"),
    path("<slug:lesson>/", views.lesson_detail, name="detail"),
    path("<slug:lesson>/read/", views.lesson_read, name="read"),
]
