"""Baseline: markdown-it-py alone tokenizing the bank."""

import sys

from markdown_it import MarkdownIt

MarkdownIt("commonmark").parse(open(sys.argv[1], encoding="utf-8").read())
