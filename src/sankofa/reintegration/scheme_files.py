"""Scoring scheme files (YAML, docs/sustainability.md): read, check, and report every problem with
its line number. Reading builds a `ParsedScheme`; `services.scheme_load` stores it as a new version.
"""

import dataclasses
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from .models.surveys import Dimension

DEFAULT_FILE = Path(__file__).parent / "data" / "default_scheme.yaml"


class SchemeFileError(Exception):
    """The file is not a valid scheme; `errors` lists "line N: what is wrong" messages."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclasses.dataclass
class ParsedOption:
    code: str
    label_en: str
    label_fr: str
    score: Decimal | None


@dataclasses.dataclass
class ParsedQuestion:
    code: str
    dimension: str
    text_en: str
    text_fr: str
    weight: Decimal
    options: list[ParsedOption]


@dataclasses.dataclass
class ParsedBand:
    code: str
    label_en: str
    label_fr: str
    lower: Decimal


@dataclasses.dataclass
class ParsedScheme:
    code: str
    title_en: str
    title_fr: str
    note: str
    dimensions: list[tuple[str, Decimal]]
    questions: list[ParsedQuestion]
    bands: list[ParsedBand]


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping (as key "__line__")."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


class _Checker:
    def __init__(self):
        self.errors: list[str] = []

    def fail(self, line, message: str) -> None:
        self.errors.append(f"line {line}: {message}")

    def text(self, item: dict, key: str, *, required=True) -> str:
        value = item.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(item["__line__"], f"'{key}' is missing")
            return ""
        if not isinstance(value, str):  # YAML reads yes/no/on/off as booleans: quote them
            self.fail(item["__line__"], f"'{key}' must be text, not {value!r} (put it in quotes)")
            return ""
        return value.strip()

    def number(self, item: dict, key: str, *, low=None, high=None, positive=False, allow_null=False):
        if key not in item:
            if not allow_null:
                self.fail(item["__line__"], f"'{key}' is missing")
            return None
        value = item[key]
        if value is None:
            if not allow_null:
                self.fail(item["__line__"], f"'{key}' is empty")
            return None
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            self.fail(item["__line__"], f"'{key}' is not a number: {value!r}")
            return None
        if not number.is_finite():
            self.fail(item["__line__"], f"'{key}' is not a number: {value!r}")
            return None
        if positive and number <= 0:
            self.fail(item["__line__"], f"'{key}' must be positive, not {number}")
        if low is not None and number < low or high is not None and number > high:
            self.fail(item["__line__"], f"'{key}' must be between {low} and {high}, not {number}")
        return number

    def items(self, item: dict, key: str) -> list[dict]:
        value = item.get(key)
        if not isinstance(value, list) or not value:
            self.fail(item["__line__"], f"'{key}' must be a non-empty list")
            return []
        good = [v for v in value if isinstance(v, dict)]
        if len(good) != len(value):
            self.fail(item["__line__"], f"every entry of '{key}' must be a mapping (key: value)")
        return good


def parse_scheme(text: str) -> ParsedScheme:
    """Read and check a scheme file's text; raise SchemeFileError with every problem found."""
    try:
        root = yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise SchemeFileError([f"{where}not valid YAML ({getattr(exc, 'problem', exc)})"]) from None
    if not isinstance(root, dict):
        raise SchemeFileError(["line 1: the file must be a mapping with code, titles, bands and dimensions"])
    c = _Checker()
    code = c.text(root, "code")
    if code and not all(ch.isalnum() or ch in "-_" for ch in code):
        c.fail(root["__line__"], f"'code' may hold only letters, digits, '-' and '_': {code!r}")
    scheme = ParsedScheme(
        code=code,
        title_en=c.text(root, "title_en"),
        title_fr=c.text(root, "title_fr"),
        note=c.text(root, "note", required=False),
        dimensions=[],
        questions=[],
        bands=[],
    )
    band_codes = set()
    for band in c.items(root, "bands"):
        parsed = ParsedBand(
            code=c.text(band, "code"),
            label_en=c.text(band, "label_en"),
            label_fr=c.text(band, "label_fr"),
            lower=c.number(band, "from", low=0, high=1),
        )
        if parsed.code in band_codes:
            c.fail(band["__line__"], f"band '{parsed.code}' appears twice")
        band_codes.add(parsed.code)
        scheme.bands.append(parsed)
    if scheme.bands and not any(b.lower == 0 for b in scheme.bands if b.lower is not None):
        c.fail(root["__line__"], "one band must start 'from: 0', so that every score has a band")
    known = {d.value for d in Dimension}
    question_codes = set()
    for dim in c.items(root, "dimensions"):
        key = c.text(dim, "key")
        if key and key not in known:
            c.fail(dim["__line__"], f"unknown dimension '{key}' (one of: {', '.join(sorted(known))})")
        if key in {k for k, _w in scheme.dimensions}:
            c.fail(dim["__line__"], f"dimension '{key}' appears twice")
        scheme.dimensions.append((key, c.number(dim, "weight", positive=True)))
        for q in c.items(dim, "questions"):
            question = ParsedQuestion(
                code=c.text(q, "code"),
                dimension=key,
                text_en=c.text(q, "text_en"),
                text_fr=c.text(q, "text_fr"),
                weight=c.number(q, "weight", positive=True),
                options=[],
            )
            if question.code in question_codes:
                c.fail(q["__line__"], f"question '{question.code}' appears twice")
            question_codes.add(question.code)
            option_codes = set()
            for o in c.items(q, "options"):
                option = ParsedOption(
                    code=c.text(o, "code"),
                    label_en=c.text(o, "label_en"),
                    label_fr=c.text(o, "label_fr"),
                    score=c.number(o, "score", low=0, high=1, allow_null=True),
                )
                if "score" not in o:
                    c.fail(o["__line__"], "'score' is missing (write 'score: null' for \"don't know\")")
                if option.code in option_codes:
                    c.fail(o["__line__"], f"option '{option.code}' appears twice in '{question.code}'")
                option_codes.add(option.code)
                question.options.append(option)
            if question.options and all(o.score is None for o in question.options):
                c.fail(q["__line__"], f"question '{question.code}' has no option with a score")
            scheme.questions.append(question)
    if c.errors:
        raise SchemeFileError(c.errors)
    return scheme


def read_scheme_file(path) -> ParsedScheme:
    return parse_scheme(Path(path).read_text(encoding="utf-8"))


def scheme_store(parsed: ParsedScheme, *, models, version: int, source: str = "", loaded_by=None):
    """Write `parsed` as version `version` through `models` (the app's models, or a migration's
    historical ones: an object with ScoringScheme, SchemeBand, ... attributes). Returns the scheme."""
    scheme = models.ScoringScheme.objects.create(
        code=parsed.code,
        version=version,
        title_en=parsed.title_en,
        title_fr=parsed.title_fr,
        note=parsed.note,
        source=source[:255],
        loaded_by=loaded_by,
    )
    models.SchemeBand.objects.bulk_create(
        models.SchemeBand(scheme=scheme, code=b.code, label_en=b.label_en, label_fr=b.label_fr, lower=b.lower)
        for b in parsed.bands
    )
    dimensions = {
        key: models.SchemeDimension.objects.create(scheme=scheme, key=key, weight=weight, order=i)
        for i, (key, weight) in enumerate(parsed.dimensions)
    }
    for i, q in enumerate(parsed.questions):
        question = models.SchemeQuestion.objects.create(
            scheme=scheme,
            dimension=dimensions[q.dimension],
            code=q.code,
            text_en=q.text_en,
            text_fr=q.text_fr,
            weight=q.weight,
            order=i,
        )
        models.SchemeOption.objects.bulk_create(
            models.SchemeOption(
                question=question,
                code=o.code,
                label_en=o.label_en,
                label_fr=o.label_fr,
                score=o.score,
                order=j,
            )
            for j, o in enumerate(q.options)
        )
    return scheme
