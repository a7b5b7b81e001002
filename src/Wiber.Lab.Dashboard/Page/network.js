// The network: a matrix of directed links (row → column) to cut or slow with a click, isolate buttons,
// Blockade's partition form, the faults in force, and Heal.
import { busy, post } from './api.js';
import { toast } from './toast.js';

let shownIds = '';

function mode() {
  return document.querySelector('input[name="link-mode"]:checked')?.value ?? 'cut';
}

function reportFault(fault) {
  toast('ok', fault.kind, `${fault.description} (${fault.toxics.length} toxics)`);
}

async function clickLink(cell) {
  const { from, to } = cell.dataset;
  if (cell.dataset.state !== 'ok') {
    toast('warn', `${from} → ${to} is ${cell.dataset.state}`, 'Faults are removed together: press "Heal everything".');
    return;
  }
  await busy(cell, async () => {
    const fault = mode() === 'slow'
      ? await post('/cluster/slow', { target: `${from}:${to}`, latency: '200ms', jitter: '50ms' })
      : await post('/cluster/partition', { links: [{ from, to }] });
    reportFault(fault);
  });
}

function build(ids) {
  const table = document.querySelector('[data-testid="link-matrix"]');
  table.replaceChildren();
  const head = table.insertRow();
  const corner = document.createElement('th');
  corner.className = 'corner';
  corner.textContent = 'from ↓ to →';
  head.append(corner);
  for (const to of ids) {
    const th = document.createElement('th');
    th.textContent = to;
    head.append(th);
  }
  for (const from of ids) {
    const row = table.insertRow();
    const th = document.createElement('th');
    th.textContent = from;
    row.append(th);
    for (const to of ids) {
      const td = row.insertCell();
      if (from === to) {
        td.innerHTML = '<div class="self"></div>';
        continue;
      }
      const cell = document.createElement('button');
      cell.type = 'button';
      cell.className = 'cell';
      cell.dataset.testid = `link-${from}-${to}`;
      cell.dataset.from = from;
      cell.dataset.to = to;
      cell.dataset.state = 'ok';
      cell.title = `${from} → ${to}`;
      cell.addEventListener('click', () => clickLink(cell));
      td.append(cell);
    }
  }

  const isolate = document.querySelector('[data-testid="isolate"]');
  isolate.replaceChildren('isolate:');
  for (const id of ids) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = id;
    b.dataset.testid = `isolate-${id}`;
    b.title = `cut every link into and out of ${id}`;
    b.addEventListener('click', () => busy(b, async () => reportFault(await post('/cluster/partition', { groups: [[id]] }))));
    isolate.append(b);
  }
}

const SYMBOL = { ok: '', cut: '✕', slow: '◔', flaky: '≈' };

export function renderNetwork(snapshot) {
  const ids = snapshot.nodes.map((n) => n.node);
  if (ids.join(',') !== shownIds) {
    shownIds = ids.join(',');
    build(ids);
  }
  for (const link of snapshot.links) {
    const cell = document.querySelector(`[data-testid="link-${link.from}-${link.to}"]`);
    if (!cell) continue;
    const state = link.cut ? 'cut' : link.slow ? 'slow' : link.flaky ? 'flaky' : 'ok';
    if (cell.dataset.state !== state) {
      cell.dataset.state = state;
      cell.textContent = SYMBOL[state];
    }
    cell.title = `${link.from} → ${link.to}: ${link.faults.length ? link.faults.join('; ') : 'open'}`;
  }

  const list = document.querySelector('[data-testid="faults"]');
  const items = snapshot.faults.length
    ? snapshot.faults.map((f) => f.description)
    : [snapshot.lab.up ? 'no network faults: every link is open' : ''];
  if (list.dataset.shown !== items.join('\n')) {
    list.dataset.shown = items.join('\n');
    list.replaceChildren(...items.filter((t) => t).map((t) => {
      const li = document.createElement('li');
      li.textContent = t;
      if (!snapshot.faults.length) li.className = 'none';
      return li;
    }));
  }
}

export function wireNetwork() {
  const form = document.querySelector('[data-testid="partition-form"]');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const input = form.querySelector('[data-testid="partition-groups"]');
    const groups = input.value.trim().split(/\s+/).filter((g) => g);
    const oneWay = form.querySelector('[data-testid="partition-one-way"]').checked;
    busy(form.querySelector('[data-testid="partition-apply"]'), async () => {
      reportFault(await post('/cluster/partition', { groups, one_way: oneWay }));
      input.value = '';
    });
  });
  const heal = document.querySelector('[data-testid="heal"]');
  heal.addEventListener('click', () => busy(heal, async () => {
    const healed = await post('/cluster/heal');
    toast('ok', 'healed', `${healed.removed_toxics} toxics removed`);
  }));
  for (const radio of document.querySelectorAll('input[name="link-mode"]')) {
    radio.addEventListener('change', () => {
      document.querySelector('.mode-word').textContent = mode();
    });
  }
}
