"""Colours of the Answer view (Okabe-Ito, safe for colour-blind readers), shared by the list,
the chart and the "why this rank" panel."""

POINT = "#0072B2"        # Okabe-Ito blue: point ranks
BAR = "#000000"          # black interval bars
FOCUS = "#D55E00"        # vermilion: the country whose breakdown is shown
GREY = "#5A5A5A"
