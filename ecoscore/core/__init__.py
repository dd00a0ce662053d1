"""The bottom layer (standard library only): plain data (`model`, `line`), what a field is
(`fields`), reading raw values (`values`), the one arithmetic kit (`kit`), text helpers (`text`)."""
