"""Browser tests of the built site (make test-browser); a package so its conftest has its own name."""
