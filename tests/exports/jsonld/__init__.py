"""JSON-LD checks without the network: pyld with a local schema.org context, and the
schema.org term list that rdflib ships (rdflib.namespace.SDO), to catch misspelt terms.

The context file is a trimmed copy of https://schema.org/docs/jsonldcontext.jsonld: the same
@vocab and the @id coercions of the properties we use; every other term maps through @vocab,
exactly as with the full context.
"""

import json
from pathlib import Path

from pyld import jsonld
from rdflib.namespace import SDO

CONTEXT = json.loads((Path(__file__).parent / "schemaorg-context.jsonld").read_text("utf-8"))
SCHEMA_ORG = "http://schema.org/"
CONTEXT_URLS = {
    "http://schema.org",
    "https://schema.org",
    "https://schema.org/docs/jsonldcontext.jsonld",
    "http://schema.org/docs/jsonldcontext.jsonld",
}
SCHEMA_TERMS = frozenset(SDO.__annotations__)


def offline_loader(url, options=None):
    if url.rstrip("/") not in CONTEXT_URLS:
        raise jsonld.JsonLdError(f"offline: no document for {url}", "loading document failed")
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}


def expand(document: dict) -> list:
    return jsonld.expand(document, {"documentLoader": offline_loader})


def unknown_terms(expanded) -> list[str]:
    """Property and type IRIs that are not in the schema.org vocabulary."""
    bad = []

    def check_iri(iri: str) -> None:
        if not iri.startswith(SCHEMA_ORG) or iri.removeprefix(SCHEMA_ORG) not in SCHEMA_TERMS:
            bad.append(iri)

    def walk(node) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "@type":
                    for iri in value if isinstance(value, list) else [value]:
                        check_iri(iri)
                elif not key.startswith("@"):
                    check_iri(key)
                walk(value)

    walk(expanded)
    return bad


def value(node: dict, term: str):
    """The single @value/@id of a schema.org property in an expanded node."""
    [item] = node[SCHEMA_ORG + term]
    return item.get("@value", item.get("@id"))


def node(parent: dict, term: str) -> dict:
    [child] = parent[SCHEMA_ORG + term]
    return child


def types(node: dict) -> list[str]:
    return [t.removeprefix(SCHEMA_ORG) for t in node.get("@type", [])]
