"""Text as people typed it, made safe to store and show: `clean_text` is the one cleaning step.

A name such as "Ali\u202egnp.exe" shows as "Aliexe.png" (a right-to-left override reverses what
follows); zero-width characters make two names that look the same compare different and hide
text. `clean_text` composes the text (NFC) and removes every control character (Unicode category
Cc) and every invisible format character (Cf: bidi embeddings, overrides, isolates and marks,
zero-width space, word joiner, BOM, soft hyphen, tag characters), with one exception: the
zero-width non-joiner and joiner (U+200C, U+200D) are kept between two letters of a script that
writes with them (Persian and other Arabic-script languages, N'Ko, Indic scripts, Myanmar, Khmer),
where they change how a name is spelled, not what it says. Single-line text (names) also has
line breaks and tabs turned into spaces and runs of spaces collapsed.
"""

import re
import unicodedata

_JOINERS = {"\u200c", "\u200d"}
_JOINING_SCRIPTS = (
    (0x0600, 0x08FF),  # Arabic, Syriac, Arabic Supplement, Thaana, N'Ko, Samaritan..., Arabic Extended
    (0x0900, 0x0DFF),  # Devanagari to Sinhala
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0xFB50, 0xFDFF),  # Arabic presentation forms A
    (0xFE70, 0xFEFE),  # Arabic presentation forms B
)
_LINE_BREAKS = re.compile(r"[\t\n\r\v\f\u0085\u2028\u2029]")
_SPACES = re.compile(r"[^\S\n]+")


def _joining_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM" and any(a <= ord(char) <= b for a, b in _JOINING_SCRIPTS)


def clean_text(value: str, *, multiline: bool = False) -> str:
    """The text without control and invisible format characters (joiners kept where a script
    needs them), composed (NFC), stripped; single-line unless multiline."""
    if not value:
        return value
    if value.isprintable():  # the usual case, fast: no Cc, Cf or line separators (U+0020 aside)
        return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()
    text = unicodedata.normalize("NFC", value)
    if not multiline:
        text = _LINE_BREAKS.sub(" ", text)
    kept = []
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        if char in "\n\t" and multiline:
            kept.append(char)
        elif char in _JOINERS:
            before = text[index - 1] if index else ""
            after = text[index + 1] if index + 1 < len(text) else ""
            if before and after and _joining_letter(before) and _joining_letter(after):
                kept.append(char)
        elif category not in ("Cc", "Cf"):
            kept.append(char)
    text = "".join(kept)
    if multiline:
        text = _SPACES.sub(" ", text.replace("\r", ""))
        return "\n".join(line.strip() for line in text.split("\n")).strip()
    return _SPACES.sub(" ", text).strip()
