"""Settings for the benchmark's servers: the site's own, plus one trivial view to compare with."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
