"""Evidence packs written out by hand, with every awkward value a format must cope with."""

from datetime import date

from analysis.pack import SUPPRESSED, Bar, Chart, Pack, Period, Quote, Section, Table

HYPERLINK = '=HYPERLINK("http://x")'
SCRIPT = "<script>alert(1)</script>"
SAFE = Table(
    title="Do you feel safe at school?",
    columns=("Answer", "Children", "Percent", "Change since last year"),
    rows=(
        ("Yes", 1204, 82.4, -3.5),
        ("No", SUPPRESSED, SUPPRESSED, None),
        (HYPERLINK, 37, 2.5, 1.5),
    ),
    notes=("Change is in percentage points.",),
)
HELP = Table(
    title="What would help you most?",
    columns=("Idea", "Practitioners"),
    rows=(("+1 for more staff", 23), ("@SUM(A1)", 14)),
)
PACK = Pack(
    title="Voice of the child and frontline staff",
    board="Riverton Safeguarding Children Partnership",
    period=Period(date(2026, 4, 1), date(2026, 9, 30), "April to September 2026", widened=True),
    made_on=date(2026, 10, 2),
    count_threshold=5,
    group_threshold=10,
    sections=(
        Section(
            key="children",
            title="Children and young people",
            framework="Section D",
            statements=("Most children feel safe at school.",),
            tables=(SAFE,),
            charts=(
                Chart(
                    title=SAFE.title,
                    bars=(
                        Bar("Yes", 82.4, "82.4%"),
                        Bar("No", None, "c"),
                        Bar("Other", 2.5, "2.5%"),
                    ),
                    summary="82.4% of children feel safe at school; the share saying no is hidden.",
                ),
            ),
            quotes=(Quote(theme="Being listened to", text=f"They never listen {SCRIPT}"),),
            notes=("Children aged 8 to 12.",),
        ),
        Section(
            key="practitioners",
            title="Practitioners",
            framework="Section E",
            tables=(HELP,),
        ),
    ),
    notes=("Counts are of people, not of answers.",),
)
EMPTY = Pack(
    title="Voice of the child",
    board="Riverton Safeguarding Children Partnership",
    period=Period(date(2026, 1, 1), date(2026, 1, 31), "January 2026"),
    made_on=date(2026, 2, 1),
    count_threshold=5,
    group_threshold=10,
    sections=(),
    notes=("No responses in this period",),
)
