"""`make bench`: measurements of the site, printed as tables and written to bench/results.json.

Each section is a module with `run(context) -> dict` and `table(result) -> list[str]`.
Not part of `make test`: figures on a shared machine vary, so nothing here asserts timings.
"""
