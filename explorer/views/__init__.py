"""Plain data for each view, prepared from the Panel without Qt: the explore window (country list,
cards, status), chart series, profile and map. Widgets lay out what they are given."""
