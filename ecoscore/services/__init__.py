"""What each command does, as plain library functions (no typer, no rich): `score` (one file),
`batch` (many, ranked), `template` (+ `carry`, last year's figures), `diff`; `load` reads any
input and scores it; `output` checks and writes where results go. The CLI only parses and prints."""
