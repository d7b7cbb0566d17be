// What the inline SVG charts share (the monthly fatalities of a country, the gap over the years,
// the share of conflicts in member states, the heat map of the common threads): the chart's
// element, named by its title and described by its figures, and the scale lines with their
// labels. A chart is laid out left to right; X() mirrors its x for an Arabic page.

import { svg, uniqueId } from './dom.js';
import { lang } from './i18n.js';

/* The x of a box w wide in a left-to-right drawing width wide, mirrored right to left in Arabic. */
export function mirrorX(width) {
  const rtl = lang() === 'ar';
  return (x, w = 0) => (rtl ? width - x - w : x);
}

/* The <svg> of a chart width by height, role img, labelled by its title and described by desc
   (when given); attrs add to or override its attributes (class, id, preserveAspectRatio...). */
export function chartSvg({ width, height, title, desc = null, idPrefix = 'chart', attrs = {} }) {
  const titleId = uniqueId(`${idPrefix}-title`);
  const descId = desc === null ? null : uniqueId(`${idPrefix}-desc`);
  return svg('svg', {
    viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-labelledby': titleId, 'aria-describedby': descId, ...attrs,
  }, svg('title', { id: titleId }, title), descId ? svg('desc', { id: descId }, desc) : null);
}

/* Scale lines across the plot from x1 to x2 (left-to-right coordinates) at each value, labelled
   with label(value) just before x1. */
export function scaleLines(chart, { values, yOf, X, x1, x2, label }) {
  const rtl = lang() === 'ar';
  for (const v of values) {
    const y = yOf(v);
    chart.append(svg('line', { class: 'grid', x1: X(x1), x2: X(x2), y1: y, y2: y }),
      svg('text', { class: 'tick', x: X(x1 - 6), y: y + 4, 'text-anchor': rtl ? 'start' : 'end' }, label(v)));
  }
}
