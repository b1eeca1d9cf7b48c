"""MkDocs hooks of the handbook (mkdocs.yml: hooks): the code is checker/site/hooks.py."""

from checker.site.hooks import on_env, on_page_content, on_post_build, on_post_page

__all__ = ["on_env", "on_page_content", "on_post_build", "on_post_page"]
