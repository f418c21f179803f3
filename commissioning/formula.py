"""Formula allocation by population share, with weights and a floor.

Amounts are integer pence and always add up to the total exactly: shares are
worked out as exact fractions, rounded down, and the pence left over go one
each to the largest remainders (Hamilton's method).
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction


class AllocationError(ValueError):
    pass


@dataclass(frozen=True)
class Share:
    key: Hashable
    population: int
    weight: Decimal = Decimal(1)


def allocate(*, total: int, shares: Sequence[Share], floor: int = 0) -> dict[Hashable, int]:
    """Return each key's amount in pence; the amounts add up to `total` exactly."""
    if total <= 0:
        raise AllocationError("The total must be more than nothing.")
    if not shares:
        raise AllocationError("Choose at least one recipient.")
    if floor < 0:
        raise AllocationError("The floor cannot be negative.")
    if floor * len(shares) > total:
        raise AllocationError("The floor times the number of recipients is more than the total.")
    for share in shares:
        if share.population < 0 or share.weight < 0:
            raise AllocationError("Populations and weights cannot be negative.")

    fixed: dict[Hashable, int] = {}
    while True:
        free = [s for s in shares if s.key not in fixed]
        remaining = total - sum(fixed.values())
        basis = sum((Fraction(s.population) * Fraction(s.weight) for s in free), Fraction(0))
        if not free:
            break
        if basis == 0:
            raise AllocationError("Every remaining recipient has no population (or a zero weight).")
        exact = {s.key: Fraction(remaining) * s.population * Fraction(s.weight) / basis for s in free}
        below = [key for key, amount in exact.items() if amount < floor]
        if not below:
            break
        # Lift those under the floor to it and share what is left among the rest.
        for key in below:
            fixed[key] = floor

    amounts = dict(fixed)
    if free:
        rounded = {key: int(amount) for key, amount in exact.items()}  # exact >= 0, so int() rounds down
        leftover = remaining - sum(rounded.values())
        order = {s.key: i for i, s in enumerate(shares)}
        by_remainder = sorted(exact, key=lambda key: (-(exact[key] - rounded[key]), order[key]))
        for key in by_remainder[:leftover]:
            rounded[key] += 1
        amounts.update(rounded)
    return {s.key: amounts[s.key] for s in shares}
