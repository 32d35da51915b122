import pygame
import pytest


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Saves go to a temporary folder, never the user's real one."""
    monkeypatch.setenv("DEMARCHE_DATA_DIR", str(tmp_path / "data"))
    yield tmp_path / "data"
    pygame.quit()
