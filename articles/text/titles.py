"""Titles in the publication's display case: legacy ALL CAPS titles read as title case."""

import re

# Articles, conjunctions and short prepositions stay lower case inside a title.
_SMALL = """
a an and as at but by en for from if in into nor of off on onto or per so than the to up upon via
vs vs. with yet
"""
SMALL_WORDS = frozenset(_SMALL.split())
# Abbreviations the publication writes in capitals; anything with a dot between letters
# (U.S., U.N.), a digit (C-130, G20) or a Roman numeral is kept as written too.
_ACRONYMS = """
AFPC APEC ASEAN BRI BRICS BTC CACI CIA CIS CPC CSTO EAEU EEU EU FBI FSB GDP GUAM IAEA ICBM IMF IPO
ISDP ISIS KGB LNG NATO NGO NGOS OEF OIC OPEC OSCE PKK PM PRC SCO TAPI UAE UK UN UNDP US USA USAID
USSR WTO
"""
ACRONYMS = frozenset(_ACRONYMS.split())
ROMAN_NUMERAL = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
# Short words that read as Roman numerals but are names or words (Xi Jinping).
NOT_NUMERALS = frozenset({"I", "DI", "LI", "MI", "MIX", "XI", "CIV", "LIV", "DIV", "VIC"})
DOTTED = re.compile(r"^(?:[A-Z]\.)+[A-Z]?\.?$")
# A word's leading and trailing punctuation (quotes, brackets) is kept around it untouched.
WRAPPED = re.compile(r"^(\W*)(.*?)(\W*)$", re.DOTALL)
POSSESSIVE = re.compile(r"[’']S$")
# A new sentence or a subtitle starts after these.
BREAKS = (":", "?", "!", "—", "–")


def display_case(title):
    """Return `title` in display case if it is written in capitals, else as written."""
    if not is_all_caps(title):
        return title
    words = title.split()
    shown = []
    for position, word in enumerate(words):
        starts = position == 0 or words[position - 1].endswith(BREAKS)
        ends = position == len(words) - 1
        shown.append(_word(word, force_capital=starts or ends))
    return " ".join(shown)


def is_all_caps(text):
    letters = [character for character in text if character.isalpha()]
    return len(letters) > 1 and all(character.isupper() for character in letters)


def _word(word, force_capital):
    lead, core, trail = WRAPPED.match(word).groups()
    parts = core.split("-")
    cased = [_part(part, force_capital and index == 0) for index, part in enumerate(parts)]
    return lead + "-".join(cased) + trail


def _part(part, force_capital):
    if possessive := POSSESSIVE.search(part):
        base = part[: possessive.start()]
        return _part(base, force_capital) + possessive.group().lower()
    if _kept_as_written(part):
        return part
    lower = part.lower()
    if lower in SMALL_WORDS and not force_capital:
        return lower
    return lower[:1].upper() + lower[1:]


def _kept_as_written(part):
    return (
        part in ACRONYMS
        or bool(DOTTED.match(part))
        or any(character.isdigit() for character in part)
        or (len(part) <= 4 and bool(ROMAN_NUMERAL.match(part)) and part not in NOT_NUMERALS)
    )
