"""``spotlint map``: where every job role can land, drawn from the one placement view.

* :mod:`~spotlint.map.build`: the map of a run as plain data (the JSON shape);
* :mod:`~spotlint.map.text`: the terminal table;
* :mod:`~spotlint.map.palette`: the capacity colours and their contrast;
* :mod:`~spotlint.map.html`: the self-contained HTML page.
"""
