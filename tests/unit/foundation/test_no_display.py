"""`make run` without a screen, or with a DISPLAY left from a closed session: a French message
naming a command that works from the checkout, instead of Qt's English abort."""

from __future__ import annotations

import socket
import sys

import pytest

from rcdesk.ui import app

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland")


def test_no_display_at_all_is_said():
    assert app.display_problem({}) == ("aucune session graphique n'est ouverte (DISPLAY et "
                                       "WAYLAND_DISPLAY sont vides)")


def test_a_stale_display_is_found_before_qt_starts(tmp_path):
    problem = app.display_problem({"DISPLAY": ":987", "XDG_RUNTIME_DIR": str(tmp_path)})
    assert problem == ("l'écran DISPLAY=:987 ne répond pas (une session fermée, ou un écran "
                       "virtuel arrêté)")
    assert app.display_problem({"DISPLAY": "n'importe quoi"}) is not None
    # a Wayland name whose socket is gone, and no X server either
    assert "WAYLAND_DISPLAY=wayland-9" in app.display_problem(
        {"WAYLAND_DISPLAY": "wayland-9", "XDG_RUNTIME_DIR": str(tmp_path)})


def test_a_display_that_answers_and_a_forced_platform_are_trusted(tmp_path):
    path = str(tmp_path / "X0")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)
    try:
        assert app.display_problem({"DISPLAY": f"{path}:0"}) is None
    finally:
        server.close()
    (tmp_path / "wayland-0").touch()
    assert app.display_problem({"WAYLAND_DISPLAY": "wayland-0",
                                "XDG_RUNTIME_DIR": str(tmp_path)}) is None
    assert app.display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None


def test_run_gui_with_a_stale_display_exits_2_with_the_french_message(monkeypatch, capsys):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":987")
    assert app.run_gui() == 2
    err = capsys.readouterr().err
    assert err.startswith("rcdesk ne trouve pas d'écran : l'écran DISPLAY=:987 ne répond pas")
    assert "    xvfb-run -a make run\n" in err
    assert "apt-get install xvfb xauth" in err
