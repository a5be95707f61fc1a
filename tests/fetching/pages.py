"""News-like pages written for the fetch tests: a story inside the clutter of a real
news site (navigation, ads, a comment box, a paywall teaser, related links)."""

from __future__ import annotations

STORY_PARAGRAPHS = (
    "US forces in Syria came under rocket fire on Monday evening, a day after American "
    "air strikes on militia targets near the Iraqi border, officials said.",
    "No one was hurt in the attack on the Green Village base, according to a spokesman "
    "for the coalition, Colonel Wayne Marotto.",
    "The militias, which are backed by Iran, had vowed to answer the strikes.",
    "Advertisement",
    "The Pentagon said on Sunday that the strikes hit operational and weapons storage "
    "facilities used by the groups.",
    "President Joe Biden ordered the strikes, his second such order since taking office.",
)
CHANGED_PARAGRAPH = (
    "The Pentagon said on Sunday that the strikes hit three operational and weapons "
    "storage facilities used by the groups, killing four fighters."
)


def news_page(
    *,
    title: str = "Rockets hit US base in Syria after American air strikes",
    paragraphs: tuple[str, ...] = STORY_PARAGRAPHS,
    canonical: str = "https://news.example.org/world/syria-rockets",
    extra_head: str = "",
) -> str:
    body = "\n".join(f"      <p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title} | The Daily Wire Service</title>
  <meta property="og:title" content="{title}">
  <meta property="og:site_name" content="The Daily Wire Service">
  <meta name="author" content="Phil Stewart">
  <meta property="article:published_time" content="2021-06-28T21:15:00Z">
  <link rel="canonical" href="{canonical}">
  {extra_head}
</head>
<body>
  <header class="site-header">
    <a href="/">The Daily Wire Service</a>
    <nav class="main-nav"><ul>
      <li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
      <li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li>
      <li><a href="/subscribe">Subscribe for $1 a week</a></li>
    </ul></nav>
  </header>
  <div class="ad ad-leaderboard">Advertisement: Buy the new Galaxy phone today and save 20%</div>
  <main>
    <article class="story">
      <h1>{title}</h1>
      <p class="byline">By Phil Stewart</p>
      <time datetime="2021-06-28T21:15:00Z">June 28, 2021</time>
{body}
      <div class="paywall-teaser">
        <p>Subscribe to keep reading. Get unlimited access to every story for $1 a week.</p>
        <a href="/subscribe">Subscribe now</a>
      </div>
    </article>
    <aside class="related">
      <h2>Related stories</h2>
      <ul><li><a href="/a">Ten gadgets you need this summer</a></li>
      <li><a href="/b">Markets slide as oil climbs</a></li></ul>
    </aside>
    <section class="comments">
      <h2>Comments</h2>
      <form><label>Leave a reply<textarea name="c"></textarea></label>
      <button>Post comment</button></form>
      <div class="comment"><p>First! This is all fake news, wake up people.</p></div>
    </section>
  </main>
  <footer><p>© 2021 The Daily Wire Service. All rights reserved.</p>
  <p>Cookie settings · Privacy policy · Terms of use</p></footer>
</body>
</html>
"""


RETOLD_PARAGRAPHS = (
    "American troops in Syria were attacked with rockets on Monday night, one day after "
    "US air strikes against militia positions close to the border with Iraq, officials "
    "said.",
    "Nobody was injured in the attack on the Green Village base, a coalition spokesman, "
    "Colonel Wayne Malotto, said.",
    "The Iranian-backed militias had promised to respond to the strikes.",
    "The Pentagon said on Sunday that the raids destroyed five weapons depots used by the groups.",
    "President Biden ordered the strikes.",
)


def retold_page() -> str:
    """The story as a republisher retranslated it: other words, a name misspelt, a
    figure added, a clause lost."""
    return news_page(
        title="US base in Syria attacked with rockets",
        paragraphs=RETOLD_PARAGRAPHS,
        canonical="https://republisher.example.com/syria-base-attacked",
    )
