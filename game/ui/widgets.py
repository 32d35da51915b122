"""When a pygame_gui widget's new look is really on screen.

pygame_gui redraws a changed widget one state per ``update``, so after ``set_text`` the new
label appears only a few frames later. The loop draws only when something changed, so it asks
here whether a widget is still settling; a screen that must know its label is shown (the news
screen's "Continue") settles the widget at once.

The text of the visible widgets is read here too (``widget_texts``), for the record of what a
frame shows (``App.frame_text``) that the secrecy tests check.
"""

from __future__ import annotations

import pygame_gui


def widget_pending(element) -> bool:
    """True while a widget has images still to redraw: pygame_gui redraws a changed widget
    one state per update, so its new text shows only some frames after ``set_text``."""
    shape = getattr(element, "drawable_shape", None)
    return shape is not None and bool(shape.states_to_redraw_queue or shape.has_fresh_surface())


def widgets_settling(manager: pygame_gui.UIManager) -> bool:
    """Some widget changed without input and is not fully redrawn yet; the loop keeps drawing
    (and does not nap) until it is, or a label set by an animation stays stale on screen."""
    return any(widget_pending(element) for element in manager.get_sprite_group().sprites())


def settle(element) -> None:
    """Redraw a changed widget's pending images now, so the next frame shows its new text."""
    for _ in range(12):  # a button has five states; one is redrawn per update
        if not widget_pending(element):
            return
        element.update(0.0)


def widget_texts(manager: pygame_gui.UIManager) -> list[str]:
    """The text of every visible pygame_gui element."""
    out: list[str] = []

    def walk(container) -> None:
        for element in getattr(container, "elements", []):
            if not getattr(element, "visible", True):
                continue
            for attr in ("text", "html_text"):
                value = getattr(element, attr, None)
                if isinstance(value, str) and value:
                    out.append(value)
            for attr in ("item_list",):
                items = getattr(element, attr, None)
                if items:
                    out.extend(str(i.get("text", "")) for i in items if isinstance(i, dict))
            inner = getattr(element, "get_container", None)
            if callable(inner):
                try:
                    walk(inner())
                except Exception:  # pragma: no cover - elements without a container
                    pass

    walk(manager.get_root_container())
    return out
