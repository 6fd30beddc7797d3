"""Qt drawing of exported files (PDF briefs); their text and layout come from the core."""
