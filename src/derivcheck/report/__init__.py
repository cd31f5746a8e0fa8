"""Pure renderers of a run: text, Markdown, JSON."""

from .json_report import SCHEMA_VERSION, render_json, report_dict
from .markdown import render_markdown, render_summary_table
from .text import render_text

__all__ = ["SCHEMA_VERSION", "render_json", "report_dict", "render_markdown", "render_summary_table", "render_text"]
