/**
 * The opinion map as server-rendered SVG: each participant a mark placed by the analysis'
 * projection, its group told by colour AND shape AND a lettered label at the group's centre, a
 * light hull around each group; participants not clustered (too few votes) are small hollow
 * rings. <title> and <desc> describe it; the groups table on the page is its text alternative.
 */
import type { PageContext } from "../../../platform/views/context.js";
import type { AnalysisResult } from "../analysis/index.js";

/** Colour-blind-safe colours (Okabe–Ito) with a distinct shape per group. */
const GROUP_STYLE = [
  { colour: "#0072B2", shape: "circle" },
  { colour: "#D55E00", shape: "square" },
  { colour: "#009E73", shape: "triangle" },
  { colour: "#CC79A7", shape: "diamond" },
  { colour: "#8F6A00", shape: "cross" },
] as const;

export const groupLetter = (index: number) => String.fromCharCode(65 + index);

const WIDTH = 640;
const HEIGHT = 420;
const PAD = 28;

/** Convex hull (monotone chain) of points, counter-clockwise. */
export function convexHull(points: [number, number][]): [number, number][] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const cross = (o: [number, number], a: [number, number], b: [number, number]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: [number, number][] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

function mark(shape: string, x: number, y: number, colour: string, r = 4) {
  const f = (n: number) => n.toFixed(1);
  switch (shape) {
    case "square":
      return <rect x={f(x - r)} y={f(y - r)} width={f(2 * r)} height={f(2 * r)} fill={colour} />;
    case "triangle":
      return <polygon points={`${f(x)},${f(y - r - 1)} ${f(x + r + 1)},${f(y + r)} ${f(x - r - 1)},${f(y + r)}`} fill={colour} />;
    case "diamond":
      return <polygon points={`${f(x)},${f(y - r - 1)} ${f(x + r + 1)},${f(y)} ${f(x)},${f(y + r + 1)} ${f(x - r - 1)},${f(y)}`} fill={colour} />;
    case "cross":
      return <path d={`M${f(x - r)} ${f(y - r)}L${f(x + r)} ${f(y + r)}M${f(x + r)} ${f(y - r)}L${f(x - r)} ${f(y + r)}`} stroke={colour} stroke-width="2.5" />;
    default:
      return <circle cx={f(x)} cy={f(y)} r={f(r)} fill={colour} />;
  }
}

/** Where each group sits, in words, for the map's description and the table. */
export function groupCentroids(result: AnalysisResult): Map<number, { x: number; y: number }> {
  const sums = new Map<number, { x: number; y: number; n: number }>();
  for (const p of result.participants) {
    if (p.group === null || !p.clustered) continue;
    const s = sums.get(p.group) ?? { x: 0, y: 0, n: 0 };
    s.x += p.x;
    s.y += p.y;
    s.n++;
    sums.set(p.group, s);
  }
  return new Map([...sums].map(([g, s]) => [g, { x: s.x / s.n, y: s.y / s.n }]));
}

export function OpinionMap({ ctx, result, idPrefix = "mapa" }: { ctx: PageContext; result: AnalysisResult; idPrefix?: string }) {
  const t = ctx.t;
  const pts = result.participants;
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const minX = Math.min(...xs, -1e-9);
  const maxX = Math.max(...xs, 1e-9);
  const minY = Math.min(...ys, -1e-9);
  const maxY = Math.max(...ys, 1e-9);
  const sx = (x: number) => PAD + ((x - minX) / (maxX - minX || 1)) * (WIDTH - 2 * PAD);
  const sy = (y: number) => HEIGHT - PAD - ((y - minY) / (maxY - minY || 1)) * (HEIGHT - 2 * PAD);
  const groupIndex = new Map(result.groups.map((g, i) => [g.id, i]));
  const centroids = groupCentroids(result);
  const desc = t("opinion:map.desc", {
    participants: result.counts.participants,
    clustered: result.counts.clustered,
    groups: result.groups.length,
    sizes: result.groups.map((g, i) => t("opinion:map.groupSize", { letter: groupLetter(i), count: g.size })).join("; "),
  });
  // Large conversations: draw at most 4000 marks (an even sample by participant order), the hulls use everyone.
  const step = Math.max(1, Math.ceil(pts.length / 4000));
  return (
    <svg class="opinion-map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${idPrefix}-titulo ${idPrefix}-desc`} xmlns="http://www.w3.org/2000/svg">
      <title id={`${idPrefix}-titulo`}>{t("opinion:map.title")}</title>
      <desc id={`${idPrefix}-desc`}>{desc}</desc>
      <rect x="0" y="0" width={WIDTH} height={HEIGHT} fill="#ffffff" stroke="#6b7280" />
      {result.groups.map((g) => {
        const i = groupIndex.get(g.id)!;
        const hull = convexHull(pts.filter((p) => p.group === g.id && p.clustered).map((p) => [sx(p.x), sy(p.y)]));
        if (hull.length < 3) return null;
        return <polygon points={hull.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ")} fill={GROUP_STYLE[i % 5]!.colour} fill-opacity="0.1" stroke={GROUP_STYLE[i % 5]!.colour} stroke-dasharray="4 3" />;
      })}
      <g aria-hidden="true">
        {pts
          .filter((_, n) => n % step === 0)
          .map((p) => {
            const i = p.group === null ? undefined : groupIndex.get(p.group);
            if (!p.clustered || i === undefined) return <circle cx={sx(p.x).toFixed(1)} cy={sy(p.y).toFixed(1)} r="2.5" fill="none" stroke="#6b7280" />;
            return mark(GROUP_STYLE[i % 5]!.shape, sx(p.x), sy(p.y), GROUP_STYLE[i % 5]!.colour, 3.5);
          })}
      </g>
      {result.groups.map((g) => {
        const i = groupIndex.get(g.id)!;
        const c = centroids.get(g.id);
        if (!c) return null;
        return (
          <g>
            <circle cx={sx(c.x).toFixed(1)} cy={sy(c.y).toFixed(1)} r="13" fill="#ffffff" stroke="#111827" stroke-width="2" />
            <text x={sx(c.x).toFixed(1)} y={(sy(c.y) + 5).toFixed(1)} text-anchor="middle" font-size="15" font-weight="bold" fill="#111827">
              {groupLetter(i)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The legend: shape and colour of each group, in text. */
export function MapLegend({ ctx, result }: { ctx: PageContext; result: AnalysisResult }) {
  const t = ctx.t;
  return (
    <ul class="opinion-legend">
      {result.groups.map((g, i) => (
        <li>
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            {mark(GROUP_STYLE[i % 5]!.shape, 7, 7, GROUP_STYLE[i % 5]!.colour, 4.5)}
          </svg>{" "}
          {t("opinion:map.legend", { letter: groupLetter(i), shape: t(`opinion:map.shape.${GROUP_STYLE[i % 5]!.shape}`), count: g.size })}
        </li>
      ))}
      <li>
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
          <circle cx="7" cy="7" r="4" fill="none" stroke="#6b7280" />
        </svg>{" "}
        {t("opinion:map.unclustered", { count: result.counts.participants - result.counts.clustered })}
      </li>
    </ul>
  );
}
