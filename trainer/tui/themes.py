"""Themes: Textual's dark and light, a high-contrast theme, and an ANSI theme in the terminal's own colours.

Meters take their colours from the theme variables ``meter-0`` … ``meter-5``: the Okabe–Ito palette, which
stays distinct under the common forms of colour blindness. No meter relies on colour alone (each shows its
label, its number and its bar), so ``NO_COLOR`` (which Textual honours by drawing in monochrome) loses
nothing but decoration; under ``NO_COLOR`` the default theme is the high-contrast one.
"""

from __future__ import annotations

from dataclasses import replace

from textual.theme import BUILTIN_THEMES, Theme

METER_COUNT = 6

# Okabe & Ito (2008), ordered for a dark background: sky blue, orange, bluish green, reddish purple,
# yellow, vermillion.
METERS_DARK = ("#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#F0E442", "#D55E00")
# The same hues, darker where a light background needs it (blue for sky blue, vermillion for yellow).
METERS_LIGHT = ("#0072B2", "#B07800", "#007A5E", "#A8568A", "#D55E00", "#8A3C00")
METERS_ANSI = ("ansi_bright_cyan", "ansi_yellow", "ansi_green", "ansi_magenta", "ansi_bright_yellow",
               "ansi_red")


def meter_variables(colours: tuple[str, ...]) -> dict[str, str]:
    return {f"meter-{i}": c for i, c in enumerate(colours)}


HIGH_CONTRAST = Theme(
    name="trainer-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFFF00",
    error="#FF5F5F",
    success="#00FF5F",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#000000",
    dark=True,
    luminosity_spread=0.1,
    text_alpha=1.0,
    variables={
        **meter_variables(("#00FFFF", "#FFB000", "#00FF5F", "#FF80FF", "#FFFF00", "#FF5F5F")),
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "footer-key-foreground": "#FFFF00",
        "border": "#FFFFFF",
        "border-blurred": "#A0A0A0",
        "text-muted": "#D0D0D0",
    },
)

ANSI = replace(BUILTIN_THEMES["ansi-dark"], name="trainer-ansi",
               variables={**BUILTIN_THEMES["ansi-dark"].variables, **meter_variables(METERS_ANSI)})

LIGHT = replace(BUILTIN_THEMES["textual-light"],
                variables={**BUILTIN_THEMES["textual-light"].variables, **meter_variables(METERS_LIGHT)})

THEMES: tuple[Theme, ...] = (HIGH_CONTRAST, ANSI, LIGHT)

ALIASES = {
    "dark": "textual-dark",
    "light": "textual-light",
    "high-contrast": HIGH_CONTRAST.name,
    "contrast": HIGH_CONTRAST.name,
    "ansi": ANSI.name,
    "terminal": ANSI.name,
}


def resolve_theme(name: str | None, *, no_color: bool = False) -> str | None:
    """The theme to start with: a known name or alias, else None; the default depends on ``NO_COLOR``."""
    if not name:
        return HIGH_CONTRAST.name if no_color else "textual-dark"
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    known = {*BUILTIN_THEMES, *(t.name for t in THEMES)}
    return key if key in known else None
