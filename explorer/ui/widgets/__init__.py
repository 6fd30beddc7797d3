"""Widgets of the explore view: the country selector and the indicator cards."""
