class FourDigitYear:
    regex = "[0-9]{4}"

    def to_python(self, value):
        year = int(value)
        # Year 0 does not exist, and a year's bounds in the site's time zone must stay within
        # Python's years 1 to 9999: the first and last years are refused (404) like year 0.
        if not 1 < year < 9999:
            raise ValueError(value)
        return year

    def to_url(self, value):
        return f"{int(value):04d}"


class TwoDigitMonth:
    regex = "0[1-9]|1[0-2]"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


class UnicodeSlug:
    """Slugs in any alphabet (Django's own `slug` converter is ASCII only)."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
