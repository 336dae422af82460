from django.conf import settings


def site(request):
    return {"emergency_number": settings.EMERGENCY_NUMBER}
