"""How to read the indicators whose numbers mislead without a sentence beside them, and what
no source in the index measures. Wording only (Qt-free); cards, chart footnotes, the peer
table, slides and the country brief all quote these texts, so they never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

DOCUMENTED = "documented"
NOT_DOCUMENTED = "not documented (absence is not proof)"
NOT_LISTED = "not listed (absence is not proof)"
NO_RANK = "not ranked: records documented cases only"

# Caveats that change how a value reads, by source id (or indicator id, which wins). Short enough
# for a chart footnote; the full caveat stays on the card and in the catalogue.
READINGS: dict[str, str] = {
    "aigs": ("AIGS records deployment of AI surveillance, not abuse: open societies are over-recorded and "
             "secretive states under-recorded; 'not documented' is not proof of absence."),
    "spyware": ("The spyware inventory lists documented purchases only: an unlisted country is missing, "
                "not free of spyware."),
    "keepiton": ("#KeepItOn counts recorded shutdowns; zeros exist only for countries with a shutdown in "
                 "some year, and permanent blocking (China's Great Firewall) is not counted as a shutdown."),
    "unctad": ("UNCTAD records law on paper (a data-protection law exists), not enforcement or "
               "national-security exemptions."),
    "comparitech": ("Comparitech's China rows are one national estimate spread over its cities, not city "
                    "counts like the others."),
}


def reading(indicator_meta: dict) -> str | None:
    """The caveat that changes how ``indicator_meta``'s values read, or None."""
    return READINGS.get(indicator_meta.get("id", "")) or READINGS.get(indicator_meta.get("source", ""))


def readings_for(panel, indicators) -> list[str]:
    """Reading caveats for ``indicators`` (ids), each once, in order."""
    out: list[str] = []
    for i in indicators:
        meta = panel.indicator_meta.get(i)
        text = reading(meta) if meta else None
        if text and text not in out:
            out.append(text)
    return out


def is_documented_only(panel, indicator: str) -> bool:
    meta = panel.indicator_meta.get(indicator)
    return bool(meta and meta.get("documented_only"))


def documented_text(raw: float | None, unit: str = "") -> str:
    """A documented-only value as words: never a rank, never 'best' for an empty record."""
    if raw is None or raw != raw:
        return NOT_LISTED
    if raw <= 0:
        return NOT_DOCUMENTED
    if unit.startswith("1 = documented"):
        return DOCUMENTED
    return f"{DOCUMENTED} ({raw:g})"


# The map of a documented-only indicator: two fills and the hatched "not listed", never a 0-100 scale.
DOCUMENTED_SCALE = "Documented cases only, never ranked"


def documented_map_rows(raw, unit: str, year: int, n_unlisted: int) -> list[tuple[str, str]]:
    """(kind, label) rows of a documented-only map's legend: kind is "head", "documented",
    "not documented" or "not listed". ``raw``: the listed countries' raw values that year."""
    import numpy as np
    raw = np.asarray(raw, dtype=float)
    raw = raw[np.isfinite(raw)]
    yes = raw[raw > 0]
    counts = not unit.startswith("1 = documented")
    span = ""
    if counts and yes.size:
        a, b = f"{yes.min():g}", f"{yes.max():g}"
        span = f", {a}" if a == b else f", {a} to {b}"
    return [("head", DOCUMENTED_SCALE),
            ("documented", f"Documented: {yes.size} countries{span}"),
            ("not documented", f"Not documented (absence is not proof): {int((raw <= 0).sum())} countries"),
            ("not listed", f"Not listed in {year} (absence is not proof): {n_unlisted} drawn")]


def documented_map_notes(publisher: str, year: int) -> list[str]:
    """The map's notes for a documented-only indicator (the cited export's footnotes)."""
    return [f"Colour: documented / not documented in {publisher}'s record (absence is not proof); "
            f"never a score or a rank. Grey hatched = not listed for {year}, never shown as 0."]


@dataclass(frozen=True)
class Unmeasured:
    topic: str
    why: str
    proxies: tuple[str, ...]  # indicator ids here that come closest


UNMEASURED: tuple[Unmeasured, ...] = (
    Unmeasured("Social credit systems",
               "China's systems are many local and sectoral schemes (court blacklists, corporate credit, "
               "city pilots) with no published national scoring; no publisher codes them country by country.",
               ("aigs_ai_surveillance", "vdem_social_media_monitoring", "fotn_surveillance")),
    Unmeasured("Biometric (face-scan) SIM registration",
               "Rules are in telecom regulations and change often; the trackers that exist are "
               "advocacy lists without a documented method or yearly panel.",
               ("fotn_anonymity", "aigs_facial_recognition", "fotn_data_collection")),
    Unmeasured("Real-name registration online",
               "Required by law in some countries and in platforms' terms in others; no dataset codes "
               "enforcement across countries and years.",
               ("fotn_anonymity", "fotn_user_rights", "vdem_online_arrests")),
    Unmeasured("Ethnic profiling and targeted mass surveillance (e.g. Xinjiang)",
               "Documented by investigations and leaks about single regions; no index scores it for "
               "every country, and national averages hide a region's persecution.",
               ("aigs_facial_recognition", "comparitech_cctv", "spyware_documented", "vdem_political_exclusion")),
)

UNMEASURED_TITLE = "What no source here measures"
UNMEASURED_LEAD = ("These practices matter for privacy but no public dataset measures them country by country; "
                   "the closest indicators in this app are named for each.")


def unmeasured_lines(panel=None) -> list[tuple[str, str, str]]:
    """(topic, why, closest indicators by short name) for the Help menu, the brief and the peer table."""
    out = []
    for u in UNMEASURED:
        names = []
        for i in u.proxies:
            meta = panel.indicator_meta.get(i) if panel is not None else None
            if panel is None or meta:
                names.append(f"{meta['short']} ({i})" if meta else i)
        out.append((u.topic, u.why, ", ".join(names)))
    return out


def unmeasured_text(panel=None) -> str:
    """The whole section as plain text."""
    lines = [UNMEASURED_TITLE, UNMEASURED_LEAD, ""]
    for topic, why, proxies in unmeasured_lines(panel):
        lines += [f"{topic}: {why}", f"  Closest here: {proxies}.", ""]
    return "\n".join(lines).rstrip() + "\n"
