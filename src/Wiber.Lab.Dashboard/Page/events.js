// The lab's event log, newest first: every fault and lifecycle change, whoever made it (the page, the
// CLI, PowerShell, a test).
const MAX = 100;

function time(at) {
  const d = new Date(at);
  return `${d.toTimeString().slice(0, 8)}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

export function addEvent(event) {
  const list = document.querySelector('[data-testid="events"]');
  const li = document.createElement('li');
  li.dataset.testid = 'event';
  li.dataset.kind = event.kind;
  if (!event.ok) li.className = 'failed';
  for (const [cls, text] of [['at', time(event.at)], ['kind', event.kind], ['nodes', event.nodes.join(',')], ['detail', event.detail]]) {
    const span = document.createElement('span');
    span.className = cls;
    span.textContent = text;
    li.append(span);
  }
  list.prepend(li);
  while (list.children.length > MAX) list.lastElementChild.remove();
}

export function clearEvents() {
  document.querySelector('[data-testid="events"]').replaceChildren();
}
