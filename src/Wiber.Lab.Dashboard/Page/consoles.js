// One console pane per node: the node's stdout and stderr, live, bounded, following the end unless
// the reader scrolled up.
const MAX_LINES = 500;
const panes = new Map();

function pane(node) {
  let p = panes.get(node);
  if (p) return p;
  const box = document.createElement('div');
  box.className = 'console';
  box.innerHTML = '<h3><span class="dot"></span><span class="name"></span></h3><pre></pre>';
  box.querySelector('.name').textContent = node;
  const pre = box.querySelector('pre');
  pre.dataset.testid = `console-${node}`;
  const grid = document.querySelector('[data-testid="consoles"]');
  const after = [...panes.keys()].sort().find((k) => k > node);
  grid.insertBefore(box, after ? panes.get(after).box : null);
  p = { box, pre, dot: box.querySelector('.dot') };
  panes.set(node, p);
  return p;
}

function classify(line) {
  if (/\b(fail|crit|error)\b|Exception/i.test(line)) return 'fail';
  if (/\bwarn\b/.test(line)) return 'warn';
  if (/is now Leader|became leader/i.test(line)) return 'lead';
  return '';
}

export function appendConsole(node, lines, mark = false) {
  const { pre } = pane(node);
  const follow = pre.scrollHeight - pre.scrollTop - pre.clientHeight < 30;
  const fragment = document.createDocumentFragment();
  for (const line of lines) {
    const span = document.createElement('span');
    span.textContent = `${line}\n`;
    const cls = mark ? 'mark' : classify(line);
    if (cls) span.className = cls;
    fragment.append(span);
  }
  pre.append(fragment);
  while (pre.childNodes.length > MAX_LINES) pre.firstChild.remove();
  if (follow) pre.scrollTop = pre.scrollHeight;
}

export function resetConsole(node) {
  pane(node).pre.replaceChildren();
  appendConsole(node, ['— a new lab: this node\'s console starts again —'], true);
}

export function renderConsoleHeads(snapshot) {
  for (const node of snapshot.nodes) {
    const { dot } = pane(node.node);
    dot.dataset.role = node.role ?? '';
    dot.dataset.state = node.state;
    dot.classList.toggle('down', ['killed', 'stopped', 'crashed'].includes(node.state));
  }
}
