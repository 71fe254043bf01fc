"""Bylines as the publication wrote them over twenty years: authors and issue dates."""

from datetime import date

import pytest

from articles.importer.bylines import parse_byline, parse_dateline, split_authors

WEDNESDAY_8_MAY_2013 = date(2013, 5, 8)


@pytest.mark.parametrize(
    ("byline", "authors", "issue_date"),
    [
        ("By Roger N. McDermott (7/16/2003 issue of the CACI Analyst)", ["Roger N. McDermott"],
         date(2003, 7, 16)),
        ("By A. One & B. Two (3/4/2009 issue of the CACI Analyst)", ["A. One", "B. Two"],
         date(2009, 3, 4)),
        ("By A. One and B. Two (11/2/2011 issue of the CACI Analyst)", ["A. One", "B. Two"],
         date(2011, 11, 2)),
        ("By A. One, B. Two and C. Three (11/2/2011 issue of the X)",
         ["A. One", "B. Two", "C. Three"], date(2011, 11, 2)),
        ("by Stephen Blank (the 08/05/13 issue of the CACI Analyst)", ["Stephen Blank"],
         WEDNESDAY_8_MAY_2013),
        ("By N. Konarzewska (March 15th, 2016, The CACI Analyst)", ["N. Konarzewska"],
         date(2016, 3, 15)),
        ("By N. Konarzewska, March 15th, 2016, The CACI Analyst", ["N. Konarzewska"],
         date(2016, 3, 15)),
        ("By Svante E. Cornell November 30, 2023", ["Svante E. Cornell"], date(2023, 11, 30)),
        ("By Mayhew Jones", ["Mayhew Jones"], None),
        ("By empty (7/16/2003 issue of the CACI Analyst)", [], date(2003, 7, 16)),
    ],
)  # fmt: skip
def test_a_byline_gives_its_authors_and_issue_date(byline, authors, issue_date):
    parsed = parse_byline(byline, dateline=WEDNESDAY_8_MAY_2013)
    assert (parsed.authors, parsed.issue_date) == (authors, issue_date)


def test_a_day_first_date_is_read_only_where_the_weekday_says_so():
    # 08/05/13: 5 August 2013 is a Monday, 8 May a Wednesday.
    assert parse_byline("by A (the 08/05/13 issue)", dateline=date(2013, 8, 5)).issue_date == (
        date(2013, 8, 5)
    )
    assert parse_byline("by A (the 08/05/13 issue)").issue_date == date(2013, 8, 5)
    assert parse_byline("by A (the 13/05/13 issue)").issue_date == date(2013, 5, 13)


def test_after_a_comma_come_an_affiliation_more_names_or_a_suffix():
    def read(text):
        byline = parse_byline(text)
        return byline.authors, byline.affiliations

    assert read("By A. One, Tbilisi") == (["A. One"], {"A. One": "Tbilisi"})
    assert read("By A. One, Head of Research") == (["A. One"], {"A. One": "Head of Research"})
    assert read("By A. One, B. Two and C. Three") == (["A. One", "B. Two", "C. Three"], {})
    assert read("By A. One, University of Kent, and B. Two") == (
        ["A. One", "B. Two"],
        {"A. One": "University of Kent"},
    )
    assert read("By John Smith, Jr. (7/16/2003 issue of the X)") == (["John Smith, Jr."], {})


def test_text_that_is_no_byline_is_not_taken_for_one():
    assert parse_byline("Bystanders watched the parade.") is None
    assert parse_byline("BACKGROUND: By 2003, Kazakhstan had joined.") is None
    assert parse_byline("Byzantium fell in 1453.") is None
    assert parse_byline("BYPASSING RUSSIA") is None


def test_placeholders_are_no_authors():
    assert split_authors("empty") == []
    assert split_authors("Super User & Anne Aldis") == ["Anne Aldis"]


def test_a_dateline_gives_the_date():
    assert parse_dateline("Wednesday, 16 July 2003") == date(2003, 7, 16)
    assert parse_dateline("Thursday, November 30, 2023") == date(2023, 11, 30)
    assert parse_dateline("THE KAZAKH MILITARY LOOKS WEST") is None
