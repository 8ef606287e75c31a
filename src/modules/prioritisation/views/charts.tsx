/**
 * Charts as plain SVG drawn on the server (no script): a horizontal bar chart and a dot chart
 * with confidence intervals. Each is an image with a title and a description; the page shows
 * the same figures in a table right below, which is what screen readers should use.
 */
import type { ComponentChildren } from "preact";

const WIDTH = 360;
const LABEL = 138;
const ROW = 26;
const BAR = 16;
const INK = "#1f2933";
const BRAND = "#0b4f8a";
const MUTED = "#6b7280";
const LINE = "#b42318";

const clip = (text: string, max = 24) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function Frame({ id, title, description, height, children }: { id: string; title: string; description: string; height: number; children: ComponentChildren }) {
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        style="max-width:40rem;height:auto;display:block"
        role="img"
        aria-labelledby={`${id}-titulo ${id}-desc`}
        font-family="system-ui, sans-serif"
        font-size="11"
      >
        <title id={`${id}-titulo`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {children}
      </svg>
    </figure>
  );
}

export interface Bar {
  label: string;
  value: number;
  /** Shown at the end of the bar, e.g. "42 (35.0 %)". */
  text: string;
  /** Drawn in grey, e.g. a project left out of the budget. */
  muted?: boolean;
}

/**
 * Horizontal bars scaled to `max`. `lineAfter` draws a dashed rule after that many bars (the
 * budget line) with its label.
 */
export function BarChart({ id, title, description, bars, max, lineAfter, lineLabel }: { id: string; title: string; description: string; bars: Bar[]; max: number; lineAfter?: number; lineLabel?: string }) {
  const top = 6;
  const height = top + bars.length * ROW + (lineAfter === bars.length ? 16 : 8);
  const span = WIDTH - LABEL - 70;
  const scale = (v: number) => (max > 0 ? (v / max) * span : 0);
  return (
    <Frame id={id} title={title} description={description} height={height}>
      {bars.map((b, i) => {
        const y = top + i * ROW;
        const w = scale(b.value);
        return (
          <g>
            <text x={LABEL - 6} y={y + BAR - 4} text-anchor="end" fill={INK}>
              {clip(b.label)}
            </text>
            <rect x={LABEL} y={y} width={Math.max(w, b.value > 0 ? 1.5 : 0)} height={BAR} fill={b.muted ? MUTED : BRAND} />
            <text x={LABEL + w + 4} y={y + BAR - 4} fill={INK}>
              {b.text}
            </text>
          </g>
        );
      })}
      {lineAfter !== undefined && lineAfter > 0 && lineAfter <= bars.length && (
        <g>
          <line x1={4} x2={WIDTH - 4} y1={top + lineAfter * ROW - 5} y2={top + lineAfter * ROW - 5} stroke={LINE} stroke-width="2" stroke-dasharray="6 3" />
          {lineLabel && (
            <text x={WIDTH - 6} y={top + lineAfter * ROW + (lineAfter === bars.length ? 8 : -8)} text-anchor="end" fill={LINE} font-weight="bold">
              {lineLabel}
            </text>
          )}
        </g>
      )}
    </Frame>
  );
}

export interface IntervalPoint {
  label: string;
  /** 0–1 */
  value: number;
  low: number | null;
  high: number | null;
}

/** Dots with their interval on a 0–100 % axis, with the 50 % line of an average item. */
export function IntervalChart({ id, title, description, points }: { id: string; title: string; description: string; points: IntervalPoint[] }) {
  const top = 20;
  const height = top + points.length * ROW + 6;
  const span = WIDTH - LABEL - 14;
  const x = (v: number) => LABEL + v * span;
  return (
    <Frame id={id} title={title} description={description} height={height}>
      {[0, 0.25, 0.5, 0.75, 1].map((v) => (
        <g>
          <line x1={x(v)} x2={x(v)} y1={top - 4} y2={height - 4} stroke={v === 0.5 ? MUTED : "#d0d5dd"} stroke-dasharray={v === 0.5 ? "4 3" : undefined} />
          <text x={x(v)} y={top - 8} text-anchor="middle" fill={INK}>
            {`${Math.round(v * 100)} %`}
          </text>
        </g>
      ))}
      {points.map((p, i) => {
        const y = top + i * ROW + BAR / 2;
        return (
          <g>
            <text x={LABEL - 6} y={y + 4} text-anchor="end" fill={INK}>
              {clip(p.label)}
            </text>
            {p.low !== null && p.high !== null && <line x1={x(p.low)} x2={x(p.high)} y1={y} y2={y} stroke={BRAND} stroke-width="3" />}
            <circle cx={x(p.value)} cy={y} r="5" fill={BRAND} stroke="#fff" stroke-width="1.5" />
          </g>
        );
      })}
    </Frame>
  );
}
