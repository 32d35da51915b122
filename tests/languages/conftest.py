import pytest

from game import i18n

from ..ui.conftest import data_dir  # noqa: F401 - saves in a temporary folder, as the board's tests have


@pytest.fixture
def french():
    """French for the test (English again after it, as for every test)."""
    i18n.set_language("fr")
    yield
