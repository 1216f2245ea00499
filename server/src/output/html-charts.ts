/** Inline SVG bar charts for the HTML report: no script, no network, readable when printed. */

/** One bar: its label, its value and its colour. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly color: string;
}

/** Escapes text for HTML and SVG content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const ROW = 22;
const LABEL_WIDTH = 220;
const BAR_WIDTH = 260;
const VALUE_WIDTH = 50;

/** A horizontal bar chart with a title (also its accessible name); an empty chart says `empty`. */
export function barChart(title: string, bars: readonly Bar[], empty: string): string {
  const height = Math.max(bars.length, 1) * ROW + 8;
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rows = bars.map((b, i) => {
    const y = 4 + i * ROW;
    const w = b.value ? Math.max(2, Math.round((b.value / max) * BAR_WIDTH)) : 0;
    const label = b.label.length > 30 ? `${b.label.slice(0, 29)}…` : b.label;
    return (
      `<g><title>${escapeHtml(`${b.label}: ${b.value}`)}</title>` +
      `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end" class="l">${escapeHtml(label)}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${w}" height="${ROW - 8}" rx="2" fill="${b.color}"/>` +
      `<text x="${LABEL_WIDTH + w + 6}" y="${y + 15}" class="v">${b.value}</text></g>`
    );
  });
  const body = bars.length
    ? rows.join('')
    : `<text x="${width / 2}" y="${ROW - 4}" text-anchor="middle" class="l">${escapeHtml(empty)}</text>`;
  return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${body}</svg></figure>`;
}
