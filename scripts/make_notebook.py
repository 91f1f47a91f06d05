"""Write notebooks/explore.ipynb from the cells below, without outputs.

    .venv/bin/python scripts/make_notebook.py            # (re)write the notebook
    .venv/bin/python scripts/make_notebook.py --check    # exit 1 if the committed one differs

The notebook is generated so that a review reads plain Python and Markdown here, and so that
a regenerated notebook is byte-identical (fixed cell ids, no outputs, no execution counts).
tests/test_notebook.py runs it top to bottom against the test database and checks it is
current.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from textwrap import dedent

import nbformat
from nbformat.notebooknode import NotebookNode

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"

# (kind, source): "md" for Markdown, "py" for code. Each question: a short intro, then code
# that ends in a Plotly figure.
CELLS: list[tuple[str, str]] = [
    (
        "md",
        """
        # Exploring portal readership

        Questions the team asks, answered from the engagement database with the same named
        queries the dashboard uses (`etl/sql/queries/`) and the documented views
        (`docs/schema.md`). The notebook opens the database named by `ENGAGEMENT_DB`
        (default `data/engagement.duckdb`, which `make run` builds from demo data) read-only,
        in Kyiv time.

        Two kinds of numbers appear: **views gained** in a period (how much an article was read
        then, from the differences between readings of its counter) and an article's **latest
        counter** (`views`: everything it gathered since it was published).
        """,
    ),
    (
        "py",
        """
        import os
        import sys
        from datetime import date, timedelta
        from pathlib import Path

        # Make `etl` importable whether the kernel starts in notebooks/ or in the repository.
        ROOT = next(p for p in [Path.cwd(), *Path.cwd().parents] if (p / "etl").is_dir())
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))

        import pandas as pd
        import plotly.express as px
        import plotly.io as pio

        from etl import connect, queries

        # Plotly's own MIME type: JupyterLab, Notebook 7 and VS Code draw it; nothing is
        # fetched from the internet.
        pio.renderers.default = "plotly_mimetype"

        con = connect()  # read-only, TimeZone = Europe/Kyiv
        print("database:", os.environ.get("ENGAGEMENT_DB", ROOT / "data" / "engagement.duckdb"))
        """,
    ),
    (
        "md",
        """
        ## What can be asked

        Every named query, with its parameters and columns. Periods are `[start, end)`: the
        end day is not included. List filters (`oblasts`, `tags`) left out mean "all";
        `edition` left out means both editions and reprints.
        """,
    ),
    (
        "py",
        """
        pd.set_option("display.max_colwidth", 120)
        queries.catalogue()
        """,
    ),
    (
        "py",
        """
        quality = queries.run(con, "data_quality").iloc[0]
        # Periods below end at the last day the data covers, so the notebook reads the same on
        # the demo database and on a real one that was last loaded a while ago.
        data_end = pd.Timestamp(quality["data_end"]).date()
        end = data_end + timedelta(days=1)
        print(f"{quality['articles']} articles, data from {quality['data_start']:%Y-%m-%d} "
              f"to {data_end}, demo data: {bool(quality['demo_loaded'])}")
        """,
    ),
    (
        "md",
        """
        ## Which oblasts read most in the last 12 weeks?

        Views gained in the period by articles about each oblast (an article about two oblasts
        counts in both), from the per-day rollup.
        """,
    ),
    (
        "py",
        """
        start = end - timedelta(weeks=12)
        by_oblast = queries.run(con, "readership_by_oblast_rollup", start=start, end=end)
        top_oblasts = by_oblast.nlargest(15, "views").sort_values("views")
        fig = px.bar(
            top_oblasts, x="views", y="name_en", orientation="h",
            hover_data=["articles", "views_per_article"],
            labels={"views": "views gained", "name_en": ""},
            title=f"Views gained by oblast, {start} to {data_end}",
        )
        fig.show()
        """,
    ),
    (
        "md",
        """
        ## The top articles of a month

        The last full month in the data, ranked by the views each article gained in it
        (`total_views` is its latest counter, for comparison).
        """,
    ),
    (
        "py",
        """
        month_end = end.replace(day=1)  # the last month that is complete in the data
        month_start = (month_end - timedelta(days=1)).replace(day=1)
        top = queries.run(con, "top_articles", start=month_start, end=month_end, top=10)
        top["label"] = top["title"].fillna(top["article_key"]).str.slice(0, 70)
        fig = px.bar(
            top.sort_values("views"), x="views", y="label", color="edition", orientation="h",
            hover_data=["published_date", "total_views", "url"],
            labels={"views": "views gained", "label": ""},
            title=f"Top articles of {month_start:%B %Y} by views gained",
        )
        fig.show()
        top[["published_date", "edition", "title", "views", "total_views"]]
        """,
    ),
    (
        "md",
        """
        ## International support: how much of the coverage, and which donors?

        Per month over the last two years: the share of published articles about international
        support (coverage) and the share of all views gained that went to such articles
        (attention). Then the donors most often named in that period.
        """,
    ),
    (
        "py",
        """
        since = (data_end.replace(day=1) - timedelta(days=730)).replace(day=1)
        published = queries.run(
            con, "publications_over_time", start=since, end=end, grain="month"
        )
        read = queries.run(con, "views_over_time_rollup", start=since, end=end, grain="month")


        def support_share(frame: pd.DataFrame, value: str) -> pd.Series:
            per_month = frame.pivot_table(
                index="period", columns="international_support", values=value,
                aggfunc="sum", fill_value=0,
            )
            return per_month.get(True, 0) / per_month.sum(axis=1)


        shares = pd.DataFrame({
            "coverage (articles)": support_share(published, "articles"),
            "attention (views)": support_share(read, "views"),
        }).reset_index().melt(id_vars="period", var_name="share of", value_name="share")
        fig = px.line(
            shares, x="period", y="share", color="share of", markers=True,
            title="International support: share of articles and of views, per month",
        )
        fig.update_yaxes(tickformat=".0%")
        fig.show()
        """,
    ),
    (
        "py",
        """
        donors = queries.run(con, "donors", start=since, end=end).nlargest(10, "articles")
        fig = px.bar(
            donors.sort_values("articles"), x="articles", y="donor", color="donor_country",
            orientation="h", hover_data=["donor_kind", "views"],
            labels={"articles": "articles published", "donor": ""},
            title=f"Donors named most often since {since}",
        )
        fig.show()
        """,
    ),
    (
        "md",
        """
        ## Twinning: how far have the partnerships got, and with which countries?

        Every hromada-partner pair ever mentioned, counted by the partner's country and the
        stage of its latest mention (talks, activity, signed).
        """,
    ),
    (
        "py",
        """
        pairs = queries.run(con, "twinning_pairs_in_period", start=date(2000, 1, 1), end=end)
        by_country = (
            pairs.assign(country=pairs["country"].fillna("unknown"))
            .groupby(["country", "latest_stage"], as_index=False)
            .size()
            .rename(columns={"size": "pairs"})
        )
        order = by_country.groupby("country")["pairs"].sum().sort_values(ascending=False).index
        fig = px.bar(
            by_country, x="country", y="pairs", color="latest_stage",
            category_orders={"country": list(order),
                             "latest_stage": ["talks", "activity", "signed"]},
            title="Twinning pairs by partner country and latest stage",
        )
        fig.show()
        """,
    ),
    (
        "md",
        """
        ## English and Ukrainian readership of the same story

        Story linking pairs each English page with its Ukrainian original. Here each story with
        both editions is one point: the latest counters of its two pages. Points under the
        diagonal were read less in English; the English page is usually published later, so it
        has had less time.
        """,
    ),
    (
        "py",
        """
        both = con.sql(
            '''
            select story_id,
                   any_value(title) filter (where edition = 'uk') as title,
                   sum(views) filter (where edition = 'uk') as views_uk,
                   sum(views) filter (where edition = 'en') as views_en,
                   max(story_lag_hours) filter (where edition = 'en') as english_lag_hours
            from articles_enriched
            where story_id is not null
            group by story_id
            having views_uk > 0 and views_en > 0
            '''
        ).df()
        print(f"{len(both)} stories in both editions; median English/Ukrainian ratio "
              f"{(both['views_en'] / both['views_uk']).median():.2f}")
        fig = px.scatter(
            both, x="views_uk", y="views_en", hover_name="title",
            hover_data=["english_lag_hours"], log_x=True, log_y=True,
            labels={"views_uk": "Ukrainian page views", "views_en": "English page views"},
            title="Views of the same story in both editions",
        )
        top_views = float(max(both["views_uk"].max(), both["views_en"].max(), 10))
        fig.add_shape(type="line", x0=1, y0=1, x1=top_views, y1=top_views,
                      line={"dash": "dot", "color": "grey"})
        fig.show()
        """,
    ),
    (
        "md",
        """
        ## Free-form SQL on the documented views

        `docs/schema.md` lists the views and their columns; their names and columns are kept
        stable. Bind values with `?` rather than pasting them into the SQL text. Here: views
        gained per week by articles about the oblast read most in the last 12 weeks, per
        edition, from `daily_views` joined to `articles_enriched`.
        """,
    ),
    (
        "py",
        """
        oblast = by_oblast.nlargest(1, "views").iloc[0]
        weekly = con.execute(
            '''
            select date_trunc('week', d.day) as week, coalesce(a.edition, 'reprint') as edition,
                   sum(d.views) as views
            from daily_views d
            join articles_enriched a using (article_key)
            where list_contains(a.oblasts, ?) and d.day >= ? and d.day < ?
            group by all
            order by week
            ''',
            [oblast["oblast_iso"], end - timedelta(weeks=26), end],
        ).df()
        fig = px.line(
            weekly, x="week", y="views", color="edition", markers=True,
            labels={"views": "views gained"},
            title=f"Weekly views gained by articles about {oblast['name_en']}",
        )
        fig.show()
        """,
    ),
    (
        "py",
        """
        # The dashboard's filters as a table macro: edition, oblasts, hromada, tags
        # (NULL or an empty list = no filter).
        con.execute(
            "select count(*) as articles, sum(views) as latest_counters "
            "from matching_articles(?, ?, ?, ?)",
            ["en", [oblast["oblast_iso"]], None, []],
        ).df()
        """,
    ),
    ("py", "con.close()"),
]

METADATA = {
    "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
    "language_info": {"name": "python"},
}


def build() -> NotebookNode:
    nb = nbformat.v4.new_notebook(metadata=METADATA)
    for index, (kind, source) in enumerate(CELLS):
        text = dedent(source).strip()
        cell = (
            nbformat.v4.new_markdown_cell(text) if kind == "md" else nbformat.v4.new_code_cell(text)
        )
        cell["id"] = f"cell-{index:02d}"  # fixed, so a regenerated notebook has no diff
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def render() -> str:
    return nbformat.writes(build()) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = NOTEBOOK.read_text(encoding="utf-8") if NOTEBOOK.exists() else ""
        if current != text:
            print(f"{NOTEBOOK} is not what {Path(__file__).name} writes: run it", file=sys.stderr)
            return 1
        return 0
    NOTEBOOK.parent.mkdir(parents=True, exist_ok=True)
    NOTEBOOK.write_text(text, encoding="utf-8")
    print(f"wrote {NOTEBOOK.relative_to(ROOT)} ({len(CELLS)} cells)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
