"""Reading, validating and describing roadmap files."""
