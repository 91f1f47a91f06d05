"""Every CSS selector the HTML extractors use, in one place.

The live article markup is not confirmed (FORMAT.md §12): these follow docs/portal-html.md, so
correcting them against the live site is a change to this file only. Listing blocks
(`one-article`) and the Open Graph tags are confirmed on the live site.
"""

from __future__ import annotations

CANONICAL = 'link[rel="canonical"]'
OG_URL = 'meta[property="og:url"]'
OG_TITLE = 'meta[property="og:title"]'
HTML_TITLE = "title"

ARTICLE = "article.news-item"
TITLE = ".news-item__title"
DATE = ".news-item__date"
VIEWS = ".news-item__views"
BODY = ".news-item__body"
BODY_BLOCKS = "p, li, h2, h3, h4, h5, h6, blockquote, pre, td"
TAG_LINKS = ".news-item__tags a"
TAGS = ".news-item__tags"
REGION_LINKS = ".news-item__regions a"
REGIONS = ".news-item__regions"
HROMADA_LINKS = ".news-item__hromadas a"
HROMADAS = ".news-item__hromadas"
SOURCE_VALUE = ".news-item__source .value"
SOURCE = ".news-item__source"
LABEL = ".label"

# Listing pages (confirmed block names) and the related-news list that reuses them.
LISTING_ITEM = ".one-article"
LISTING_TAG = ".one-article__tag"
LISTING_TITLE = ".one-article__title"
LISTING_DATE = ".one-article__date"
LISTING_REGION = ".one-article__region"
RELATED = ".related-news"

# Markup never read as text on someone else's page (reprints).
NOT_TEXT = "script, style, noscript, template, svg, iframe, form, nav, header, footer, aside"
