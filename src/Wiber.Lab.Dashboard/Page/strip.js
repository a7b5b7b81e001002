// The strip: commits per second over the last two minutes (the highest commit index any node reports,
// so it counts publishes plus Raft's own entries), a dashed line where a new leader took over, and a
// shaded band while there was none. A page opened recently shows what it has (at least 30 s).
const WINDOW_MS = 120_000;
const MIN_WINDOW_MS = 30_000;
const LABEL_PX = 92;
const HEIGHT = 140;
const samples = [];

export function setTimeline(view) {
  samples.length = 0;
  samples.push(...view.samples);
}

export function addSample(sample) {
  if (samples.length && samples[samples.length - 1].at_ms >= sample.at_ms) return;
  samples.push(sample);
  const oldest = sample.at_ms - WINDOW_MS - 5000;
  while (samples.length && samples[0].at_ms < oldest) samples.shift();
}

function niceCeiling(value) {
  const floor = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * floor) return step * floor;
  return 10 * floor;
}

function el(name, attributes, text) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function drawStrip() {
  const svg = document.querySelector('[data-testid="sparkline"]');
  const width = Math.max(200, Math.round(svg.clientWidth || 1000));
  svg.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
  const now = samples.length ? Math.max(samples[samples.length - 1].at_ms, Date.now() - 2000) : Date.now();
  const span = samples.length ? Math.min(WINDOW_MS, Math.max(MIN_WINDOW_MS, now - samples[0].at_ms)) : WINDOW_MS;
  const start = now - span;
  const x = (t) => ((t - start) / span) * width;
  const rates = samples.map((s) => s.commits_per_second ?? 0);
  const top = niceCeiling(Math.max(10, ...rates));
  const y = (r) => HEIGHT - 6 - (r / top) * (HEIGHT - 34);
  const parts = [];
  for (const fraction of [0.5, 1]) {
    parts.push(el('line', { class: 'grid', x1: 0, x2: width, y1: y(top * fraction), y2: y(top * fraction) }));
  }
  parts.push(el('text', { class: 'scale', x: 6, y: y(top) - 4 }, `${top.toLocaleString('en')}/s`));

  // No leader: shade every run of samples without one.
  let gapStart = null;
  samples.forEach((s, i) => {
    if (!s.leader && gapStart === null) gapStart = s.at_ms;
    const ends = s.leader || i === samples.length - 1;
    if (gapStart !== null && ends) {
      const end = s.leader ? s.at_ms : now;
      parts.push(el('rect', { class: 'gap', x: x(gapStart), y: 0, width: Math.max(2, x(end) - x(gapStart)), height: HEIGHT }));
      gapStart = null;
    }
  });

  const points = samples.filter((s) => s.commits_per_second !== null && s.at_ms >= start - 1000);
  if (points.length > 1) {
    const line = points.map((s) => `${x(s.at_ms).toFixed(1)},${y(s.commits_per_second).toFixed(1)}`).join(' ');
    const first = points[0];
    const last = points[points.length - 1];
    parts.push(el('polygon', { class: 'area', points: `${x(first.at_ms)},${HEIGHT} ${line} ${x(last.at_ms)},${HEIGHT}` }));
    parts.push(el('polyline', { class: 'rate', points: line }));
  }

  // Leader changes close together get their labels on different rows, and labels near the right edge
  // are written to the left of their line.
  const rows = [-Infinity, -Infinity, -Infinity];
  for (const s of samples) {
    if (!s.leader_changed || s.at_ms < start) continue;
    const px = x(s.at_ms);
    let row = rows.findIndex((last) => px - last > LABEL_PX);
    if (row < 0) row = rows.indexOf(Math.min(...rows));
    rows[row] = px;
    const left = px + LABEL_PX > width;
    parts.push(el('line', { class: 'change', x1: px, x2: px, y1: 0, y2: HEIGHT }));
    parts.push(el('text', { x: left ? px - 4 : px + 4, y: 14 + row * 15, 'text-anchor': left ? 'end' : 'start', 'data-testid': 'leader-change' }, `${s.leader} · term ${s.term}`));
  }
  svg.replaceChildren(...parts);

  const latest = samples[samples.length - 1];
  const nowBox = document.querySelector('[data-testid="strip-now"]');
  nowBox.replaceChildren();
  const big = document.createElement('b');
  big.textContent = latest?.commits_per_second === null || latest === undefined ? '–' : Math.round(latest.commits_per_second).toLocaleString('en');
  nowBox.append(big, 'commits/s now');
}
