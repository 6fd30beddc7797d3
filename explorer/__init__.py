"""Country Privacy Explorer: public indices of state surveillance and persecution, offline.

Everything here except ``explorer.ui`` is Qt-free: readers, harmonisation, the SQLite
index, scoring. The UI binds to plain state objects and reads through ``explorer.store``.
"""

__version__ = "0.1.0"
