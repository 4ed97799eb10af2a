"""Stage 3: a reviewer's decisions, kept in a file, re-applied on every run; the session."""
