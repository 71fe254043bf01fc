"""Hostile values for fuzzing every route, as they travel in an address (percent-encoded)."""

import os
import re
from urllib.parse import quote

from django.urls import URLPattern, URLResolver
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "10")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Each as it would be written in an address.
HOSTILE_VALUES = [
    "%00",  # NUL: PostgreSQL cannot hold or compare one
    "a%00b",
    "%C0%AE",  # overlong UTF-8 for "."
    "%C0%AE%C0%AE%C0%AF",
    "%ED%A0%80",  # a lone surrogate, as UTF-8
    "%ED%B3%BF%ED%A0%80",
    "%FF%FE",
    "%E2%80%A8",  # the line separator
    "%0D%0ASet-Cookie:%20x=1",
    "9" * 10_000,  # a 10,000-digit number
    "-" + "9" * 10_000,
    "99999999999999999999",  # past 64 bits
    "9223372036854775808",
    "-1",
    "0",
    "1e999",
    "NaN",
    "x" * 100_000,  # a 100 KB value
    "%25",
    "%",
    "..%2F..%2Fetc%2Fpasswd",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "'%20OR%20'1'='1",
    "[]",
    "%F0%9F%92%A9",
]
# One of each kind, for the checks that try every parameter with every kind.
KINDS_OF_VALUE = ["%00", "%C0%AE", "%ED%A0%80", "9" * 10_000, "99999999999999999999", "x" * 100_000]
hostile_values = st.one_of(
    st.sampled_from(HOSTILE_VALUES),
    st.lists(st.sampled_from(HOSTILE_VALUES), min_size=2, max_size=3).map("".join),
    st.text(alphabet=st.characters(exclude_categories=()), max_size=30).map(
        lambda text: quote(text.encode("utf-8", "surrogatepass"), safe="")
    ),
)
_CONVERTER = re.compile(r"<(?:\w+:)?\w+>|\(\?P<\w+>[^)]*\)")


def routes(patterns, prefix=""):
    """Every route under `patterns`, as its pattern text ("articles/<slug:slug>/")."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def filled(route, values):
    """The route's address with each of its parameters replaced by the next of `values`."""
    values = iter(values)
    path = _CONVERTER.sub(lambda match: next(values), route)
    return "/" + path.lstrip("^").rstrip("$").replace("\\", "")


def parameters_of(route):
    return len(_CONVERTER.findall(route))


def query(pairs):
    return "&".join(f"{name}={value}" for name, value in pairs)
