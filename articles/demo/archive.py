"""A synthetic archive for benchmarks: years of biweekly issues, their articles and authors.

Deterministic for a seed, and fast: every table is filled with bulk_create in batches, so
10,000 articles of about 1,500 words take seconds, not the minutes per-object saves would.
Bulk inserts skip Article.save(), so the fields it derives (teaser, word count) are filled
here with the same functions. The text is made of a fixed pool of sentences about the region,
so search, listings and the article page see realistic sizes and vocabulary.
"""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from analyst.models import SiteSettings

from ..models import (
    Article,
    Author,
    Authorship,
    DailyReads,
    Issue,
    PartnerSite,
    SearchEntry,
    Section,
    StaffPublication,
    Tag,
)
from ..search.index import refresh_entries
from ..text.plain import count_words
from ..text.teasers import derive_teaser

BATCH = 500
ISSUE_DAYS = 14
RECENT_ISSUES_WITH_DAILY_READS = 4
DAILY_READS_DAYS = 30

PLACES = [
    "Afghanistan", "Armenia", "Azerbaijan", "Georgia", "Iran", "Kazakhstan", "Kyrgyzstan",
    "Mongolia", "Pakistan", "Russia", "Tajikistan", "Turkmenistan", "Uzbekistan", "China",
    "Turkey", "India", "Caspian Sea", "South Caucasus", "North Caucasus", "Central Asia",
    "Xinjiang", "Black Sea", "European Union", "United States", "Ferghana Valley",
]  # fmt: skip
ACTORS = [
    "the government", "the parliament", "the ruling party", "the opposition", "the ministry of "
    "energy", "the central bank", "regional governors", "the security services", "foreign "
    "investors", "the state oil company", "neighbouring states", "Moscow", "Beijing", "Brussels",
    "Washington", "Ankara", "Tehran", "local elites", "the armed forces", "donor agencies",
]  # fmt: skip
VERBS = [
    "has moved to strengthen", "is reconsidering", "has quietly expanded", "continues to resist",
    "is negotiating over", "has publicly questioned", "is seeking to diversify",
    "has tightened control of", "stands to gain from", "was forced to revisit",
    "is increasingly dependent on", "has announced a review of",
]  # fmt: skip
OBJECTS = [
    "the pipeline project", "transit revenues", "the new railway corridor", "border security",
    "its gas exports", "the electoral law", "water sharing on the river", "the banking sector",
    "military cooperation", "the privatisation programme", "media freedom",
    "the customs union", "the hydropower dam", "labour migration", "the grain trade",
    "anti-corruption reform", "the port expansion", "its debt to foreign lenders",
]  # fmt: skip
CLAUSES = [
    "which analysts in the region had long expected",
    "although the details remain unpublished",
    "a step that surprised many observers",
    "as the economic slowdown deepens",
    "while the neighbouring capitals watch closely",
    "despite earlier assurances to the contrary",
    "in a sign of shifting priorities",
    "after months of closed negotiations",
    "even as public criticism grows",
    "with consequences that reach well beyond the region",
]
TITLE_NOUNS = [
    "Military", "Gas Diplomacy", "Opposition", "Border", "Railway Ambitions", "Reform Agenda",
    "Energy Policy", "Succession Question", "Water Dispute", "Banking Crisis", "Elections",
    "Security Doctrine", "Trade Corridor", "Media Crackdown", "Migration Policy",
]  # fmt: skip
TITLE_TURNS = [
    "Looks West", "Turns East", "Under Pressure", "at a Crossroads", "Gains Ground",
    "Faces a Test", "Reconsidered", "Between Moscow and Beijing", "After the Vote",
    "in Transition", "Stalls", "Takes Shape",
]  # fmt: skip
FIRST_NAMES = [
    "Arman", "Nino", "Rustam", "Aigerim", "Giorgi", "Leyla", "Timur", "Dilnoza", "Farid", "Anna",
    "Bakhyt", "Elena", "Kamran", "Madina", "Oleg", "Saida", "Zurab", "Gulnara", "Murat", "Irina",
    "Svante", "Frederick", "Roger", "Johanna", "Stephen", "Alexander", "Richard", "Nargis",
    "Daniel", "Sofia", "Tigran", "Ayesha", "Emil", "Zarina", "Pavel", "Lola", "Samir", "Marta",
    "Azamat", "Katarina",
]  # fmt: skip
LAST_NAMES = [
    "Seitkali", "Beridze", "Karimov", "Nurlanova", "Gelashvili", "Aliyeva", "Rakhimov",
    "Yusupova", "Mammadov", "Petrova", "Abenov", "Sokolova", "Huseynov", "Tashkentova",
    "Ivanov", "Rahimova", "Kvaratskhelia", "Bekova", "Ozturk", "Volkova", "Cornell", "Starr",
    "McDermott", "Blank", "Nichol", "Cooley", "Weitz", "Hashimova", "Lindqvist", "Marsh",
]  # fmt: skip
ROLES = ["senior fellow", "research associate", "analyst", "professor", "correspondent"]
AFFILIATIONS = [
    "the Northbridge Institute for Eurasian Policy", "the Caspian Policy Forum",
    "the University of Tbilisi", "the Almaty Centre for Strategic Studies",
    "the Baltic Eurasia Programme", "an independent consultancy in Baku",
]  # fmt: skip
STAFF_KINDS = [kind for kind, _ in StaffPublication.Kind.choices]


@dataclass
class Plan:
    issues: int
    articles: int
    authors: int
    seed: int = 2003
    words: int = 1500


class SentencePool:
    """A fixed pool of sentences, drawn from at random to make paragraphs of a given length."""

    def __init__(self, rng, size=4000):
        self.rng = rng
        self.sentences = [self._sentence() for _ in range(size)]
        self.words = [len(sentence.split()) for sentence in self.sentences]

    def _sentence(self):
        rng = self.rng
        sentence = f"In {rng.choice(PLACES)}, {rng.choice(ACTORS)} {rng.choice(VERBS)} "
        sentence += f"{rng.choice(OBJECTS)}"
        if rng.random() < 0.6:
            sentence += f", {rng.choice(CLAUSES)}"
        if rng.random() < 0.3:
            sentence += f", and {rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        return sentence[0].upper() + sentence[1:] + "."

    def html(self, words):
        """Paragraphs of four to seven sentences, about `words` words in all."""
        paragraphs, total = [], 0
        while total < words:
            picks = self.rng.choices(range(len(self.sentences)), k=self.rng.randint(4, 7))
            paragraphs.append("<p>" + " ".join(self.sentences[i] for i in picks) + "</p>")
            total += sum(self.words[i] for i in picks)
        return "".join(paragraphs)


def generate_archive(plan, today=None):
    """Fill an empty archive from `plan`; return the number of articles made."""
    rng = random.Random(plan.seed)
    today = today or timezone.localdate()
    pool = SentencePool(rng)
    with transaction.atomic():
        _site_furniture(rng)
        tags = Tag.objects.bulk_create([Tag(name=name, slug=slugify(name)) for name in PLACES])
        authors = _authors(rng, plan.authors)
        issues = _issues(plan.issues, today)
        sections = {section.slug: section for section in Section.objects.all()}
        made = 0
        for start in range(0, plan.articles, BATCH):
            numbers = range(start, min(start + BATCH, plan.articles))
            made += _article_batch(rng, pool, plan, numbers, issues, sections, authors, tags)
        _daily_reads(rng, issues, today)
    index_archive()
    return made


def index_archive():
    """Give every article its search entry (bulk inserts skip the signals that keep them)."""
    if SearchEntry.objects.count() != Article.objects.count():
        refresh_entries(Article.objects.values_list("pk", flat=True))


def wipe_archive():
    """Delete every article, issue, author and tag, and the sidebar's content."""
    with transaction.atomic():
        for model in (DailyReads, Authorship, Article, Issue, Author, Tag):
            model.objects.all().delete()
        StaffPublication.objects.all().delete()
        PartnerSite.objects.all().delete()


def analyze_tables():
    """Refresh PostgreSQL's statistics so the planner sees the new archive's real sizes."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # VACUUM cannot run inside a transaction (a test, a caller's atomic block).
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


def _site_furniture(rng):
    settings = SiteSettings.load()
    settings.name = "Caspian Crossroads Analyst"
    settings.tagline = "Biweekly analysis of Central Asia, the Caucasus and their neighbourhood"
    settings.about = "A synthetic archive made for benchmarks: twenty years of issues."
    settings.save()
    PartnerSite.objects.bulk_create(
        PartnerSite(
            name=f"Partner Institute {n}", url=f"https://partner{n}.example.org/", position=n
        )
        for n in range(1, 5)
    )
    StaffPublication.objects.bulk_create(
        StaffPublication(
            kind=rng.choice(STAFF_KINDS),
            authors=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            title=f"{rng.choice(PLACES)}'s {rng.choice(TITLE_NOUNS)} {rng.choice(TITLE_TURNS)}",
            outlet=rng.choice(["", "Foreign Policy Review", "The Eurasia Quarterly"]),
            date=timezone.localdate() - timedelta(days=30 * n),
            url=f"https://publications.example.org/{n}/",
        )
        for n in range(30)
    )


def _authors(rng, count):
    names = [f"{first} {last}" for last in LAST_NAMES for first in FIRST_NAMES]
    rng.shuffle(names)
    authors = []
    for number in range(count):
        name = names[number % len(names)]
        if number >= len(names):
            name = f"{name} {number // len(names) + 1}"
        affiliation = rng.choice(AFFILIATIONS)
        bio = f"{name} is a {rng.choice(ROLES)} at {affiliation}."
        authors.append(Author(name=name, slug=slugify(name), affiliation=affiliation[4:], bio=bio))
    return Author.objects.bulk_create(authors, batch_size=BATCH)


def _issues(count, today):
    """Biweekly issues ending yesterday (so all are out), numbered within each year's volume."""
    first_day = today - timedelta(days=ISSUE_DAYS * (count - 1) + 1)
    issues, numbers = [], {}
    for number in range(count):
        day = first_day + timedelta(days=ISSUE_DAYS * number)
        volume = day.year - first_day.year + 1
        numbers[volume] = numbers.get(volume, 0) + 1
        issues.append(
            Issue(
                date=day,
                slug=day.isoformat(),
                volume=volume,
                number=numbers[volume],
                status=Issue.Status.PUBLISHED,
                published_at=_morning_of(day),
            )
        )
    return Issue.objects.bulk_create(issues, batch_size=BATCH)


def _morning_of(day):
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def _article_batch(rng, pool, plan, numbers, issues, sections, authors, tags):
    articles = [_article(rng, pool, plan, number, issues, sections) for number in numbers]
    articles = Article.objects.bulk_create(articles, batch_size=BATCH)
    Authorship.objects.bulk_create(
        [
            Authorship(article=article, author=author, position=position)
            for article in articles
            for position, author in enumerate(_pick_authors(rng, authors))
        ],
        batch_size=BATCH,
    )
    Tagging = Article.tags.through
    Tagging.objects.bulk_create(
        [
            Tagging(article_id=article.pk, tag_id=tag.pk)
            for article in articles
            for tag in rng.sample(tags, rng.randint(1, 3))
        ],
        batch_size=BATCH,
    )
    return len(articles)


def _article(rng, pool, plan, number, issues, sections):
    issue = issues[number * len(issues) // plan.articles]
    roll = rng.random()
    section = (
        "analytical-articles" if roll < 0.5 else "field-reports" if roll < 0.85 else "news-digest"
    )
    title = f"{rng.choice(PLACES)}'s {rng.choice(TITLE_NOUNS)} {rng.choice(TITLE_TURNS)}"
    parts = _text(rng, pool, plan.words, structured=section == "analytical-articles")
    whole = "".join(parts.values())
    read_count = int(rng.lognormvariate(7, 1))
    return Article(
        title=title,
        slug=f"{slugify(title)}-{number + 1}",
        section=sections[section],
        issue=issue,
        issue_position=number,
        status=Article.Status.PUBLISHED,
        published_at=issue.published_at,
        read_count=read_count,
        derived_teaser=derive_teaser(whole),
        word_count=count_words(whole),
        **parts,
    )


def _text(rng, pool, words, structured):
    """The body, or for a structured section its Background, Implications and Conclusions."""
    words = int(words * rng.uniform(0.8, 1.2))
    if not structured:
        return {"body": pool.html(words)}
    return {
        "background": pool.html(words * 2 // 5),
        "implications": pool.html(words * 2 // 5),
        "conclusions": pool.html(words // 5),
    }


def _pick_authors(rng, authors):
    """One author, sometimes two; a few prolific authors write much of the archive."""
    count = 2 if rng.random() < 0.25 else 1
    picks = []
    while len(picks) < count:
        author = authors[min(int(rng.paretovariate(1.2)) - 1, len(authors) - 1)]
        if rng.random() < 0.5:
            author = rng.choice(authors)
        if author not in picks:
            picks.append(author)
    return picks


def _daily_reads(rng, issues, today):
    """Daily read counts for the latest issues' articles, for the "most read" lists."""
    recent = Article.objects.filter(issue__in=issues[-RECENT_ISSUES_WITH_DAILY_READS:])
    DailyReads.objects.bulk_create(
        [
            DailyReads(article_id=pk, date=day, count=rng.randint(1, 90))
            for pk, published_at in recent.values_list("pk", "published_at")
            for day in (today - timedelta(days=days) for days in range(DAILY_READS_DAYS))
            if day >= timezone.localdate(published_at) and rng.random() < 0.7
        ],
        batch_size=BATCH,
    )
