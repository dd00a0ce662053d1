"""The terminal (the only package that uses rich): a report (`render`), a batch ranking
(`render_batch`), a comparison (`render_diff`)."""
