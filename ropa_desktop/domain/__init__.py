"""The register's types, vocabularies, field table and checks: pure Python."""
