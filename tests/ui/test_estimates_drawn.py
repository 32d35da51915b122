"""An estimated meter on the board: its band is drawn and described, its value never."""

from pathlib import Path

import pygame

from game.rules.observe import observe
from game.session.hotseat import parse_seats
from game.ui import text as ui_text
from game.ui.run import build_app

from .driver import Driver

FOG = Path(__file__).parents[1] / "rules" / "fixtures" / "uncertainty.toml"


def board_of(role_index: int):
    app = build_app(scenario_path=FOG, seats=parse_seats("foreign=Ana,spy=Ben", ("foreign", "spy")), seed=5)
    d = Driver(app)
    for _ in range(30):
        if d.screen_name == "OrdersScreen":
            if role_index == 0:
                return app, d
            role_index -= 1
            d.key(pygame.K_RETURN)  # confirm no orders: the next seat's turn
            if app.overlays:
                d.key(pygame.K_RETURN)
            continue
        d.key(pygame.K_SPACE if d.screen_name in ("HandoverScreen", "NewsScreen") else pygame.K_RETURN)
    raise AssertionError("never reached the orders screen")


def test_the_board_draws_the_band_and_never_the_value():
    app, d = board_of(0)
    d.text()
    hs = app.hotseat
    role = hs.step.role
    state = hs.state
    obs = observe(hs.scenario, state, role)
    lo, hi = obs.bands["tension"]
    drawn = list(ui_text.DRAWN)
    assert f"{lo}–{hi}" in drawn
    tips = {h.ref: h.tip for h in app.screen.board.hits if h.kind == "meter"}
    assert f"somewhere between {lo} and {hi}" in tips["tension"]
    value = state.meters["tension"]
    assert str(value) not in drawn and f": {value} " not in tips["tension"]
    rlo, rhi = obs.bands["rivalia.resolve"]
    assert any(f"{rlo}–{rhi}" in t for t in drawn), "the actor's label shows its band"
    actor_tip = next(h.tip for h in app.screen.board.hits if h.kind == "actor")
    assert f"Resolve: {rlo}–{rhi} (an estimate" in actor_tip
    assert f"Resolve: {state.meters['rivalia.resolve']} " not in actor_tip
    d.shot("estimated-meters")


def test_the_privacy_gate_flags_an_estimated_value_handed_to_a_seat(monkeypatch):
    """The secrecy walk's own check of observe() knows estimated meters (tests/ui/privacy.py)."""
    import attrs
    import pytest

    from game.rules.engine import new_game
    from game.scenario import load_scenario

    from . import privacy

    sc = load_scenario(FOG)
    state = new_game(sc, 5)
    secrets = privacy.Secrets(sc, "foreign")
    secrets.allowed(state)  # the real gate passes
    real = observe(sc, state, "foreign")
    leaky = attrs.evolve(real, meters={**real.meters, "tension": state.meters["tension"]})
    monkeypatch.setattr(privacy, "observe", lambda *a: leaky)
    with pytest.raises(AssertionError, match="tension"):
        secrets.allowed(state)
