"""Import an official download (or the user's own indicator) into the user's copy of the index.

Qt-free. ``tables`` reads xlsx/csv into text tables, ``formats`` recognises the publisher and
edition and runs the project's own reader on the table, ``plan`` validates and previews,
``apply`` writes atomically into the user's data folder and undoes, ``recovery`` mends what an
interrupted one left (at every start, so it stays light: no pandas), ``commands`` is the CLI.
"""
