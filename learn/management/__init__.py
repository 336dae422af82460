"""Not production code: what `manage.py demo` (journal/management/commands/demo.py) uses."""
