"""Every public page passes axe-core (WCAG 2.2 AA and best practice) and the Nu validator."""

import json

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = ["home", "article", "issue", "section", "author", "search", "staff-publications"]


def address(name, publication):
    return {
        "home": "/",
        "article": publication["article"].get_absolute_url(),
        "issue": publication["issue"].get_absolute_url(),
        "section": "/sections/analytical-articles/",
        "author": publication["author"].get_absolute_url(),
        "search": "/search/?q=military",
        "staff-publications": "/staff-publications/",
    }[name]


def record(artifacts, kind, name, outcome):
    """Keep each page's result in test-artifacts/, for the report of a run."""
    path = artifacts / f"{kind}.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    results[name] = outcome
    path.write_text(json.dumps(results, indent=2, sort_keys=True))


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violation(live_server, page, publication, axe, artifacts, name):
    page.goto(f"{live_server.url}{address(name, publication)}")
    violations = axe(page)
    record(artifacts, "axe", name, {"violations": len(violations), "details": violations})
    assert violations == [], json.dumps(violations, indent=2)


def test_axe_finds_no_violation_in_a_search_error(live_server, page, publication, axe):
    page.goto(f"{live_server.url}/search/?q=%21%21%21")
    assert page.get_by_text("Type a word, a name or a place").is_visible()
    assert page.locator("#search-q").get_attribute("aria-describedby") == "search-q-error"
    violations = axe(page)
    assert violations == [], json.dumps(violations, indent=2)


def test_the_nu_validator_finds_no_error(live_server, page, publication, vnu, artifacts):
    files = []
    for name in PAGES:
        response = page.request.get(f"{live_server.url}{address(name, publication)}")
        assert response.ok, name
        path = artifacts / f"{name}.html"
        path.write_text(response.text())
        files.append(path)
    messages = vnu(files)
    errors = {}
    for name in PAGES:
        found = messages[f"{name}.html"]
        errors[name] = [m for m in found if m.get("type") in ("error", "non-document-error")]
        record(
            artifacts,
            "vnu",
            name,
            {
                "errors": len(errors[name]),
                "warnings": sum(m.get("subType") == "warning" for m in found),
                "details": found,
            },
        )
    assert errors == {name: [] for name in PAGES}, json.dumps(errors, indent=2)
