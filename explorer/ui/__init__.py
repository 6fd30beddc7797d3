"""The PySide6 window. Qt lives only in this package; data preparation is in explorer.panel_data."""
