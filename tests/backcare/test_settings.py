from tests.processes import manage, production_env

PRODUCTION = production_env(ALLOWED_HOSTS="backcare.example.org")


def test_deploy_check_passes_in_production_mode():
    # With a shared cache for gunicorn's workers (without one: backcare.W001, tests/backcare/test_checks.py).
    env = {**PRODUCTION, "CACHE_URL": "redis://127.0.0.1:6379/0"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
