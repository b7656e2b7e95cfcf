"""Tables: rebuilt from text where a copy flattened them (delimited rows, one cell a line, funds blocks
run together), then recognised by their header vocabulary (scoring tables, self-evaluation forms)."""
