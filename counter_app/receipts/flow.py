"""A very small block layout for receipts: measure first, then draw.

Layouts build a list of blocks (text, key/value rows, table rows, rules, banners, a QR
code, side-by-side columns). Every block knows its height for a given width, so a roll
receipt can size its page to the content and an A5 page can break between blocks.
Chinese has no spaces, so text wraps by character (and at a space inside Latin text).

All text is drawn in the embedded receipt font; "bold" is the font stroked as well as
filled (the shipped font has no bold face), which survives text extraction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from counter_app.receipts.fonts import register_fonts
from counter_app.receipts.text import (
    ASCENT,
    BLACK,
    WHITE,
    _aligned_x,
    draw_text,
    text_width,
    wrap,
)


class Block:
    """Something with a height that draws itself from its top edge down."""

    keep_with_next = False

    def height(self, width: float) -> float:
        raise NotImplementedError

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        raise NotImplementedError


@dataclass
class Text(Block):
    text: str
    size: float = 8
    align: str = "left"
    bold: bool = False
    color: Color = BLACK
    leading: float = 1.3

    def _lines(self, width: float) -> list[str]:
        return wrap(self.text, self.size, width)

    def height(self, width: float) -> float:
        return len(self._lines(width)) * self.size * self.leading

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        step = self.size * self.leading
        pad = (step - self.size) / 2
        for i, line in enumerate(self._lines(width)):
            baseline = top - pad - i * step - self.size * ASCENT
            draw_text(
                canvas,
                _aligned_x(x, width, line, self.size, self.align),
                baseline,
                line,
                self.size,
                bold=self.bold,
                color=self.color,
            )


@dataclass
class KeyValue(Block):
    """A label on the left and its value on the right, sharing the first line.

    A long label wraps in the room the value leaves (when the value takes at most half
    the width); otherwise the value drops to its own line(s), right-aligned.
    """

    label: str
    value: str
    size: float = 8
    value_size: float | None = None
    bold: bool = False
    leading: float = 1.3
    gap: float = 6

    def _layout(self, width: float) -> tuple[list[str], list[str], bool]:
        """(label lines, value lines, whether the value sits on the label's first line)."""
        vsize = self.value_size or self.size
        value_w = text_width(self.value, vsize)
        if text_width(self.label, self.size) + self.gap + value_w <= width:
            return [self.label], [self.value], True
        if value_w + self.gap <= width / 2:
            return wrap(self.label, self.size, width - value_w - self.gap), [self.value], True
        return wrap(self.label, self.size, width), wrap(self.value, vsize, width), False

    def height(self, width: float) -> float:
        labels, values, beside = self._layout(width)
        vsize = self.value_size or self.size
        if beside:
            return (max(self.size, vsize) + (len(labels) - 1) * self.size) * self.leading
        return (len(labels) * self.size + len(values) * vsize) * self.leading

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        labels, values, beside = self._layout(width)
        vsize = self.value_size or self.size
        y = top
        if beside:
            first = max(self.size, vsize)
            baseline = top - first * (self.leading - 1) / 2 - first * ASCENT
            draw_text(
                canvas,
                _aligned_x(x, width, values[0], vsize, "right"),
                baseline,
                values[0],
                vsize,
                bold=self.bold,
            )
            draw_text(canvas, x, baseline, labels[0], self.size, bold=self.bold)
            y = top - first * self.leading
            labels, values = labels[1:], []
        for line in labels:
            draw_text(
                canvas,
                x,
                y - self.size * (self.leading - 1) / 2 - self.size * ASCENT,
                line,
                self.size,
                bold=self.bold,
            )
            y -= self.size * self.leading
        for line in values:
            draw_text(
                canvas,
                _aligned_x(x, width, line, vsize, "right"),
                y - vsize * (self.leading - 1) / 2 - vsize * ASCENT,
                line,
                vsize,
                bold=self.bold,
            )
            y -= vsize * self.leading


@dataclass
class Row(Block):
    """Table cells side by side: (text, width weight, align). Each cell wraps on its own."""

    cells: Sequence[tuple[str, float, str]]
    size: float = 8
    bold: bool = False
    shade: Color | None = None
    box: bool = False
    pad: float = 2.5
    leading: float = 1.3

    def _columns(self, width: float) -> list[tuple[float, float, list[str], str]]:
        total = sum(weight for _, weight, _ in self.cells)
        out = []
        x = 0.0
        for text, weight, align in self.cells:
            w = width * weight / total
            out.append((x, w, wrap(text, self.size, w - 2 * self.pad), align))
            x += w
        return out

    def height(self, width: float) -> float:
        lines = max(len(c[2]) for c in self._columns(width))
        return lines * self.size * self.leading + 2 * self.pad

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        h = self.height(width)
        columns = self._columns(width)
        if self.shade is not None:
            canvas.setFillColor(self.shade)
            canvas.rect(x, top - h, width, h, stroke=0, fill=1)
        if self.box:
            canvas.setStrokeColor(BLACK)
            canvas.setLineWidth(0.5)
            canvas.rect(x, top - h, width, h, stroke=1, fill=0)
            for cx, _, _, _ in columns[1:]:
                canvas.line(x + cx, top, x + cx, top - h)
        step = self.size * self.leading
        for cx, w, lines, align in columns:
            for i, line in enumerate(lines):
                baseline = top - self.pad - (step - self.size) / 2 - i * step - self.size * ASCENT
                draw_text(
                    canvas,
                    _aligned_x(x + cx + self.pad, w - 2 * self.pad, line, self.size, align),
                    baseline,
                    line,
                    self.size,
                    bold=self.bold,
                )


@dataclass
class Rule(Block):
    dashed: bool = False
    thickness: float = 0.6
    space: float = 5

    def height(self, width: float) -> float:
        return self.space

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        canvas.setStrokeColor(BLACK)
        canvas.setLineWidth(self.thickness)
        canvas.setDash(2, 2) if self.dashed else canvas.setDash()
        y = top - self.space / 2
        canvas.line(x, y, x + width, y)
        canvas.setDash()


@dataclass
class Spacer(Block):
    space: float

    def height(self, width: float) -> float:
        return self.space

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        pass


@dataclass
class Banner(Block):
    """A filled box with centred text in reverse: REPRINT, VOID. Hard to miss."""

    text: str
    size: float = 12
    fill: Color = BLACK
    color: Color = WHITE
    pad: float = 3

    def height(self, width: float) -> float:
        lines = wrap(self.text, self.size, width - 2 * self.pad)
        return len(lines) * self.size * 1.25 + 2 * self.pad

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        h = self.height(width)
        canvas.setFillColor(self.fill)
        canvas.rect(x, top - h, width, h, stroke=0, fill=1)
        Text(self.text, self.size, "center", True, self.color, 1.25).draw(
            canvas, x + self.pad, top - self.pad, width - 2 * self.pad
        )


@dataclass
class Boxed(Block):
    """Blocks inside a thin frame."""

    blocks: Sequence[Block]
    pad: float = 4
    line_width: float = 0.6

    def height(self, width: float) -> float:
        inner = width - 2 * self.pad
        return sum(b.height(inner) for b in self.blocks) + 2 * self.pad

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        h = self.height(width)
        canvas.setStrokeColor(BLACK)
        canvas.setLineWidth(self.line_width)
        canvas.rect(x, top - h, width, h, stroke=1, fill=0)
        stack(canvas, self.blocks, x + self.pad, top - self.pad, width - 2 * self.pad)


@dataclass
class QrCode(Block):
    """A QR code (error correction M, 2-module quiet zone), centred; records where it went.

    The modules come from reportlab's own ``QrCodeWidget`` encoder; they are drawn as one
    filled path of row runs rather than through a ``Drawing`` of thousands of ``Rect``
    shapes, which took ~15 ms per receipt.
    """

    payload: str
    size: float
    border: int = 2
    placed: list[tuple[float, float, float]] = field(default_factory=list)

    def widget(self) -> QrCodeWidget:
        return QrCodeWidget(
            self.payload,
            barWidth=self.size,
            barHeight=self.size,
            barLevel="M",
            barBorder=self.border,
        )

    def modules(self) -> list[list[bool]]:
        qr = self.widget().qr
        qr.make()
        return [[bool(m) for m in row] for row in qr.modules]

    def height(self, width: float) -> float:
        return self.size

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        left = x + (width - self.size) / 2
        modules = self.modules()
        box = self.size / (len(modules) + 2 * self.border)
        canvas.saveState()
        # One unit = one module, origin at the top-left module: integer coordinates keep
        # the path short (and quick to write) and exact.
        canvas.translate(left + self.border * box, top - self.border * box)
        canvas.scale(box, -box)
        path = canvas.beginPath()
        for r, row in enumerate(modules):
            c = 0
            while c < len(row):
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < len(row) and row[c]:
                    c += 1
                path.rect(start, r, c - start, 1)
        canvas.setFillColor(BLACK)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()
        self.placed.append((left, top - self.size, self.size))


@dataclass
class Columns(Block):
    """Stacks of blocks side by side, each with a width weight; as tall as the tallest."""

    stacks: Sequence[tuple[float, Sequence[Block]]]
    gap: float = 8

    def _widths(self, width: float) -> list[float]:
        total = sum(weight for weight, _ in self.stacks)
        usable = width - self.gap * (len(self.stacks) - 1)
        return [usable * weight / total for weight, _ in self.stacks]

    def height(self, width: float) -> float:
        return max(
            sum(b.height(w) for b in blocks)
            for w, (_, blocks) in zip(self._widths(width), self.stacks, strict=True)
        )

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        for w, (_, blocks) in zip(self._widths(width), self.stacks, strict=True):
            stack(canvas, blocks, x, top, w)
            x += w + self.gap


def stack(canvas: Canvas, blocks: Sequence[Block], x: float, top: float, width: float) -> float:
    """Draw blocks one under the other; return the y where the next would start."""
    for block in blocks:
        block.draw(canvas, x, top, width)
        top -= block.height(width)
    return top


def paginate(blocks: Sequence[Block], width: float, page_room: float) -> list[list[Block]]:
    """Split blocks into pages of at most ``page_room`` height (a block never splits;
    one taller than a page gets a page of its own)."""
    pages: list[list[Block]] = [[]]
    used = 0.0
    for block in blocks:
        h = block.height(width)
        if pages[-1] and used + h > page_room:
            # Move a trailing heading along with the block it introduces.
            carried = []
            while pages[-1] and pages[-1][-1].keep_with_next:
                carried.insert(0, pages[-1].pop())
            pages.append(carried)
            used = sum(b.height(width) for b in carried)
        pages[-1].append(block)
        used += h
    return pages


def ensure_font() -> str:
    return register_fonts()


@dataclass(frozen=True)
class Drawn:
    """What a layout put on paper: page count, page size, and where the QR code went
    (page index, x, y, size in points; y is its bottom edge)."""

    pages: int
    page_size: tuple[float, float]
    qr: tuple[int, float, float, float] | None


def render_pages(
    canvas: Canvas,
    blocks: Sequence[Block],
    *,
    page_width: float,
    page_height: float | None,
    margins: tuple[float, float, float, float],
    footer: str | None = None,
    footer_size: float = 6.5,
) -> Drawn:
    """Draw ``blocks`` on as many pages as needed and finish each page (showPage).

    ``margins`` are (top, right, bottom, left). With ``page_height`` None the single page
    is as tall as the content (a roll); otherwise blocks flow over fixed pages, and
    ``footer`` (with " n/m" pages appended when there is more than one) goes at the foot.
    """
    ensure_font()
    top_m, right_m, bottom_m, left_m = margins
    width = page_width - left_m - right_m
    footer_room = footer_size * 2.2 if footer else 0.0
    if page_height is None:
        pages = [list(blocks)]
        content = sum(b.height(width) for b in blocks)
        height = content + top_m + bottom_m + footer_room
    else:
        height = page_height
        pages = paginate(blocks, width, page_height - top_m - bottom_m - footer_room)
    qr_at: tuple[int, float, float, float] | None = None
    for index, page in enumerate(pages):
        canvas.setPageSize((page_width, height))
        top = height - top_m
        for block in page:
            block.draw(canvas, left_m, top, width)
            top -= block.height(width)
            if isinstance(block, QrCode) and block.placed and qr_at is None:
                qr_at = (index, *block.placed[-1])
            if isinstance(block, Columns) and qr_at is None:
                for _, inner in block.stacks:
                    for b in inner:
                        if isinstance(b, QrCode) and b.placed:
                            qr_at = (index, *b.placed[-1])
        if footer:
            text = footer if len(pages) == 1 else f"{footer}  {index + 1}/{len(pages)}"
            Text(text, footer_size, "center", color=colors.Color(0.3, 0.3, 0.3)).draw(
                canvas, left_m, bottom_m + footer_size * 1.5, width
            )
        canvas.showPage()
    return Drawn(len(pages), (page_width, height), qr_at)
