"""Pelican settings for local builds (`make html`, `make devserver`)."""

AUTHOR = "factsheets editors"
SITENAME = "Weapons to Ukraine: sourced fact sheets"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
THEME = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE = "fs"  # a saved .txt article may carry no date

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["factsheets"]

# Everything an article or a fact sheet says is escaped unless a template
# marks it safe on purpose (the article body Pelican rendered).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# Pretty URLs: /articles/<slug>/, /systems/<id>/, /topics/<id>/.
ARTICLE_URL = "articles/{slug}/"
ARTICLE_SAVE_AS = "articles/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DIRECT_TEMPLATES = ["index"]
# The site is organised by system and topic, not by Pelican's taxonomies.
TAG_SAVE_AS = TAGS_SAVE_AS = ""
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DEFAULT_PAGINATION = False

# No feeds in local builds.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Pelican keeps what its readers produced and reads again only changed
# articles: rebuilds of a large archive skip most Markdown conversion.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True

# factsheets plugin (defaults shown; see README "Settings").
FACTSHEETS_FACTS_DIR = "facts"
FACTSHEETS_TOPICS_FILE = "topics.yaml"
FACTSHEETS_UPDATE_ON_BUILD = True
FACTSHEETS_REVIEW_PAGE = True
FACTSHEETS_SEARCH = True
FACTSHEETS_SEARCH_ARTICLE_TEXT = False
FACTSHEETS_WORKERS = 0
