"""Name normalisation: the one module that turns names as written into searchable forms.

- fold(): any script to Latin (anyascii), lower case, accents and punctuation gone.
- tokens(): the folded words of a name, in order.
- sound_key(): a spelling-tolerant key for one folded word, so that Aïssatou/Aisatou,
  Diallo/Dialo and Mohamed/Mouhamed/Muhammad meet. Issue-level duplicate detection builds
  canonical variants on top of these forms; it must not fork them.
"""

import re

from anyascii import anyascii

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Apostrophes join, they do not split: N'Diaye is Ndiaye, and anyascii writes Ge'ez ejectives as k'.
_APOSTROPHES = re.compile(r"['`]")
# Spellings that French- and English-trained clerks write differently for the same sound.
_DIGRAPHS = [
    ("ph", "f"),
    ("kh", "k"),
    ("gh", "g"),
    ("dj", "j"),
    ("ck", "k"),
    ("ou", "u"),
    ("th", "t"),
    ("sh", "s"),
    ("ch", "s"),
    ("q", "k"),
    ("c", "k"),
    ("z", "s"),
    ("y", "i"),
]
_INTERNATIONAL = re.compile(r"^[\s(]*\+")
_VOWEL_RUN = re.compile(r"[aeiou]+")
_REPEATS = re.compile(r"(.)\1+")


def fold(text: str) -> str:
    """Latin, lower case, no accents, single spaces: 'Aïssatou  DIALLO' -> 'aissatou diallo',
    "N'Diaye" -> 'ndiaye', 'محمد' -> 'mhmd', 'አበበ' -> 'abebe'."""
    if not text:
        return ""
    return " ".join(_NON_ALNUM.split(_APOSTROPHES.sub("", anyascii(text).lower()))).strip()


def tokens(*parts: str) -> list[str]:
    """Folded words of one or more name parts, without repeats, in order."""
    seen: list[str] = []
    for part in parts:
        for word in fold(part).split():
            if word not in seen:
                seen.append(word)
    return seen


def sound_key(word: str) -> str:
    """Spelling-tolerant key of one folded word: digraphs unified, h dropped, vowel runs to 'a',
    doubled letters collapsed. 'mouhamed', 'muhammad' and 'mohamed' all give 'mamad'."""
    w = _REPEATS.sub(r"\1", word)  # before the digraphs too: 'pphh' is 'ph', not 'p' + 'ph'
    for old, new in _DIGRAPHS:
        w = w.replace(old, new)
    w = w.replace("h", "")
    w = _REPEATS.sub(r"\1", w)
    w = _VOWEL_RUN.sub("a", w)
    return w[:40]


def normalise_document_number(number: str) -> str:
    """Document numbers compare without spaces, dashes or case: 'ab 12-345' == 'AB12345'."""
    return re.sub(r"[^A-Z0-9]", "", anyascii(number or "").upper())


def normalise_phone(phone: str) -> str:
    """Digits only, a leading + written 00: '+227 90 12 34 56' and '(+227) 90.12.34.56' both give
    '0022790123456'."""
    phone = phone or ""
    digits = re.sub(r"\D", "", phone)
    return ("00" + digits) if _INTERNATIONAL.match(phone) else digits
