"""The demo blog loaded by `manage.py seed_demo`: its texts, its pictures and its loader."""
