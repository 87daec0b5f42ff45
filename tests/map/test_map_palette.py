"""The map's palette passes WCAG AA contrast, and no two landings look alike without colour."""

from __future__ import annotations

import pytest

from spotlint.map.build import LANDINGS
from spotlint.map.palette import PAGE, PALETTE, contrast, luminance

AA_TEXT = 4.5


def test_contrast_arithmetic_matches_wcag() -> None:
    assert luminance("#ffffff") == pytest.approx(1.0)
    assert luminance("#000000") == pytest.approx(0.0)
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic near miss


@pytest.mark.parametrize("lands", LANDINGS)
def test_badge_words_pass_aa(lands: str) -> None:
    swatch = PALETTE[lands]
    assert contrast(swatch.ink, swatch.fill) >= AA_TEXT


@pytest.mark.parametrize("ink", ["text", "muted", "link"])
@pytest.mark.parametrize("ground", ["background", "panel"])
def test_page_text_passes_aa(ink: str, ground: str) -> None:
    assert contrast(PAGE[ink], PAGE[ground]) >= AA_TEXT


def test_every_landing_has_its_own_word_and_pattern() -> None:
    assert set(PALETTE) == set(LANDINGS)
    assert len({s.word for s in PALETTE.values()}) == len(LANDINGS)
    assert len({s.pattern for s in PALETTE.values()}) == len(LANDINGS)
    assert len({s.fill for s in PALETTE.values()}) == len(LANDINGS)
