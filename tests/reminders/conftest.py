import pytest

from tests.reminders.push_helpers import vapid_settings


@pytest.fixture
def vapid(settings):
    """A fresh VAPID key pair in the settings, as a deployment that offers push has; its public key."""
    return vapid_settings(settings)
