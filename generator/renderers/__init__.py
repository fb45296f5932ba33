"""One module per output format; each turns banks into bytes and never parses Markdown structure."""
