"""A cited page for ledger tests: a news story with furniture around it."""

import html

STORY = [
    "Harbour town opens new bridge",
    "The council's accounts show the bridge cost 12.4 million euros, twice the first estimate.",
    "According to the ministry, 3,000 cars cross it every day, most of them before nine.",
    "Local shops say the works cost them a summer of trade; the council disputes the figure.",
]


def story_html(paragraphs=STORY) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[1:])
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{paragraphs[0]}</title>
<script>document.write("tracking")</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{html.escape(paragraphs[0])}</h1>
{body}
</article><footer>Copyright 2026. <a href="/privacy">Privacy</a></footer></body></html>"""
