"""Default choices of the composite, in one place so docs/method.md, the CLI and the window agree.

Each choice is explained in docs/method.md. Indicator ids that are not in the index at run
time are skipped with a visible note, so these defaults work on a partial index too.
"""

from __future__ import annotations

from ..catalogue import PILLAR_IDS

# A few indicators per pillar; one publisher at most once per pillar; wide coverage first.
DEFAULT_SELECTION: dict[str, list[str]] = {
    # AIGS is left out: it lists only documented deployments, so secretive states come out
    # *better* (North Korea scored above most democracies with it); it stays selectable.
    "surveillance": ["vdem_social_media_monitoring", "fotn_surveillance"],
    "digital": ["vdem_internet_censorship", "fotn_limits_content"],
    "legal": ["wjp_privacy"],
    "physical": ["pts_mean", "vdem_physical_violence", "rsf_safety"],
    "civic": ["fiw_civil_liberties", "rsf_score", "vdem_expression"],
}

# Pillar weights of the presets (relative; the composite divides by their sum).
PRESETS: dict[str, dict[str, float]] = {
    "equal": {p: 1.0 for p in PILLAR_IDS},
    "surveillance-focused": {"surveillance": 3.0, "digital": 2.0, "legal": 2.0, "physical": 1.0, "civic": 1.0},
    "physical-integrity-focused": {"surveillance": 1.0, "digital": 1.0, "legal": 1.0, "physical": 3.0, "civic": 2.0},
}
DEFAULT_PRESET = "equal"

# Years: per indicator, the latest value in [year - window, year]; never a later year.
DEFAULT_WINDOW = 3
MAX_WINDOW = 30  # longer than the index's span of years: any larger window picks the same values
# Snapshot indicators the user may explicitly allow from a *later* year (marked wherever shown).
LATER_SNAPSHOT_OK = {"unctad_data_protection_law"}

# Coverage rule: ranked only with data in >= MIN_PILLARS pillars and >= MIN_SHARE of the
# selected indicators that have any data in the window.
MIN_PILLARS = 4
MIN_SHARE = 0.65

# Missing values of ranked countries are estimated (EM, impute.py) and marked "estimated";
# docs/method.md section 5b argues it. Off = the pillar mean of the values a country has.
DEFAULT_IMPUTE = True

# Publishers that stand for the same concept: the uncertainty analysis swaps the chosen one for
# each alternative with data (concept: (pillar, members)). CIRIGHTS and Fariss v4.02 may be absent.
ALTERNATIVES: dict[str, tuple[str, list[str]]] = {
    "physical-integrity": ("physical", ["pts_mean", "fariss_hr_protection", "cirights_physical_integrity"]),
    "civil-liberties": ("civic", ["fiw_civil_liberties", "vdem_civil_liberties"]),
}

METHODS = ("arithmetic", "geometric")
DEFAULT_METHOD = "arithmetic"
GEOMETRIC_FLOOR = 1.0  # pillar scores below 1 count as 1 in the geometric mean (log 0 is undefined)

# Robustness: each pillar weight times U(1 - MC_SPREAD, 1 + MC_SPREAD), MC_DRAWS draws, seeded.
MC_DRAWS = 1000
MC_SPREAD = 0.25
MC_SEED = 20240601
TOP_K = 10
# Rank ranges and P(top 10): "full" = every modelling choice sampled together (uncertainty.py),
# "weights" = the pillar-weight Monte Carlo above alone.
UNCERTAINTY_MODES = ("full", "weights")
DEFAULT_UNCERTAINTY = "full"

# Where publishers measuring the same thing disagree: indicator groups and the spread of
# their 0-100 values (same country, same window) that we flag.
DISAGREEMENT_GROUPS: list[tuple[str, list[str], float]] = [
    ("Political Terror Scale reports (Amnesty / HRW / State Dept.)", ["pts_amnesty", "pts_hrw", "pts_state"], 50.0),
    ("Civil liberties (Freedom House / V-Dem)", ["fiw_civil_liberties", "vdem_civil_liberties"], 20.0),
]

# Caveats the answer view and the CLI always show.
CAVEATS = [
    "Coverage bias: countries the publishers do not study (small states, some closed regimes) "
    "are listed as 'not enough data', not ranked; fewer indicators means a less certain score.",
    "AIGS records whether AI surveillance technology is deployed, not whether it is abused; "
    "countries it does not list are missing, not 'clean'.",
    "Shutdown counts depend on what gets documented: more reporting can mean a higher count.",
    "Publishers change methods between editions (RSF in 2022, Freedom House over the years); "
    "values from different editions are not strictly comparable.",
    "A value from an earlier year is used when the chosen year has none (window); its year is always shown.",
]
