"""The published handbook's generated parts: status pages, reference pages and the
rule boxes shown at each clause, written before ``mkdocs build``."""
