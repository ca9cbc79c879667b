"""Pelican settings for publishing (`make publish`): absolute URLs and feeds."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "")
RELATIVE_URLS = False
# this build is the one readers see: record what it shows (content/published.json), so a
# later edit of a published value is logged as a correction
FACTSHEETS_RECORD_PUBLISHED = True

FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = None

DELETE_OUTPUT_DIRECTORY = True

# The review page is for editors, not readers.
FACTSHEETS_REVIEW_PAGE = False
# A sheet no editor has reviewed yet (`review: needed`) is not published.
FACTSHEETS_PUBLISH_UNREVIEWED = False
