from django.apps import AppConfig


class BackcareConfig(AppConfig):
    name = "backcare"
    verbose_name = "Accounts"

    def ready(self):
        from backcare import checks  # noqa: F401  (registers the deployment checks)
