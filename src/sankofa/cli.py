"""The `sankofa` command: Django management with Sankofa's settings (sankofa migrate, demo, seed...)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sankofa.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sankofa", *sys.argv[1:]])


if __name__ == "__main__":
    main()
