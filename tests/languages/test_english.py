"""The English detector the translated-screen tests use tells English from French."""

from .english import english_words


def test_english_is_told_from_french():
    assert english_words("Press Space to see the next round") == {"press", "to", "the", "next", "round"}
    assert english_words("Appuyez sur Espace pour continuer : manche 3, score 12, instruments") == set()
    assert english_words("Republic of Veyra", allowed={"of"}) == set()
