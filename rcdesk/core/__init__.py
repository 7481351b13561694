"""Pure shared rules: no database, no Qt."""
