"""A team register on a server in the window: opening it, live refresh, conflicts, roles, a lost connection."""
