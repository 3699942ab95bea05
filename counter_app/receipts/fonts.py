"""The receipt font: WenQuanYi Micro Hei, shipped in ``resources/fonts``, embedded in PDFs.

reportlab's built-in CID font (STSong-Light) is never embedded and shows as boxes on a
viewer without Chinese fonts, so every receipt uses this TrueType font instead; reportlab
embeds it as a subset (only the glyphs used; about 25 KB per receipt). Parsing the 5 MB
``.ttc`` takes ~0.1 s, so it is registered once per process.

The PDF's /BaseFont is the font's own PostScript name (``XXXXXX+WenQuanYiMicroHei-0``);
:data:`FONT_NAME` is only reportlab's handle for it.
"""

from __future__ import annotations

import threading
from importlib import resources

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_NAME = "WQYMicroHei"
FONT_FILE = "wqy-microhei.ttc"
_lock = threading.Lock()


def register_fonts() -> str:
    """Register the receipt font with reportlab (once; thread-safe) and return its name."""
    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME
    with _lock:
        if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            source = resources.files("resources") / "fonts" / FONT_FILE
            # as_file gives a real path even when resources live in a zip/bundle; the
            # TTFont reads the whole file while it is constructed.
            with resources.as_file(source) as path:
                font = TTFont(FONT_NAME, str(path), subfontIndex=0)
            pdfmetrics.registerFont(font)
    return FONT_NAME
