"""The after-action review: a saved game replayed into a report, and its renderings.

``report`` is the entry point (read a save, check who may see it, render, write);
``build`` replays a save into the report model, ``view`` builds one role's own
view from ``observe``, ``compare`` sets two games side by side, and ``html``,
``markdown`` and ``svg`` render the model. The review reads saves through
``game.session`` and never the other way round.
"""
