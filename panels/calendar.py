"""The panel's statutory arithmetic: papers due dates, precept timetable, hearings, vetoes, seats.

Pure functions of dates and numbers, so each rule can be checked on its own.
"""

import datetime
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import holidays

# Local Government Act 1972 s100B: clear days of public notice before a meeting.
CLEAR_DAYS = {"england": 5, "wales": 3}
HEARING_DAYS = 21  # "3 weeks starting with the day" the panel is notified


@lru_cache(maxsize=64)
def _bank_holidays(subdivision: str, year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("GB", subdiv=subdivision, years=year).keys())


def is_working_day(day: datetime.date, *, subdivision: str) -> bool:
    """Check the day is neither a weekend nor a bank holiday in the subdivision (ENG, WLS)."""
    return day.weekday() < 5 and day not in _bank_holidays(subdivision, day.year)


def papers_due_on(meeting_on: datetime.date, *, nation: str, subdivision: str) -> datetime.date:
    """Return the last day papers may be published and still give the clear days' notice.

    Clear days exclude the day of publication and the day of the meeting, and
    weekends and bank holidays do not count; so walk back over the required
    number of working days, then to the working day before them.
    """
    needed = CLEAR_DAYS.get(nation, CLEAR_DAYS["england"])
    day = meeting_on
    counted = 0
    while counted < needed:
        day -= datetime.timedelta(days=1)
        if is_working_day(day, subdivision=subdivision):
            counted += 1
    day -= datetime.timedelta(days=1)
    while not is_working_day(day, subdivision=subdivision):
        day -= datetime.timedelta(days=1)
    return day


def veto_threshold(members_in_post: int) -> int:
    """Return the votes a veto needs: two-thirds of the members in post, rounded up."""
    return math.ceil(Decimal(2 * members_in_post) / 3) if members_in_post > 0 else 0


def hearing_report_due_on(notified_on: datetime.date) -> datetime.date:
    """Return the last day of the 3 weeks starting on the day of notification."""
    return notified_on + datetime.timedelta(days=HEARING_DAYS - 1)


# The first precept under the Police and Crime Panels (Precepts and Chief Constable Confirmation Hearings)
# Regulations 2012 (SI 2012/2271): 2013/14, set in February 2013 by the commissioners elected in November 2012.
FIRST_PRECEPT_YEAR = 2013


def live_precept_year(today: datetime.date) -> int:
    """Return the year Y whose precept timetable (Y/Y+1) is live on the day: until the precept is issued on 1 March
    the current year's, after it next year's."""
    return today.year if today < datetime.date(today.year, 3, 2) else today.year + 1


def financial_year_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


@dataclass(frozen=True)
class PreceptStep:
    key: str
    label: str
    due: datetime.date
    responsible: str
    after_veto_only: bool = False


def precept_timetable(year: int) -> list[PreceptStep]:
    """Return the precept steps for year Y/Y+1: all fall in February and March of Y."""
    return [
        PreceptStep(
            "proposed", "Commissioner notifies the panel of the proposed precept", datetime.date(year, 2, 1), "OPCC"
        ),
        PreceptStep("report", "Panel reviews and reports (may veto)", datetime.date(year, 2, 8), "Panel"),
        PreceptStep(
            "revised",
            "Commissioner responds to a veto with a revised precept",
            datetime.date(year, 2, 15),
            "OPCC",
            True,
        ),
        PreceptStep("second_report", "Panel reports on the revised precept", datetime.date(year, 2, 22), "Panel", True),
        PreceptStep(
            "final", "Commissioner responds, publishes and issues the precept", datetime.date(year, 3, 1), "OPCC"
        ),
    ]


# Schedule 6 composition.
DEFAULT_COUNCILLOR_SEATS = 10
DEFAULT_CO_OPTED_SEATS = 2


def statutory_councillor_seats(council_count: int) -> int:
    """10 where the area has 10 or fewer councils, otherwise one per council."""
    return max(DEFAULT_COUNCILLOR_SEATS, council_count)


@dataclass(frozen=True)
class SeatShare:
    name: str
    population: int
    seats: int
    population_share: Decimal  # percent
    seat_share: Decimal  # percent

    @property
    def difference(self) -> Decimal:
        return self.seat_share - self.population_share

    @property
    def population_per_seat(self) -> int:
        return self.population // self.seats if self.seats else 0


def _percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def allocate_seats(populations: dict[str, int], size: int) -> dict[str, int]:
    """Share `size` seats by largest remainder on population, at least one seat each.

    Raises ValueError when there are fewer seats than councils.
    """
    if size < len(populations):
        raise ValueError(f"A panel of {size} cannot give each of {len(populations)} councils a seat.")
    total = sum(populations.values())
    if not populations:
        return {}
    if total <= 0:
        raise ValueError("Every council needs a population to share seats by.")
    quotas = {name: Decimal(pop) * size / total for name, pop in populations.items()}
    seats = {name: max(1, int(quota)) for name, quota in quotas.items()}
    # The minimum of one seat can overshoot: take back from the most over-represented.
    while sum(seats.values()) > size:
        name = max((n for n in seats if seats[n] > 1), key=lambda n: (seats[n] - quotas[n], n))
        seats[name] -= 1
    # Hand out what is left by largest remainder (ties to the larger population, then name).
    remaining = size - sum(seats.values())
    order = sorted(quotas, key=lambda n: (-(quotas[n] - seats[n]), -populations[n], n))
    for name in order[:remaining]:
        seats[name] += 1
    return seats


def seat_balance(populations: dict[str, int], seats: dict[str, int]) -> list[SeatShare]:
    """Return each council's seat share against its population share."""
    total_pop = sum(populations.values())
    total_seats = sum(seats.values())
    return [
        SeatShare(
            name=name,
            population=populations[name],
            seats=seats.get(name, 0),
            population_share=_percent(populations[name], total_pop),
            seat_share=_percent(seats.get(name, 0), total_seats),
        )
        for name in sorted(populations, key=lambda n: (-populations[n], n))
    ]


@dataclass(frozen=True)
class PartyShare:
    party: str
    panel_seats: int
    council_seats: int
    panel_share: Decimal
    council_share: Decimal

    @property
    def difference(self) -> Decimal:
        return self.panel_share - self.council_share


def party_balance(panel_seats: dict[str, int], council_seats: dict[str, int]) -> list[PartyShare]:
    """Return each party's share of the panel's councillor seats against its share of all councillors."""
    parties = sorted(set(panel_seats) | set(council_seats), key=lambda p: (-council_seats.get(p, 0), p))
    panel_total = sum(panel_seats.values())
    council_total = sum(council_seats.values())
    return [
        PartyShare(
            party=party,
            panel_seats=panel_seats.get(party, 0),
            council_seats=council_seats.get(party, 0),
            panel_share=_percent(panel_seats.get(party, 0), panel_total),
            council_share=_percent(council_seats.get(party, 0), council_total),
        )
        for party in parties
    ]
