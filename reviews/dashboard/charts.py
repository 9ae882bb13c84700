"""Geometry for the dashboard's server-rendered SVG charts (no JavaScript, no library).

The functions turn counts into rectangles and labels; templates/dashboard/dashboard.html draws
them. Each verdict has a colour and a fill pattern (solid, stripes, dots, cross-hatch) so the
bars do not rest on colour alone, and every chart comes with its data as a table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from reviews.dashboard.queries import SourceCounts, WeekCounts


@dataclass(frozen=True)
class Segment:
    verdict: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Bar:
    label: str  # week ("3 Mar") or source name
    total: int
    segments: list[Segment]
    label_x: float = 0
    label_y: float = 0
    total_x: float = 0
    total_y: float = 0


@dataclass(frozen=True)
class Tick:
    value: int
    position: float  # y for a vertical axis, x for a horizontal one


@dataclass
class Chart:
    width: int
    height: int
    plot_left: float
    plot_top: float
    plot_right: float
    plot_bottom: float
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    scale_max: int = 0

    @property
    def is_empty(self) -> bool:
        return all(bar.total == 0 for bar in self.bars)


def nice_max(value: int) -> int:
    """A round axis maximum at or above `value`: 1, 2, 5, 10, 20, 50 …"""
    if value <= 0:
        return 1
    magnitude = 10 ** int(math.floor(math.log10(value)))
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover (the loop always returns)


def ticks_for(scale_max: int) -> list[int]:
    """0, the middle (when it is a whole number) and the maximum."""
    middle = [scale_max // 2] if scale_max % 2 == 0 and scale_max > 1 else []
    return [0, *middle, scale_max]


def weekly_chart(
    weeks: Sequence[WeekCounts], verdicts: Sequence[str], *, width: int = 640, height: int = 240
) -> Chart:
    """Stacked columns, one per week, verdicts stacked bottom-up in `verdicts` order."""
    chart = Chart(width, height, plot_left=40, plot_top=12, plot_right=width - 8, plot_bottom=200)
    plot_height = chart.plot_bottom - chart.plot_top
    chart.scale_max = nice_max(max((w.total for w in weeks), default=0))
    band = (chart.plot_right - chart.plot_left) / max(len(weeks), 1)
    bar_width = band * 0.6
    for i, week in enumerate(weeks):
        x = chart.plot_left + i * band + (band - bar_width) / 2
        y = chart.plot_bottom
        segments = []
        for verdict in verdicts:
            count = week.counts.get(verdict, 0)
            if not count:
                continue
            h = plot_height * count / chart.scale_max
            y -= h
            segments.append(
                Segment(verdict, count, round(x, 1), round(y, 1), round(bar_width, 1), round(h, 1))
            )
        chart.bars.append(
            Bar(
                label=f"{week.week.day} {week.week:%b}",
                total=week.total,
                segments=segments,
                label_x=round(x + bar_width / 2, 1),
                label_y=chart.plot_bottom + 16,
                total_x=round(x + bar_width / 2, 1),
                total_y=round(y - 3, 1),
            )
        )
    chart.ticks = [
        Tick(v, round(chart.plot_bottom - plot_height * v / chart.scale_max, 1))
        for v in ticks_for(chart.scale_max)
    ]
    return chart


def source_chart(
    sources: Sequence[SourceCounts], verdicts: Sequence[str], *, width: int = 640, row: int = 26
) -> Chart:
    """Stacked horizontal bars, one per source, verdicts left to right in `verdicts` order."""
    height = 24 + row * max(len(sources), 1)
    chart = Chart(
        width, height, plot_left=180, plot_top=4, plot_right=width - 40, plot_bottom=height - 20
    )
    plot_width = chart.plot_right - chart.plot_left
    chart.scale_max = nice_max(max((s.total for s in sources), default=0))
    for i, source in enumerate(sources):
        y = chart.plot_top + i * row + 4
        x = chart.plot_left
        segments = []
        for verdict in verdicts:
            count = source.counts.get(verdict, 0)
            if not count:
                continue
            w = plot_width * count / chart.scale_max
            segments.append(Segment(verdict, count, round(x, 1), y, round(w, 1), row - 8))
            x += w
        chart.bars.append(
            Bar(
                label=source.name,
                total=source.total,
                segments=segments,
                label_x=chart.plot_left - 8,
                label_y=y + (row - 8) / 2 + 5,
                total_x=round(x + 4, 1),
                total_y=y + (row - 8) / 2 + 5,
            )
        )
    chart.ticks = [
        Tick(v, round(chart.plot_left + plot_width * v / chart.scale_max, 1))
        for v in ticks_for(chart.scale_max)
    ]
    return chart
