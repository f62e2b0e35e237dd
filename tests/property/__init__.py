"""Property-based tests: the library's promises as hypothesis properties (docs/contributing.rst)."""
