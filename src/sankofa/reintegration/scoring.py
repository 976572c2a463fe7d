"""THE scoring of a sustainability survey: one pure function over the scheme's data (no database).

Rules (docs/sustainability.md):
- A question's score is the score of the chosen option. An option without a score ("don't know",
  "prefers not to say") and a question left without an answer are *unanswered*: left out of the
  mean, their weight with them.
- Dimension score = sum(weight × score) / sum(weight) over the answered questions of the dimension;
  no answered question → no dimension score.
- Composite = the same weighted mean of the dimension scores, with the dimensions' weights, and only
  when every dimension of the scheme has a score (a survey that says nothing of a dimension has no
  composite: it would be a mean of something else).
- Scores and weights are Decimals; the means are computed exactly (as fractions, no intermediate
  rounding) and each published score (dimension scores and composite) is rounded once, to 3
  decimal places, half up, into a Decimal. The composite is computed from the exact, unrounded
  dimension scores.
- Band: the band with the highest lower bound at or below the rounded score.

`static/reintegration/survey.js` mirrors this in the browser for the live score; the server's
result is the one stored.
"""

import dataclasses
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

PLACES = Decimal("0.001")


@dataclasses.dataclass(frozen=True)
class OptionData:
    code: str
    score: Decimal | None  # None: "don't know", counts as unanswered


@dataclasses.dataclass(frozen=True)
class QuestionData:
    code: str
    dimension: str
    weight: Decimal
    options: tuple[OptionData, ...]

    def option(self, code: str) -> OptionData | None:
        return next((o for o in self.options if o.code == code), None)


@dataclasses.dataclass(frozen=True)
class BandData:
    code: str
    lower: Decimal


@dataclasses.dataclass(frozen=True)
class SchemeData:
    dimensions: dict[str, Decimal]  # key → weight in the composite, in display order
    questions: tuple[QuestionData, ...]
    bands: tuple[BandData, ...]

    def question(self, code: str) -> QuestionData | None:
        return next((q for q in self.questions if q.code == code), None)


@dataclasses.dataclass(frozen=True)
class Scores:
    dimensions: dict[str, Decimal | None]
    composite: Decimal | None
    band: str  # "" when there is no composite
    answered: int  # questions with a scored answer


def _round(value: Fraction) -> Decimal:
    """Half up to 3 places, exactly (the scores are never negative)."""
    thousandths = (value * 1000 * 2 + 1) // 2  # floor(x + 1/2)
    return (Decimal(thousandths) / 1000).quantize(PLACES, rounding=ROUND_HALF_UP)


def _weighted_mean(pairs) -> Fraction | None:
    total = sum((Fraction(w) for w, _s in pairs), Fraction(0))
    if not pairs or total <= 0:
        return None
    return sum((Fraction(w) * Fraction(s) for w, s in pairs), Fraction(0)) / total


def band_of(bands: tuple[BandData, ...], value: Decimal | None) -> str:
    if value is None:
        return ""
    fitting = [b for b in bands if b.lower <= value]
    return max(fitting, key=lambda b: b.lower).code if fitting else ""


def score(scheme: SchemeData, answers: dict[str, str]) -> Scores:
    """Score `answers` (question code → option code) under `scheme`. Answers to questions the scheme
    does not have, and option codes the question does not have, are ignored (unanswered)."""
    per_dimension: dict[str, list] = {key: [] for key in scheme.dimensions}
    answered = 0
    for question in scheme.questions:
        option = question.option(answers.get(question.code, "")) if question.code in answers else None
        if option is None or option.score is None:
            continue
        per_dimension[question.dimension].append((question.weight, option.score))
        answered += 1
    raw = {key: _weighted_mean(pairs) for key, pairs in per_dimension.items()}
    composite = None
    if raw and all(v is not None for v in raw.values()):
        composite = _round(_weighted_mean([(scheme.dimensions[k], v) for k, v in raw.items()]))
    return Scores(
        dimensions={k: None if v is None else _round(v) for k, v in raw.items()},
        composite=composite,
        band=band_of(scheme.bands, composite),
        answered=answered,
    )


def scheme_data(scheme) -> SchemeData:
    """The data of a stored ScoringScheme, as the scoring function reads it."""
    questions = scheme.questions.select_related("dimension").prefetch_related("options").order_by("order")
    return SchemeData(
        dimensions={d.key: d.weight for d in scheme.dimensions.order_by("order")},
        questions=tuple(
            QuestionData(
                code=q.code,
                dimension=q.dimension.key,
                weight=q.weight,
                options=tuple(OptionData(o.code, o.score) for o in q.options.all()),
            )
            for q in questions
        ),
        bands=tuple(BandData(b.code, b.lower) for b in scheme.bands.order_by("lower")),
    )
