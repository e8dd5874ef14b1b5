"""Counting a vote: a pure function, no database, so anyone can recount.

Inputs are the anonymous ballots (college, choice), the number of voters in
each college when the vote closed, and the rules of the vote fixed when it
opened. The same `count` runs at the close (fed from the stored ballots) and in
`recount` (fed from the published list).

How the count works (documented on the results page too):

- quorum: abstentions count as taking part. Overall, voters / electorate must
  reach `quorum_percent`; in each college that has voters on its roll,
  voters / electorate must reach `college_quorum_percent`;
- each college's "for" share is for / (for + against) of its members: one
  member, one vote inside a college;
- the weighted share is the sum of weight x share over the colleges where
  someone expressed a for or against, divided by the sum of their weights
  (a college where nobody expressed an opinion does not pull the result);
- an ordinary motion passes with a weighted share strictly above 50 %; a
  motion that needs a supermajority passes at `threshold_percent` or above.

Shares are exact fractions: no rounding decides a vote.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

COLLEGES = ("companies", "experts", "founders")
CHOICES = ("for", "against", "abstain")


@dataclass(frozen=True)
class Parameters:
    weights: Mapping[str, int]
    quorum_percent: int
    college_quorum_percent: int
    supermajority: bool
    supermajority_percent: int

    def as_dict(self) -> dict:
        return {
            "weights": dict(self.weights),
            "quorum_percent": self.quorum_percent,
            "college_quorum_percent": self.college_quorum_percent,
            "supermajority": self.supermajority,
            "supermajority_percent": self.supermajority_percent,
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> Parameters:
        return cls(
            weights=dict(data["weights"]),
            quorum_percent=int(data["quorum_percent"]),
            college_quorum_percent=int(data["college_quorum_percent"]),
            supermajority=bool(data["supermajority"]),
            supermajority_percent=int(data["supermajority_percent"]),
        )


@dataclass(frozen=True)
class CollegeCount:
    college: str
    electorate: int
    votes: Mapping[str, int]

    @property
    def voters(self) -> int:
        return sum(self.votes.values())

    @property
    def expressed(self) -> int:
        return self.votes["for"] + self.votes["against"]

    def quorum_met(self, percent: int) -> bool:
        if self.electorate == 0:
            return True  # an empty college cannot block a vote
        return self.voters * 100 >= percent * self.electorate


@dataclass(frozen=True)
class Outcome:
    colleges: tuple[CollegeCount, ...]
    parameters: Parameters
    share: Fraction  # weighted "for" share of the votes expressed
    quorum_met: bool
    adopted: bool

    @property
    def voters(self) -> int:
        return sum(college.voters for college in self.colleges)

    @property
    def electorate(self) -> int:
        return sum(college.electorate for college in self.colleges)

    def as_dict(self) -> dict:
        """JSON-friendly, stable: what is published and compared on recount."""
        return {
            "colleges": {
                college.college: {
                    "electorate": college.electorate,
                    "voters": college.voters,
                    **dict(college.votes),
                    "quorum_met": college.quorum_met(
                        self.parameters.college_quorum_percent
                    ),
                }
                for college in self.colleges
            },
            "voters": self.voters,
            "electorate": self.electorate,
            "share": f"{self.share.numerator}/{self.share.denominator}",
            "share_percent": round(float(self.share) * 100, 2),
            "quorum_met": self.quorum_met,
            "adopted": self.adopted,
            "parameters": self.parameters.as_dict(),
        }


def count(
    ballots: Iterable[tuple[str, str]],
    *,
    electorate: Mapping[str, int],
    parameters: Parameters,
) -> Outcome:
    """Count `(college, choice)` ballots. Unknown colleges or choices are an error."""
    votes = {college: dict.fromkeys(CHOICES, 0) for college in COLLEGES}
    for college, choice in ballots:
        votes[college][choice] += 1
    colleges = tuple(
        CollegeCount(college=c, electorate=int(electorate.get(c, 0)), votes=votes[c])
        for c in COLLEGES
    )
    voters = sum(college.voters for college in colleges)
    total = sum(college.electorate for college in colleges)
    quorum_met = (
        total > 0
        and voters * 100 >= parameters.quorum_percent * total
        and all(
            college.quorum_met(parameters.college_quorum_percent)
            for college in colleges
        )
    )
    share = weighted_share(colleges, parameters.weights)
    if parameters.supermajority:
        passed = share * 100 >= parameters.supermajority_percent
    else:
        passed = share * 2 > 1
    return Outcome(
        colleges=colleges,
        parameters=parameters,
        share=share,
        quorum_met=quorum_met,
        adopted=quorum_met and passed,
    )


def weighted_share(
    colleges: Iterable[CollegeCount], weights: Mapping[str, int]
) -> Fraction:
    numerator, denominator = Fraction(0), 0
    for college in colleges:
        if college.expressed:
            weight = weights[college.college]
            numerator += Fraction(weight * college.votes["for"], college.expressed)
            denominator += weight
    return numerator / denominator if denominator else Fraction(0)


def published_list(
    *,
    motion_id: str,
    ballots: Iterable[tuple[str, str, str]],
    electorate: Mapping[str, int],
    parameters: Parameters,
) -> str:
    """The anonymous list as published: `(receipt_hash, college, choice)` sorted by hash."""
    return json.dumps(
        {
            "motion": motion_id,
            "parameters": parameters.as_dict(),
            "electorate": {
                college: int(electorate.get(college, 0)) for college in COLLEGES
            },
            "ballots": sorted([list(ballot) for ballot in ballots]),
        },
        separators=(",", ":"),
        sort_keys=True,
    )


def recount(published: str) -> Outcome:
    """Count a published list again: what any member or visitor can do."""
    data = json.loads(published)
    return count(
        ((college, choice) for _receipt, college, choice in data["ballots"]),
        electorate=data["electorate"],
        parameters=Parameters.from_dict(data["parameters"]),
    )
