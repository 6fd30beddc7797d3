"""The Answer tab: ranking table, controls, why panel, rank chart and its background jobs."""
