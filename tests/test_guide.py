"""The instructor guide, its assessment page and its slides agree with the chapters.

Every exercise the guide names ({ref}), every page it links, every chapter section it assigns
(in italics after a chapter link in a reading list) and every chart it names (``chart "Title"``,
or a slide's ``Chart: Title``) exists in the chapters as they are now, with the charts read from
the notebooks' stored outputs. Every session's scholarly reading is a key of
``book/references.bib`` that a chapter cites, and its primary document a row of
``data/documents.csv`` (with the link the data give). Every session's stated reading time is the
prose word count of the sections it assigns, at 200 words a minute, within 10 %. And the guide
quotes only what the handbook holds, by the chapters' own rule.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from charts_in_book import NOTEBOOKS, stored_charts

from handbook import ROOT, data
from handbook.sources import bibliography

BOOK = ROOT / "book"
GUIDE = BOOK / "instructor-guide.md"
PAGES = [GUIDE, *sorted((BOOK / "teaching").glob("*.md")), *sorted((BOOK / "slides").glob("*.md"))]
WORDS_PER_MINUTE = 200
TOLERANCE = 0.10

CITE = re.compile(r"\{cite(?::\w+)?\}`([^`]*)`")
REF = re.compile(r"\{ref\}`(?:[^`<]*<)?([^`>]+)>?`")
DOC = re.compile(r"\{doc\}`(?:[^`<]*<)?([^`>]+)>?`")
LINK = re.compile(r"\]\(([^)\s]+)\)")
LABEL = re.compile(r"^\(([\w-]+)\)=\s*$", re.M)
CHART = re.compile(r"\bchart \"([^\"]+)\"")
SLIDE_CHART = re.compile(r"^:::\{admonition\} Chart: (.+)$", re.M)
SESSION = re.compile(r"^### Session (\d+)\. .*?(?=^### |^## |\Z)", re.M | re.S)
READING = re.compile(r"\*\*Reading\*\* \(([\d,]+) words of prose, about (\d+) minutes")
READING_LINE = re.compile(r"^- \[[^\]]+\]\((\d\d-[\w-]+)\.ipynb\): (.+)$", re.M)


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def flat(markdown: str) -> str:
    """Markdown with its line breaks folded, so that a title broken over two lines matches."""
    return " ".join(markdown.split())


def cells(notebook: Path) -> list[dict]:
    return json.loads(text(notebook))["cells"]


def markdown_of(notebook: Path) -> str:
    return "\n".join("".join(c["source"]) for c in cells(notebook) if c["cell_type"] == "markdown")


def sections(notebook: Path) -> dict[str, list[str]]:
    """The lines of Markdown under each second-level heading of a chapter (subsections
    included), by heading."""
    found: dict[str, list[str]] = {}
    current = None
    for line in markdown_of(notebook).splitlines():
        heading = re.match(r"^## (.+)$", line)
        if heading or line.startswith("# "):
            current = heading.group(1).strip() if heading else None
            if current:
                found[current] = []
            continue
        if current:
            found[current].append(line)
    return found


def prose_words(lines: list[str]) -> int:
    """Words a student reads in a section: Markdown prose without exercises, citations, link
    targets, HTML tags or directive fences."""
    body = "\n".join(lines)
    body = re.sub(r"```\{(solution|exercise)[\s\S]*?```", "", body)
    body = CITE.sub("", body)
    body = re.sub(r"\{[\w:-]+\}`([^`]*)`", r"\1", body)
    body = re.sub(r"\]\([^)]*\)", "]", body)
    body = re.sub(r"<[^>]+>", "", body)
    body = re.sub(r"^[:`]{3}.*$", "", body, flags=re.M)
    return len([word for word in body.split() if re.search(r"\w", word)])


def chapter(stem: str) -> Path:
    return BOOK / f"{stem}.ipynb"


def exercise_labels() -> set[str]:
    labels = set()
    for notebook in NOTEBOOKS:
        labels |= set(re.findall(r"^:label: ([\w-]+)", markdown_of(notebook), re.M))
    return labels


def chart_titles(notebook: Path) -> set[str]:
    titles = set()
    for chart in stored_charts(notebook):
        title = chart.spec.get("title", {})
        titles.add(title.get("text") if isinstance(title, dict) else title)
    return titles


def all_chart_titles() -> set[str]:
    return set().union(*(chart_titles(notebook) for notebook in NOTEBOOKS))


def sessions(markdown: str, plan_heading: str) -> list[tuple[int, str]]:
    """The ``### Session N`` blocks under the plan whose heading starts with ``plan_heading``."""
    start = markdown.index(f"## {plan_heading}")
    end = markdown.find("\n## ", start + 1)
    plan = markdown[start:end if end > 0 else None]
    return [(int(m.group(1)), m.group(0)) for m in SESSION.finditer(plan)]


def all_sessions() -> list[tuple[str, int, str]]:
    guide = text(GUIDE)
    return [(plan, number, block) for plan in ("Four sessions", "Eight sessions")
            for number, block in sessions(guide, plan)]


def test_the_plans_have_four_and_eight_sessions():
    guide = text(GUIDE)
    assert [n for n, _ in sessions(guide, "Four sessions")] == [1, 2, 3, 4]
    assert [n for n, _ in sessions(guide, "Eight sessions")] == list(range(1, 9))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(BOOK)))
def test_every_exercise_named_exists(page):
    labels = exercise_labels() | set(LABEL.findall("\n".join(text(p) for p in PAGES)))
    named = REF.findall(text(page))
    missing = sorted(set(named) - labels)
    assert not missing, f"{page.name} names exercises or sections that do not exist: {missing}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(BOOK)))
def test_every_page_linked_exists(page):
    missing = []
    for target in DOC.findall(text(page)):
        base = (page.parent / target).resolve()
        if not any(base.with_suffix(s).exists() for s in (".md", ".ipynb")):
            missing.append(target)
    for target in LINK.findall(text(page)):
        if re.match(r"^[a-z]+:", target):
            continue
        path = target.split("#")[0]
        if path and not (page.parent / path).exists():
            missing.append(target)
    assert not missing, f"{page.name} links pages that do not exist: {missing}"


def test_every_section_assigned_exists_and_the_reading_times_add_up():
    problems = []
    checked = 0
    for plan, number, block in all_sessions():
        stated = READING.search(flat(block))
        assert stated, f"{plan}, session {number}: no '**Reading** (N words of prose, about M minutes' line"
        words_stated, minutes_stated = int(stated.group(1).replace(",", "")), int(stated.group(2))
        counted = 0
        lines = READING_LINE.findall(block)
        assert lines, f"{plan}, session {number}: no reading list"
        for stem, assigned in lines:
            have = sections(chapter(stem))
            for title in re.findall(r"\*([^*]+)\*", assigned):
                if title not in have:
                    problems.append(f"{plan}, session {number}: {stem} has no section {title!r}")
                    continue
                counted += prose_words(have[title])
        if abs(words_stated - counted) > TOLERANCE * counted:
            problems.append(f"{plan}, session {number}: states {words_stated} words, the sections "
                            f"hold {counted}")
        if abs(minutes_stated - counted / WORDS_PER_MINUTE) > TOLERANCE * counted / WORDS_PER_MINUTE:
            problems.append(f"{plan}, session {number}: states {minutes_stated} minutes, the sections "
                            f"take {counted / WORDS_PER_MINUTE:.0f} at {WORDS_PER_MINUTE} words a minute")
        checked += 1
    assert checked == 12
    assert not problems, "\n".join(problems)


def test_sections_named_in_italics_after_a_chapter_exist():
    """Content warnings and exam questions name sections in italics beside a chapter link."""
    problems = []
    for page in PAGES:
        for line in text(page).splitlines():
            links = re.findall(r"\]\((?:\.\./)?(\d\d-[\w-]+)\.ipynb\)", line)
            if len(links) != 1 or line.startswith("- ["):
                continue
            have = sections(chapter(links[0]))
            for title in re.findall(r"(?<![*\w])\*([A-Z][^*]{3,})\*(?![*\w])", line):
                short = {t.split(":")[0] for t in have}
                if title not in have and title not in short and not title.endswith("?"):
                    problems.append(f"{page.name}: {links[0]} has no section {title!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(BOOK)))
def test_every_chart_named_exists(page):
    titles = all_chart_titles()
    named = CHART.findall(flat(text(page))) + SLIDE_CHART.findall(text(page))
    missing = sorted(set(named) - titles)
    assert not missing, f"{page.name} names charts the chapters do not draw: {missing}"


def test_the_four_session_plan_shows_real_charts_and_links_its_slides():
    for number, block in sessions(text(GUIDE), "Four sessions"):
        assert f"(slides/session-{number}.md)" in block, f"session {number} does not link its slides"
        assert CHART.findall(flat(block)), f"session {number} names no chart"
        assert (BOOK / "slides" / f"session-{number}.md").exists()


def test_readings_are_real_and_cited_by_the_chapters():
    bib = bibliography()
    cited = set()
    for notebook in NOTEBOOKS:
        for keys in CITE.findall(markdown_of(notebook)):
            cited |= {k.strip() for k in keys.split(",")}
    documents = data.load("documents").set_index("id")
    problems = []
    for plan, number, block in all_sessions():
        where = f"{plan}, session {number}"
        scholarly = re.search(r"\*\*Scholarly reading(?:\*\* \(optional[^)]*\):|:\*\*)(.*?)"
                              r"\*\*Primary document:\*\*", block, re.S)
        primary = re.search(r"\*\*Primary document:\*\*(.*?)(?:\n\*\*|\n\* \*\*|\Z)", block, re.S)
        if not scholarly or not primary:
            problems.append(f"{where}: no scholarly reading or no primary document")
            continue
        keys = [k.strip() for found in CITE.findall(scholarly.group(1)) for k in found.split(",")]
        if not keys:
            problems.append(f"{where}: the scholarly reading is not cited with {{cite}}")
        for key in keys:
            if key not in bib:
                problems.append(f"{where}: {key} is not in references.bib")
            elif key not in cited:
                problems.append(f"{where}: no chapter cites {key}")
        ids = re.findall(r"\bid (\d{4}-\d\d-\d\d-[\w-]+)", flat(primary.group(1)))
        if len(ids) != 1 or ids[0] not in documents.index:
            problems.append(f"{where}: primary document {ids} is not one row of documents.csv")
            continue
        url = documents.loc[ids[0], "official_url"]
        urls = re.findall(r"\]\((https?://[^)]+)\)", primary.group(1))
        if isinstance(url, str) and url:
            if urls != [url]:
                problems.append(f"{where}: {ids[0]} should link {url}, links {urls}")
        else:
            sources = set(str(documents.loc[ids[0], "source"]).split(";"))
            given = {k.strip() for found in CITE.findall(primary.group(1)) for k in found.split(",")}
            if urls or not given or not given <= sources:
                problems.append(f"{where}: {ids[0]} has no official address; cite one of its "
                                f"sources {sorted(sources)} instead")
    assert not problems, "\n".join(problems)


def test_the_guide_quotes_only_what_the_handbook_holds(seed_text):
    """The chapters' rule for quotations of five words or more, applied to the guide's pages;
    chart titles and section names, which are the chapters' own words, are left out."""
    import test_quotations as tq

    corpus = tq._corpus()
    titles = all_chart_titles()
    headings = {h for notebook in NOTEBOOKS for h in sections(notebook)}
    problems = []
    for page in PAGES:
        body = CHART.sub("", flat(text(page)))
        for quotation in tq.quotations(body):
            if quotation in titles or any(quotation in h for h in headings):
                continue
            if tq.normalise(quotation) not in corpus:
                problems.append(f"{page.name}: {quotation!r}")
    assert not problems, "quotations not found in the handbook's sources:\n" + "\n".join(problems)


def test_the_guide_names_the_chapters_with_violence_in_its_content_warnings():
    """The content warnings name every chapter whose prose tells of Bucha, executions, the
    deportation of children or strikes on hospitals."""
    guide = text(GUIDE)
    warnings = guide[guide.index("(content-warnings)="):guide.index("(personal-stakes)=")]
    words = re.compile(r"Bucha\b|summary executions|deportation of children|maternity hospital|Okhmatdyt")
    for notebook in NOTEBOOKS:
        if notebook.stem[:2].isdigit() and words.search(markdown_of(notebook)):
            assert f"({notebook.name})" in warnings, f"the content warnings leave out {notebook.name}"


MINUTES = re.compile(r"^:label: ([\w-]+)\n(?:.*\n){0,4}?\*About (\d+) minutes", re.M)
SLOT = re.compile(r"^\| (\d+)–(\d+) \| (.+) \|$", re.M)


def exercise_minutes() -> dict[str, int]:
    """Each exercise's own estimate, from the first line of its box ("*About N minutes")."""
    found = {}
    for notebook in NOTEBOOKS:
        found.update({label: int(n) for label, n in MINUTES.findall(markdown_of(notebook))})
    return found


def test_minute_plans_fit_the_exercises_own_times():
    """Every slot of a four-session minute plan holds the exercises it names in the time their
    boxes state; the slots run from 0 to 50 without gaps; in the eight-session plan, the exercises
    'In class' fit the 30 minutes the plan gives them."""
    minutes = exercise_minutes()
    assert len(minutes) > 50, "the exercise boxes' time estimates were not found"
    problems = []
    for number, block in sessions(text(GUIDE), "Four sessions"):
        slots = SLOT.findall(block)
        assert slots, f"session {number} has no minute plan"
        ends = [0] + [int(end) for _, end, _ in slots]
        if [int(start) for start, _, _ in slots] != ends[:-1] or ends[-1] != 50:
            problems.append(f"four sessions, session {number}: slots {[s[:2] for s in slots]}")
        for start, end, activity in slots:
            need = sum(minutes[label] for label in REF.findall(activity) if label in minutes)
            if need > int(end) - int(start):
                problems.append(f"four sessions, session {number}, {start}–{end}: {need} minutes "
                                f"of exercises in {int(end) - int(start)}")
    for number, block in sessions(text(GUIDE), "Eight sessions"):
        in_class = re.search(r"\*\*In class:\*\*(.*?)(?:\n\*\*|\Z)", block, re.S)
        assert in_class, f"eight sessions, session {number}: no 'In class' line"
        need = sum(minutes[label] for label in REF.findall(in_class.group(1)) if label in minutes)
        if need > 30:
            problems.append(f"eight sessions, session {number}: {need} minutes of exercises in 30")
    assert not problems, "\n".join(problems)


#: Copies of others' work that a teacher cannot give students, and blog summaries.
UNAUTHORISED = re.compile(r"taizihuang\.github\.io|docslib\.org|pdfslide\.net|readkong\.com|"
                          r"medium\.com", re.I)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(BOOK)))
def test_no_links_to_unauthorised_copies(page):
    found = UNAUTHORISED.findall(text(page))
    assert not found, f"{page.name} links unauthorised copies or summaries: {found}"


def bib_notes() -> dict[str, str]:
    raw = (BOOK / "references.bib").read_text(encoding="utf-8")
    notes = {}
    for entry in re.split(r"\n@", raw):
        key = re.match(r"\w+\{([^,]+),", entry)
        note = re.search(r'\bnote\s*=\s*"(.*?)"\s*,?\s*\n', entry, re.S)
        if key and note:
            notes[key.group(1).strip()] = " ".join(note.group(1).split())
    return notes


READ_IN_PART = re.compile(r"(?<!part was )not read|not in full|Only the abstract|Not read in full|read in these "
                          r"reviews|Read in publishers'|summary", re.I)
FLAGGED = re.compile(r"read (?:neither|only|it in|them only)|only in (?:part|summary|reviews|"
                     r"descriptions)|its abstract|in excerpts|in a reposting|unauthorised copy|"
                     r"in summary|blog summary|in reviews", re.I)


def test_readings_the_authors_read_only_in_part_say_so():
    """A scholarly reading whose bibliography note says the handbook's authors did not read it in
    full is flagged as such where the guide assigns it."""
    notes = bib_notes()
    problems = []
    for plan, number, block in all_sessions():
        scholarly = re.search(r"\*\*Scholarly reading(.*?)\*\*Primary document", block, re.S)
        if not scholarly:
            continue
        for keys in CITE.findall(scholarly.group(1)):
            for key in (k.strip() for k in keys.split(",")):
                if READ_IN_PART.search(notes.get(key, "")) and not FLAGGED.search(flat(block)):
                    problems.append(f"{plan}, session {number}: {key} is not flagged as read in part")
    assert not problems, "\n".join(problems)


def test_teachers_pages_are_left_out_of_the_student_edition():
    """The student edition (handbook/sphinx/edition.py) empties every page of this guide: the guide,
    the assessment page with its model answers, and the slide decks."""
    from handbook.sphinx.edition import teachers_only

    for page in PAGES:
        docname = page.relative_to(ROOT).with_suffix("").as_posix()
        assert teachers_only(docname), f"{docname} would show in the student edition"
    assert not teachers_only("book/01-timeline") and not teachers_only("book/student-pack")


def headings(notebook: Path) -> dict[str, str]:
    """The Markdown under every second- and third-level heading of a chapter, by heading (a
    second-level section includes its subsections)."""
    found: dict[str, list[str]] = {}
    open_: dict[int, str] = {}
    for line in markdown_of(notebook).splitlines():
        heading = re.match(r"^(#{1,3}) (.+)$", line)
        if heading:
            level = len(heading.group(1))
            open_ = {k: v for k, v in open_.items() if k < level}
            if level > 1:
                open_[level] = heading.group(2).strip()
                found.setdefault(open_[level], [])
            continue
        for title in open_.values():
            found[title].append(line)
    return {title: "\n".join(lines) for title, lines in found.items()}


def loose(text_: str) -> str:
    """Lower case, straight quotes, single spaces: for finding a clause in a chapter's prose."""
    text_ = text_.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))
    return " ".join(text_.lower().split())


def test_sections_said_to_quote_a_primary_document_quote_it():
    """Where the guide says a primary document is quoted in a chapter's section, that section
    exists (as a section or subsection of a chapter the passage links) and quotes at least six
    words running of one of the document's clauses in data/clauses.csv."""
    clauses = data.load("clauses")
    passages = re.findall(r"\*\*Primary document:\*\*(.*?)(?=\n\n|\n\* |\n\*\*|\Z)", text(GUIDE), re.S)
    assert len(passages) == 12
    problems, checked = [], 0
    for passage in map(flat, passages):
        if not re.search(r"\bquote[ds] in\b", passage):
            continue
        ids = re.findall(r"\bid (\d{4}-\d\d-\d\d-[\w-]+)", passage)
        stems = re.findall(r"\]\((\d\d-[\w-]+)\.ipynb\)", passage)
        titles = [t for t in re.findall(r"(?<![*\w])\*([A-Z][^*]{3,})\*(?![*\w])", passage)]
        assert len(ids) == 1 and stems and titles, f"unclear pointer: {passage[:120]}"
        windows = set()
        for clause in clauses.loc[clauses["document"] == ids[0], "clause"]:
            words = loose(clause).split()
            windows |= {" ".join(words[i:i + 6]) for i in range(max(1, len(words) - 5))}
        assert windows, f"{ids[0]} has no clauses"
        for title in titles:
            found = [headings(chapter(stem)).get(title) for stem in stems]
            found = [body for body in found if body is not None]
            if not found:
                problems.append(f"{ids[0]}: no section {title!r} in {stems}")
            elif not any(w in loose(body) for body in found for w in windows):
                problems.append(f"{ids[0]}: the section {title!r} quotes none of its clauses")
            checked += 1
    assert checked >= 4
    assert not problems, "\n".join(problems)


def test_the_four_session_plan_schedules_both_assignments():
    """The checklist sets the data assignment after session 2 and the source-criticism assignment
    after session 4; session 2 sets the data assignment; the install check in session 1 is
    required homework, not one of two choices."""
    guide = text(GUIDE)
    checklist = flat(guide[guide.index("## Running the four-session unit"):guide.index("## What the handbook")])
    data_step = re.search(r"\*\*After session 2\.\*\*(.*?)(?=\d\. \*\*|\Z)", checklist)
    assert data_step and "data-assignment" in data_step.group(1) and "due" in data_step.group(1)
    assert re.search(r"\*\*After session 4\.\*\* Set the source-criticism assignment", checklist)
    four = dict(sessions(guide, "Four sessions"))
    assert "data-assignment" in four[2], "session 2 does not set the data assignment"
    homework = flat(re.search(r"\* \*\*Homework:\*\*(.*?)(?=\n\n|\n\* )", four[1], re.S).group(1))
    assert "{ref}`timeline-ex-coding`" in homework and "either {ref}`timeline-ex-coding`" not in homework
    assessment = flat(text(BOOK / "teaching" / "assessment.md"))
    assert "after session 2 in the four-session unit" in assessment
    assert "Alternative for a student who cannot install the pack" in assessment


def exam_questions() -> dict[int, str]:
    page = text(BOOK / "teaching" / "assessment.md")
    exam = page[page.index("(exam)="):page.index("(ai-policy)=")]
    parts = re.split(r"^\*\*(\d)\. ", exam, flags=re.M)
    return {int(number): body for number, body in zip(parts[1::2], parts[2::2])}


def test_the_four_session_exam_rests_on_the_four_session_reading():
    """The four-session exam sets question 2 and question 5 or 6: 15 + 45 minutes. Every chapter
    those questions name is read in the four-session plan, and every section their model answers
    and marking notes name is among the sections that plan assigns."""
    page = flat(text(BOOK / "teaching" / "assessment.md"))
    assert re.search(r"four-session exam \(60 minutes\) sets question 2 and, as its essay, "
                     r"question 5 or question 6 at the student's choice \(15 \+ 45 minutes\)", page)
    assigned: dict[str, set[str]] = {}
    for _number, block in sessions(text(GUIDE), "Four sessions"):
        for stem, line in READING_LINE.findall(block):
            assigned.setdefault(stem, set()).update(re.findall(r"\*([^*]+)\*", line))
    questions = exam_questions()
    assert sorted(questions) == [1, 2, 3, 4, 5, 6]
    problems = []
    for number in (2, 5, 6):
        body = flat(questions[number])
        stems = set(re.findall(r"\]\(\.\./(\d\d-[\w-]+)\.ipynb\)", body))
        assert stems, f"question {number} names no chapter"
        for stem in stems:
            if stem not in assigned:
                problems.append(f"question {number}: {stem} is not read in the four-session plan")
                continue
            have = sections(chapter(stem))
            for title in re.findall(r"(?<![*\w])\*([A-Z][^*]{3,})\*(?![*\w])", body):
                if title in have and title not in assigned[stem]:
                    problems.append(f"question {number}: section {title!r} of {stem} is not assigned")
    assert not problems, "\n".join(problems)


HANDOUT = BOOK / "student-handout.md"


def test_the_student_handout_includes_the_rules_policy_and_both_assignments():
    """The printable student handout takes the AI policy and both assignments with their rubrics
    from the assessment page (between markers that exist there once each, so the two cannot
    drift apart), leaves out the exam and its model answers, and is kept in the student edition."""
    from handbook.sphinx.edition import teachers_only

    handout = text(HANDOUT)
    assessment = text(BOOK / "teaching" / "assessment.md")
    includes = re.findall(r"```\{include\} teaching/assessment\.md\n:start-after: \"([^\"]+)\"\n"
                          r":end-before: \"([^\"]+)\"\n:relative-docs: \.\./\n```", handout)
    assert len(includes) == 3, includes
    included = []
    for start, end in includes:
        assert assessment.count(start) == 1 and assessment.count(end) == 1, (start, end)
        included.append(assessment[assessment.index(start) + len(start):assessment.index(end)])
    body = "\n".join(included)
    for needed in ("Declare it", "Version A", "| **Voice**", "| **Computation**",
                   "Alternative for a student who cannot install the pack", "Score out of 20"):
        assert needed in body, f"the handout leaves out {needed!r}"
    for teachers in ("Model answer", "Marking notes", "For the marker", "weaker students"):
        assert teachers not in body, f"the handout includes {teachers!r}"
    assert not re.search(r"^#", body, re.M), "an included part brings its own heading"
    assert not DOC.findall(body), "{doc} paths in included parts would resolve from the handout"
    assert not teachers_only("book/student-handout")
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert "file: book/student-handout" in toc
    assert "{doc}`student-handout`" in text(GUIDE)
