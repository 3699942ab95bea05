"""Measuring, wrapping and drawing one line of receipt text in the embedded font.

Chinese has no spaces, so text wraps by character (and at a space inside Latin text).
"Bold" is the font stroked as well as filled (the shipped font has no bold face).
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from counter_app.receipts.fonts import FONT_NAME

ASCENT = 0.80  # of the font size, from the top of a line to the baseline (font: 0.765)
BLACK = colors.black
WHITE = colors.white
GREY = colors.Color(0.88, 0.88, 0.88)


def text_width(text: str, size: float) -> float:
    return stringWidth(text, FONT_NAME, size)


def _is_cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def wrap(text: str, size: float, width: float) -> list[str]:
    """Lines of ``text`` that each fit ``width``; explicit newlines are kept."""
    return list(_wrap(text, size, round(width, 3)))


@lru_cache(maxsize=4096)
def _wrap(text: str, size: float, width: float) -> tuple[str, ...]:
    # Blocks are measured before they are drawn (and A5 pages once more to paginate);
    # the cache makes that cost one pass of stringWidth calls.
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for ch in paragraph:
            if text_width(current + ch, size) <= width or not current:
                current += ch
                continue
            if ch == " ":
                lines.append(current.rstrip())
                current = ""
                continue
            cut = current.rfind(" ")
            if cut > 0 and not _is_cjk(ch) and not _is_cjk(current[-1]):
                lines.append(current[:cut].rstrip())
                current = current[cut + 1 :] + ch
            else:
                lines.append(current)
                current = ch
        lines.append(current)
    return tuple(lines)


def draw_text(
    canvas: Canvas,
    x: float,
    baseline: float,
    text: str,
    size: float,
    *,
    bold: bool = False,
    color: Color = BLACK,
) -> None:
    obj = canvas.beginText(x, baseline)
    obj.setFont(FONT_NAME, size)
    obj.setFillColor(color)
    if bold:
        obj.setStrokeColor(color)
        obj.setTextRenderMode(2)  # fill + stroke: a faux bold
        canvas.setLineWidth(size * 0.045)
    obj.textOut(text)
    if bold:
        obj.setTextRenderMode(0)  # the mode is graphics state: it outlives this text object
    canvas.drawText(obj)


def _aligned_x(x: float, width: float, text: str, size: float, align: str) -> float:
    if align == "center":
        return x + (width - text_width(text, size)) / 2
    if align == "right":
        return x + width - text_width(text, size)
    return x
