"""Import by URL: fetch a web page safely and read the news article in it.

* `policy.py`: what a fetch may do (timeouts, size, redirects, content types, which
  addresses), from the NEWSDRIFT_FETCH_* settings.
* `addresses.py`: resolving a host name and refusing private, loopback and link-local
  addresses.
* `client.py`: the fetch itself (urllib3), connecting to the very address that was
  checked, hop by hop through redirects.
* `extract.py`: the article's text and metadata (trafilatura), handed to the same
  reader checks as a file.
* `provenance.py`: the fetched page kept beside the article it gave, and its versions.

Every refusal is an `ArticleImportError` (a `FetchRefused`): one line naming the URL
and the reason, which every import path already shows as it shows a bad file.
"""

from articles.fetching.errors import FetchRefused
from articles.fetching.page import FetchedPage, is_fetchable_url

__all__ = ["FetchRefused", "FetchedPage", "is_fetchable_url"]
