"""The browser models: each a table of versions and features plus a decision function."""
