"""Name normalisation: the one module that turns names as written into searchable forms.

- fold(): any script to Latin (anyascii), lower case, accents and punctuation gone.
- tokens(): the folded words of a name, in order.
- sound_key(): a spelling-tolerant key for one folded word, so that Aïssatou/Aisatou,
  Diallo/Dialo and Mohamed/Mouhamed/Muhammad meet.
- name_words(): the words a name is matched by: particles (bin, ould, ag, el...) dropped, "Abd"
  compounds joined (Abdel Rahman = Abdelrahman), each word with its script.
- skeleton(): consonants only, to meet names written in a script without vowels (Arabic محمد = mhmd).
- variant_keys() / canonical(): regional variants held as DATA (data/name_variants.txt, plus files
  named by SANKOFA_NAME_VARIANTS): Mohamed/Muhammad/Mamadou, Diallo/Jalloh, Fatoumata/Fatima...
Search, registration-time duplicate checks and the batch job all use these; none forks them.
"""

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from anyascii import anyascii
from django.db.models import Q

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
_ABD_ARTICLE = re.compile(r"^abda?l?(?=[^a])")


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
    # "Abd" compounds: the article after it is written al/el/ul/oul or assimilated (Abderrahmane).
    w = _ABD_ARTICLE.sub("abd", w)
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


# --- words, particles and scripts ---------------------------------------------------------------

# Words that join names rather than name anyone: "son of" (bin, ben, ibn, ould, ag, wuld), "daughter
# of" (bint, mint), the Arabic article (al, el) written apart. Dropped for matching (Mohamed Ould
# Ahmed = Mohamed Ahmed), unless a name has nothing else.
PARTICLES = frozenset({"bin", "ben", "ibn", "bint", "mint", "ould", "wuld", "ag", "al", "el", "bn", "wld"})
# "Abd" (servant of) opens a compound that clerks write in one word or two: Abdel Rahman,
# Abdelrahman, Abdul Rahman. Joined with the next word. ("Abdou" and "Abdi" are names of their own.)
ABD_PREFIXES = frozenset({"abd", "abdel", "abdul", "abdoul", "abdal", "abdur", "abder", "abdu", "bd"})
_TRAILING_H = re.compile(r"h+$")
_SKELETON_DROP = re.compile(r"[aeiouwy]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def is_abjad(text: str) -> bool:
    """Whether the text is written in a script that leaves short vowels out (Arabic)."""
    return bool(_ARABIC.search(text or ""))


def word_key(text: str, abjad: bool = False) -> str:
    """The key a folded word is indexed and grouped by: its sound key, or for a word written without
    vowels its exact folded letters marked "^" (sound keys of consonant strings collide: محمد and
    أحمد would both be "md")."""
    return ("^" + text)[:40] if abjad else sound_key(text)


@dataclass(frozen=True)
class Word:
    """One word of a name as matched: folded, its key and consonant skeleton, and whether it was
    written without vowels (then only its skeleton or the variant data can meet a Latin spelling)."""

    text: str
    key: str
    skel: str
    abjad: bool

    @property
    def skel_stored(self) -> str:
        """The skeleton as indexed: words written without vowels carry a mark, so that Latin
        queries meet them by skeleton while Latin names do not meet each other that loosely."""
        return ("^" + self.skel) if self.abjad else self.skel


def skeleton(word: str) -> str:
    """Consonants only (digraphs unified, vowels, w, y and a final h dropped, doubled letters
    collapsed): 'mohamed', 'muhammad' and Arabic 'mhmd' give 'mhmd'; 'jalloh' and Arabic 'jlw' 'jl'."""
    w = _REPEATS.sub(r"\1", word)
    for old, new in _DIGRAPHS:
        w = w.replace(old, new)
    w = _SKELETON_DROP.sub("", _TRAILING_H.sub("", w))
    return _REPEATS.sub(r"\1", w)[:40]


def _join_compounds(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word in ABD_PREFIXES and i + 1 < len(words):
            out.append(word + words[i + 1])
            i += 2
            continue
        out.append(word)
        i += 1
    return out


@functools.lru_cache(maxsize=200_000)
def _part_words(part: str) -> tuple[Word, ...]:
    # Names repeat (a million people share a few thousand words): the batch job folds each once.
    abjad = is_abjad(part)
    words = _join_compounds(fold(part).split())
    kept = [w for w in words if w not in PARTICLES] or words
    return tuple(Word(w[:60], word_key(w[:60], abjad), skeleton(w[:60]), abjad) for w in kept)


def name_words(*parts: str) -> list[Word]:
    """The words a name is matched by, without repeats: each part folded, "Abd" compounds joined,
    particles dropped (kept if a part has nothing else)."""
    seen: dict[tuple[str, bool], Word] = {}
    for part in parts:
        if part:
            for word in _part_words(part):
                seen.setdefault((word.text, word.abjad), word)
    return list(seen.values())


def token_rows(*parts: str) -> list[tuple[str, str, str]]:
    """(word, key, stored skeleton) rows of a person's name parts, as PersonNameToken holds them."""
    return [(w.text, w.key, w.skel_stored) for w in name_words(*parts)]


# --- regional variants, as data -----------------------------------------------------------------

_DATA_FILE = Path(__file__).parent / "data" / "name_variants.txt"


def _variant_files() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("SANKOFA_NAME_VARIANTS", "").split(os.pathsep) if p.strip()]
    return [_DATA_FILE, *extra]


@dataclass(frozen=True)
class Variants:
    groups: dict[str, frozenset[str]]  # word key -> every word key of its group
    canonical: dict[str, str]  # word key -> the group's canonical (first) spelling, folded


def parse_variants(lines) -> Variants:
    """Groups of spellings, one per line, canonical first; groups sharing a key are joined."""
    parent: dict[str, str] = {}
    first: dict[str, str] = {}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for line in lines:
        line = line.split("#", 1)[0]
        keys = []
        for entry in line.replace(",", " ").split():
            folded = "".join(fold(entry).split())
            if folded:
                keys.append((word_key(folded, is_abjad(entry)), folded))
        if not keys:
            continue
        for key, _folded in keys:
            parent.setdefault(key, key)
            first.setdefault(key, keys[0][1])
        root = find(keys[0][0])
        for key, _ in keys[1:]:
            other = find(key)
            if other != root:
                parent[other] = root
    members: dict[str, set[str]] = {}
    for key in parent:
        members.setdefault(find(key), set()).add(key)
    groups, canonical = {}, {}
    for root, keys in members.items():
        frozen = frozenset(keys)
        for key in keys:
            groups[key] = frozen
            canonical[key] = first[root]
    return Variants(groups, canonical)


@functools.cache
def variants() -> Variants:
    """The shipped variant groups and any extra files, read once per process (read-only data)."""
    lines: list[str] = []
    for path in _variant_files():
        lines.extend(path.read_text(encoding="utf-8").splitlines())
    return parse_variants(lines)


def variant_keys(word: Word) -> frozenset[str]:
    """Every key a name word may be stored under: its own and those of its variant group."""
    return variants().groups.get(word.key, frozenset({word.key}))


def canonical(word: Word) -> str:
    """One spelling for a name and all its regional variants (Muhammad, Mamadou -> mohamed); a name
    outside the variant data is its own key."""
    return variants().canonical.get(word.key, word.key)


def skeleton_lookups(word: Word) -> list[str]:
    """Stored skeletons a word may meet: Latin words meet only words written without vowels
    (marked "^"); those meet every word. Skeletons shorter than 2 letters meet nothing."""
    if len(word.skel) < 2:
        return []
    return ["^" + word.skel, word.skel] if word.abjad else ["^" + word.skel]


def name_lookup(word: Word):
    """The filter on PersonNameToken rows that meet `word` (one index lookup per key column)."""
    match = Q(key__in=sorted(variant_keys(word)))
    skeletons = skeleton_lookups(word)
    return match | Q(skel__in=skeletons) if skeletons else match


def same_name(one: Word, other: Word) -> str:
    """How two name words meet, strongest first: "exact", "sound", "variant", "script", or ""."""
    if one.text == other.text and one.abjad == other.abjad:
        return "exact"
    if one.key == other.key:
        return "sound"
    if other.key in variant_keys(one):
        return "variant"
    if (one.abjad or other.abjad) and len(one.skel) >= 2 and one.skel == other.skel:
        return "script"
    return ""
