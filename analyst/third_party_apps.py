"""Third-party apps under the names editors read in the admin, not their package names."""

from axes.apps import AppConfig as AxesConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig
from django_tasks_db.apps import TasksAppConfig


class SignInAttemptsConfig(AxesConfig):
    verbose_name = "Sign-in attempts"


class TwoFactorDevicesConfig(TOTPConfig):
    verbose_name = "Two-factor devices"


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = "Background tasks"
