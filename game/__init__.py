"""Demarche: a turn-based hot-seat wargame engine for diplomacy (the ``demarche`` command)."""

DISTRIBUTION = "demarche-game"  # its name on the package index, where "demarche" is another project
