"""The scoring function against examples computed by hand (docs/sustainability.md, "Scoring")."""

from decimal import Decimal as D

from sankofa.reintegration.scoring import BandData, OptionData, QuestionData, SchemeData, score


def q(code, dimension, weight, *scores):
    """A question whose options are named o0, o1, ... with these scores (None: "don't know")."""
    options = tuple(OptionData(f"o{i}", None if s is None else D(s)) for i, s in enumerate(scores))
    return QuestionData(code, dimension, D(weight), options)


BANDS = (BandData("low", D("0")), BandData("medium", D("0.4")), BandData("high", D("0.7")))
SCHEME = SchemeData(
    dimensions={"economic": D(2), "social": D(1), "psychosocial": D(1)},
    questions=(
        q("e1", "economic", 1, "0", "0.5", "1", None),
        q("e2", "economic", 3, "0", "0.25", "1"),
        q("s1", "social", 1, "0", "0.33", "0.67", "1"),
        q("s2", "social", 1, "0", "1", None),
        q("p1", "psychosocial", 2, "0", "0.5", "1"),
    ),
    bands=BANDS,
)


def test_weighted_means_of_questions_then_dimensions():
    # economic = (1×0.5 + 3×0.25) / 4 = 1.25 / 4 = 0.3125 → 0.313 (half up)
    # social = (0.67 + 1) / 2 = 0.835; psychosocial = 0.5
    # composite = (2×0.3125 + 0.835 + 0.5) / 4 = 1.96 / 4 = 0.49 (from the unrounded 0.3125)
    result = score(SCHEME, {"e1": "o1", "e2": "o1", "s1": "o2", "s2": "o1", "p1": "o1"})
    assert result.dimensions == {"economic": D("0.313"), "social": D("0.835"), "psychosocial": D("0.500")}
    assert result.composite == D("0.490")
    assert result.band == "medium"
    assert result.answered == 5


def test_dont_know_leaves_the_question_out_of_its_dimension_mean():
    # e1 "don't know": economic = e2 alone = 1; s2 "don't know": social = s1 alone = 0.33
    # composite = (2×1 + 0.33 + 1) / 4 = 3.33 / 4 = 0.8325 → 0.833 (half up)
    result = score(SCHEME, {"e1": "o3", "e2": "o2", "s1": "o1", "s2": "o2", "p1": "o2"})
    assert result.dimensions == {"economic": D("1.000"), "social": D("0.330"), "psychosocial": D("1.000")}
    assert result.composite == D("0.833")
    assert result.band == "high"
    assert result.answered == 3


def test_a_dimension_without_any_scored_answer_has_no_score_and_no_composite():
    result = score(SCHEME, {"e1": "o0", "e2": "o0", "s2": "o2", "p1": "o0"})  # s1 unanswered, s2 don't know
    assert result.dimensions == {"economic": D("0.000"), "social": None, "psychosocial": D("0.000")}
    assert result.composite is None
    assert result.band == ""


def test_unknown_questions_and_options_count_as_unanswered():
    result = score(SCHEME, {"e1": "o9", "zz": "o0", "e2": "o2", "s1": "o3", "p1": "o0"})
    assert result.dimensions["economic"] == D("1.000")  # e1's unknown option ignored
    # composite = (2×1 + 1 + 0) / 4 = 0.75
    assert result.composite == D("0.750")
    assert result.band == "high"


def test_band_boundaries_are_inclusive_from_below():
    one_question = SchemeData(
        dimensions={"economic": D(1)}, questions=(q("e", "economic", 1, "0.4", "0.399", "0.7"),), bands=BANDS
    )
    assert score(one_question, {"e": "o0"}).band == "medium"
    assert score(one_question, {"e": "o1"}).band == "low"
    assert score(one_question, {"e": "o2"}).band == "high"
