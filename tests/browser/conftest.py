"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

The tools come from the machine, never from a download: Chromium at /usr/bin/chromium
(`apt-get install chromium`), axe-core and the Nu HTML validator from npm (`npm ci`), Java for
the validator. Whatever is missing skips the tests that need it, and says what to install.
"""

import json
import os
import shutil
import subprocess
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connections
from django.utils import timezone

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    expect = sync_playwright = None

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# How long a page may take to load, or an element to change, before the test gives up: long
# enough that a machine busy with other work never reaches it, so that only a hang fails.
WAIT_MS = 120_000
# The read counter ignores bots, and HeadlessChrome's own user agent says it is one.
DESKTOP_CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the browser tests after all others (they are transactional too, so order is kept).

    The browser stays open until the end of the run, with its connections to the live server;
    the counter's load test, sharing that server, must not run beside them.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser():
    if sync_playwright is None:
        pytest.skip("needs the playwright package: pip install -e . --group dev")
    if not CHROMIUM.exists():
        pytest.skip(f"needs Chromium at {CHROMIUM}: apt-get install chromium")
    # Playwright's sync API runs an event loop in this thread; Django would then refuse the ORM
    # calls the tests make between page loads, although none runs inside that loop. Set here,
    # not at import, and taken back afterwards: the deploy check rightly refuses it.
    set_before = "DJANGO_ALLOW_ASYNC_UNSAFE" in os.environ
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with keeping_test_database_snapshots():
        playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    expect.set_options(timeout=WAIT_MS)
    yield chromium
    chromium.close()
    playwright.stop()
    if not set_before:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@contextmanager
def keeping_test_database_snapshots():
    """Carry the test databases' snapshots over to the connections Django uses from now on.

    Starting Playwright switches this thread into a greenlet with its own context variables,
    so Django opens new connection objects; without the snapshot that serialized rollback
    restores from, every transactional test after the first would lose the data the
    migrations create (the seeded sections).
    """
    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    yield
    for alias, snapshot in snapshots.items():
        if not hasattr(connections[alias], "_test_serialized_contents"):
            connections[alias]._test_serialized_contents = snapshot


@pytest.fixture
def context(browser):
    # axe-core is injected as a script, which the site's strict CSP would refuse.
    context = browser.new_context(
        user_agent=DESKTOP_CHROME, bypass_csp=True, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(WAIT_MS)
    yield context
    context.close()


@pytest.fixture
def strict_context(browser):
    """A context that enforces the site's Content Security Policy."""
    context = browser.new_context(user_agent=DESKTOP_CHROME)
    context.set_default_timeout(WAIT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def new_page(browser):
    """Open a page in a browser of its own (its own cookies): one per person in a test."""
    contexts = []

    def new():
        contexts.append(browser.new_context())
        contexts[-1].set_default_timeout(WAIT_MS)
        return contexts[-1].new_page()

    yield new
    for context in contexts:
        context.close()


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        pytest.skip("needs axe-core from npm: run `npm ci` at the top of the project")
    return AXE.read_text()


@pytest.fixture(scope="session")
def vnu():
    """Validate HTML files with the Nu validator; return {file name: [message, …]}."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("needs Java for the Nu validator: apt-get install default-jre-headless")
    if not VNU.exists():
        pytest.skip("needs vnu-jar from npm: run `npm ci` at the top of the project")

    def validate(paths):
        result = subprocess.run(
            [java, "-jar", str(VNU), "--format", "json", *map(str, paths)],
            capture_output=True,
            text=True,
            timeout=WAIT_MS / 1000,
        )
        messages = {Path(path).name: [] for path in paths}
        for message in json.loads(result.stderr or '{"messages": []}')["messages"]:
            messages[Path(message.get("url", "")).name].append(message)
        return messages

    return validate


@pytest.fixture(scope="session")
def axe(axe_source):
    """Run axe-core on a loaded page against WCAG 2.2 A/AA and best practice; return violations."""

    def run(page):
        page.add_script_tag(content=axe_source)
        return page.evaluate(AXE_RUN)

    return run


AXE_RUN = """async () => {
    const results = await axe.run(document, {
        runOnly: {type: "tag", values: [
            "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"
        ]},
        resultTypes: ["violations"],
    });
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary),
    }));
}"""


@pytest.fixture
def publication(db):
    """A small live publication: two issues, articles in every section, authors, tags."""
    from articles.models import DailyReads, PartnerSite, StaffPublication
    from tests.factories import make_article, make_author, make_issue, make_tag

    today = timezone.localdate()
    older = make_issue(date=today - timedelta(days=28), number=1)
    issue = make_issue(date=today - timedelta(days=14), number=2, title="Security in the Caspian")
    starr = make_author(
        "S. Frederick Example",
        affiliation="Institute",
        bio="S. Frederick Example chairs the institute.",
    )
    cornell = make_author("Svante E. Example", bio="Svante E. Example directs the institute.")
    kazakhstan, georgia = make_tag("Kazakhstan"), make_tag("Georgia")
    lead = make_article(
        "The Kazakh military looks west",
        section_slug="analytical-articles",
        issue=issue,
        authors=[starr, cornell],
        teaser="Kazakhstan turns to NATO for its military reform.",
        background="<p>During his meetings with NATO, the President made suggestions on "
        "military cooperation, exercises and training.</p>",
        implications="<p>NATO's attempts to deepen its ties meet a positive response.</p>",
        conclusions='<p>Kazakhstan is a <a href="https://example.org/">keen partner</a>.</p>',
        read_count=5182,
    )
    lead.tags.add(kazakhstan)
    report = make_article(
        "Elections in Georgia",
        issue=issue,
        authors=[cornell],
        body="<p>Georgians voted on Sunday in a calm election.</p>",
    )
    report.tags.add(georgia)
    digest = make_article(
        "The fortnight in brief", section_slug="news-digest", issue=issue, authors=[starr]
    )
    digest.tags.add(kazakhstan, georgia)
    make_article("An earlier report from Astana", issue=older, authors=[starr]).tags.add(kazakhstan)
    DailyReads.objects.create(article=lead, date=today, count=40)
    DailyReads.objects.create(article=report, date=today - timedelta(days=3), count=12)
    PartnerSite.objects.create(name="Silk Road Studies", url="https://silkroad.example.org/")
    StaffPublication.objects.create(
        kind=StaffPublication.Kind.SILK_ROAD_PAPER,
        authors="S. Frederick Example",
        title="Policy in Central Asia through Central Asian Eyes",
        date=today - timedelta(days=60),
    )
    return {"issue": issue, "article": lead, "author": starr, "tag": kazakhstan}
