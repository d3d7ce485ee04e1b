"""Strings chosen to break things, sent on purpose into every text parameter and field.

Random generation finds a NUL or a 201-character title only when it is lucky; these
are sent on every run (fuzz.py, for every parameter and body field the served
document declares) and mixed into schemathesis' own generation (a dictionary).
Whether one must be accepted or refused is not listed here: it follows from the
served document, which must say exactly what the server accepts.
"""

# Rust's `str::trim` removes exactly the Unicode `White_Space` characters.
RUST_WHITESPACE = "".join(
    chr(c)
    for c in (
        *range(0x09, 0x0E),
        0x20,
        0x85,
        0xA0,
        0x1680,
        *range(0x2000, 0x200B),
        0x2028,
        0x2029,
        0x202F,
        0x205F,
        0x3000,
    )
)

FAMILY = "\U0001F469\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"  # 7 code points, 1 grapheme
FLAG = "\U0001F1FA\U0001F1F3"  # 2 regional indicators
GRINNING = "\U0001F600"  # astral: 1 character, 2 UTF-16 units, 4 UTF-8 bytes
E_ACUTE = "e\u0301"  # 2 code points, 1 grapheme


def _lengths():
    """Strings just inside and just outside the 200 and 1000 character limits, in
    characters of 1, 2 and 4 UTF-8 bytes and in multi-code-point graphemes: a limit
    counted in bytes, UTF-16 units or graphemes instead of characters shows."""
    out = {}
    for n in (200, 201, 1000, 1001):
        out[f"{n} x 'a'"] = "a" * n
        out[f"{n} x U+00E9"] = "\u00e9" * n
        out[f"{n} x U+1F600"] = GRINNING * n
        # Graphemes of 7 code points, topped up with ASCII to exactly n characters.
        out[f"{n} chars of ZWJ families"] = FAMILY * (n // 7) + "a" * (n % 7)
        out[f"{n} chars of e + U+0301"] = E_ACUTE * (n // 2) + "e" * (n % 2)
    # 200 characters once trimmed, longer as sent.
    out["' ' + 200 x 'a' + ' '"] = " " + "a" * 200 + " "
    out["U+3000 + 200 x 'a'"] = "\u3000" + "a" * 200
    out["' ' + 201 x 'a'"] = " " + "a" * 201
    return out


HOSTILE = {
    "empty": "",
    "NUL": "\x00",
    "NUL inside": "milk\x00bread",
    "%": "%",
    "_": "_",
    "\\": "\\",
    "%_\\ together": "50%_off\\now",
    "trailing \\": "milk\\",
    "%00 (literal)": "%00",
    "'": "'",
    '"': '"',
    "SQL-ish": "' OR '1'='1' --",
    "JSON-ish": '{"title": null}',
    "HTML": "<script>alert(1)</script>",
    "U+202E (RLO)": "\u202e",
    "U+2066 (LRI)": "\u2066",
    "bidi inside": "abc\u202edef\u2066ghi\u2069",
    "U+FEFF (BOM)": "\ufeff",
    "BOM first": "\ufeffBuy milk",
    "U+200B (zero width)": "\u200b",
    "emoji": GRINNING,
    "ZWJ family": FAMILY,
    "flag": FLAG,
    "combining": E_ACUTE,
    "U+10FFFF": "\U0010ffff",
    "U+FFFF": "\uffff",
    "control chars": "\x01\x1b\x7f",
    "U+001C (not Rust whitespace)": "\x1c",
    "space": " ",
    "whitespace only": " \t\n\r\u3000\u00a0\u2028",
    "U+0085 (NEL)": "\u0085",
    "CRLF inside": "a\r\nb",
    "padded": "  milk  ",
    **_lengths(),
}
