"""The key footer: Textual's ``Footer``, changed in place when the keys on offer change.

Textual's footer re-composes itself (removes every key widget and mounts new ones, after the next frame) each
time the screen's bindings may have changed: on every focus change and every change of a reactive declared
with ``bindings=True``. The play screen changes both on every choice, so the footer was rebuilt twice a
choice, each time styling a dozen new widgets, laying the screen out again, and leaving the old widgets to
the cyclic garbage collector. This footer looks the same; when it shows as many keys as before it rewrites
the key widgets that differ (key, description, action, dimmed or not), and when nothing shown has changed it
does nothing. Anything else (binding groups, another number of keys) re-composes, as Textual's does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.screen import Screen


class _Key(NamedTuple):
    key: str
    key_display: str
    description: str
    action: str
    disabled: bool
    tooltip: str
    palette: bool  # the command palette's key (docked on the right)


class KeyFooter(Footer):
    def __init__(self, *, compact: bool = False, id: str | None = None) -> None:
        super().__init__(compact=compact, id=id)
        self._shown: list[_Key] | None = None  # what the key widgets show (None: not known, re-compose)

    def compose(self) -> ComposeResult:
        self._shown = self._wanted() if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if not self._bindings_ready or self._shown is None or not screen.app.app_focus \
                or not self.is_attached or screen is not self.screen:
            super().bindings_changed(screen)
            return
        wanted = self._wanted()
        if wanted == self._shown:
            return
        keys = [child for child in self.children if isinstance(child, FooterKey)]
        if wanted is None or len(wanted) != len(self._shown) or len(keys) != len(wanted) \
                or any(a.palette != b.palette for a, b in zip(wanted, self._shown, strict=True)):
            self._shown = None  # compose says what it shows
            super().bindings_changed(screen)
            return
        for widget, old, new in zip(keys, self._shown, wanted, strict=True):
            if old == new:
                continue
            widget.key, widget.key_display, widget.description, widget.action = (
                new.key, new.key_display, new.description, new.action)
            widget._disabled = new.disabled
            widget.set_class(new.disabled, "-disabled")
            widget.tooltip = new.tooltip or None
            widget.refresh(layout=True)
        self._shown = wanted

    def _wanted(self) -> list[_Key] | None:
        """The keys ``Footer.compose`` would show now, in its order; None when it would group some (left to
        Textual)."""
        active = self.screen.active_bindings
        by_action: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in by_action:
                if binding.group is not None:
                    return None
                by_action[binding.action] = (binding, enabled, tooltip)
        display = self.app.get_key_display
        out = [_Key(b.key, display(b), b.description, b.action, not enabled, tooltip, False)
               for b, enabled, tooltip in by_action.values()]
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, b, enabled, _ = found
                out.append(_Key(b.key, display(b), b.description, b.action, not enabled,
                                b.tooltip or b.description, True))
        return out
