"""A tiny seeded generator whose whole state is one integer kept in the game state.

SplitMix64: fast, well distributed, and identical on every machine and Python
version, which ``random.Random`` does not promise across versions.
"""

MASK = (1 << 64) - 1


def seed_state(seed: int) -> int:
    return seed & MASK


def next_float(state: int) -> tuple[int, float]:
    """Advance ``state`` and return (new_state, a float in [0, 1))."""
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    z ^= z >> 31
    return state, (z >> 11) * _UNIT


_UNIT = 2.0**-53  # (z >> 11) < 2**53 is a float exactly, and scaling it by a power of two is exact too


def roll(state: int, chance: float) -> tuple[int, bool]:
    """Succeed with probability ``chance``; certain outcomes consume nothing."""
    if chance >= 1:
        return state, True
    if chance <= 0:
        return state, False
    state, x = next_float(state)
    return state, x < chance


def next_int(state: int, low: int, high: int) -> tuple[int, int]:
    """A uniform whole number in ``low..high`` (both included); a range of one value consumes nothing."""
    if high <= low:
        return state, low
    state, x = next_float(state)
    return state, low + int(x * (high - low + 1))


def pick(state: int, weights: tuple[float, ...]) -> tuple[int, int]:
    """The index of one of ``weights`` (each > 0), drawn in proportion to them; one choice consumes nothing."""
    if len(weights) <= 1:
        return state, 0
    state, x = next_float(state)
    point = x * sum(weights)
    for index, weight in enumerate(weights):
        point -= weight
        if point < 0:
            return state, index
    return state, len(weights) - 1  # rounding at the very top: the last entry


def replays(draws, state: int) -> bool:
    """Whether generator ``state`` gives every result of ``draws`` (``(function, arguments, result)`` in
    the order drawn, as ``engine.apply`` logs them): then an action that drew them from another state,
    its every step a pure function of its inputs and of these results, takes the same steps from
    ``state`` too, and ends in the same state but for the generator."""
    for fn, args, result in draws:
        state, got = fn(state, *args)
        if got != result:
            return False
    return True
