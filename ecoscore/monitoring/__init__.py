"""Raw monitoring data: the science (`indicators`: HJ 633, HJ 663, GB 3838, CWQI — no rubric
keys), the rows as read (`rows`), and the bridge to an edition's fields (`bridge`)."""
