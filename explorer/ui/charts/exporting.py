"""What a chart hands out: the data it plots (``plotted``), its citation, and cited PNG, SVG and
CSV exports drawn from the chart itself (``ui/exports/slides.py`` lays out the slide)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget


class ChartExports:
    """Mixed into ``Chart``: needs ``flush``, ``data``, ``_sources``, ``_plotted``, ``title``,
    ``canvas`` and ``note``."""

    def plotted(self):
        """The data the chart currently shows, one row per plotted mark."""
        self.flush()
        if self._plotted is None:  # built on demand: a focus switch need not pay for it
            self._plotted = self.build_plotted()
        return self._plotted.copy()

    def build_plotted(self):
        """Charts that set ``_plotted = None`` on redraw build the frame here."""
        import pandas as pd
        return pd.DataFrame()

    def citation(self) -> str:
        return self.data.citation(self._sources)

    def export_image(self, path: Path | str, scale: float = 2.0, slide: bool = False) -> Path:
        """Write the chart as a cited PNG or SVG by suffix, atomically: its title naming the
        indicator, countries and year, the reading caveats and the source footer are drawn into
        the image (``ui/exports/slides.py``). ``slide``: a 16:9 1920x1080 image (PNG: times
        ``scale``); otherwise the plot as on screen, PNG at ``scale`` times the screen size."""
        from ..exports import slides
        kind = Path(path).suffix.lower()
        if kind not in (".png", ".svg"):
            raise ValueError(f"cannot export an image as {kind or 'a file without suffix'}: use .png or .svg")
        return slides.export(self, path, slide=slide, scale=scale)

    def copy_image(self, slide: bool = False, scale: float = 2.0):
        """The cited PNG on the clipboard (Ctrl+Shift+C)."""
        from ..exports import slides
        return slides.copy_to_clipboard(self, slide=slide, scale=scale)

    def _export_parts(self) -> list[QWidget]:
        """Widgets stacked top to bottom in an exported image (the plot at full size, even
        where the screen shows it in a scroll area)."""
        return [self.title, self.canvas, self.note]

    def settle(self) -> None:
        """End what is moving (a re-sort transition): an export shows the chart's data, never a
        frame on the way to it. Charts without transitions have nothing to end."""

    def export_csv(self, path: Path | str) -> Path:
        """Write the plotted data as CSV with source, edition, data year, provenance, licence and
        citation columns, after comment lines naming the chart, its sources and its caption."""
        from ..exports import slides
        return slides.export(self, Path(path).with_suffix(".csv") if not str(path).lower().endswith(".csv")
                             else path)
