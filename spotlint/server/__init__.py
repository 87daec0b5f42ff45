"""``spotlint server``: a language server, so editors show findings as files are edited.

Needs the ``server`` extra (``pip install 'spotlint[server]'``: pygls and
lsprotocol); nothing else in spotlint imports this package, so no other
command pays for those imports. See docs/editors.md.
"""
