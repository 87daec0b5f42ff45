"""The map's colours for capacity types, and the WCAG contrast arithmetic that checks them.

Colour is never the only signal: every coloured mark carries its word
(``Spot``, ``On-Demand``...) and, on the HTML page, a pattern. The palette is
chosen so the words pass WCAG 2.x level AA for normal text (a contrast ratio
of at least 4.5:1, https://www.w3.org/TR/WCAG21/#contrast-minimum) on their
badge colour, and the badge colours are told apart by lightness as well as hue.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Swatch:
    """One landing's look: the word shown, badge fill, text on it, and a terminal colour."""

    word: str
    fill: str
    ink: str
    ansi: str
    #: the pattern the HTML page draws over the fill (colour is never alone)
    pattern: str


#: Each landing (see :data:`spotlint.map.build.LANDINGS`) and how it is shown.
PALETTE: dict[str, Swatch] = {
    "spot": Swatch("Spot", "#f6c343", "#1f1a00", "33", "stripes"),
    "on-demand": Swatch("On-Demand", "#1f5fbf", "#ffffff", "34", "solid"),
    "both": Swatch("Spot + On-Demand", "#0f7b6c", "#ffffff", "36", "half"),
    "nowhere": Swatch("nowhere", "#b3261e", "#ffffff", "31", "cross"),
    "unknown": Swatch("unknown", "#e4e4e7", "#27272a", "2", "dots"),
}

#: Page colours: text on the page background, muted text, and the background.
PAGE = {"background": "#ffffff", "text": "#1b1f24", "muted": "#57606a", "panel": "#f6f8fa",
        "border": "#d0d7de", "link": "#0b57d0"}


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    text = colour.lstrip("#")
    r, g, b = (int(text[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
