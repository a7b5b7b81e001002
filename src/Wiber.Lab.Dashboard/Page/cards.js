// One card per node: role (colour), term, commit index, lag and clock offset as the leader sees them,
// pid and process state, and the buttons that break it.
import { busy, post } from './api.js';
import { toast } from './toast.js';

const DOWN = new Set(['killed', 'stopped', 'crashed']);
const cards = new Map();

export const isDown = (node) => DOWN.has(node.state);

function button(label, cls, id, action) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.className = cls;
  b.dataset.testid = `node-${id}-${action}`;
  b.dataset.action = action;
  b.addEventListener('click', () => busy(b, async () => {
    const change = await post(`/cluster/node/${encodeURIComponent(id)}/${action}`);
    toast('ok', `${action} ${id}`, change.changed
      ? `${change.before} → ${change.after}${change.pid ? ` (pid ${change.pid})` : ''}`
      : `already ${change.after}, nothing to do`);
  }));
  return b;
}

function field(dl, name, label) {
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  dd.dataset.field = name;
  dl.append(dt, dd);
}

function create(id) {
  const card = document.createElement('article');
  card.className = 'node';
  card.dataset.testid = `node-${id}`;
  card.dataset.node = id;
  card.innerHTML = '<header><span class="id"></span><span class="badge" data-field="badge"></span></header><dl></dl><div class="node-faults" data-field="faults"></div><footer></footer>';
  card.querySelector('.id').textContent = id;
  const dl = card.querySelector('dl');
  for (const [name, label] of [['term', 'term'], ['commit', 'commit'], ['lag', 'lag'], ['clock', 'clock'], ['pid', 'pid'], ['state', 'state']]) field(dl, name, label);
  card.querySelector('footer').append(
    button('Kill', 'kill', id, 'kill'),
    button('Restart', 'restart', id, 'restart'),
    button('Pause', 'pause', id, 'pause'),
    button('Resume', 'pause', id, 'resume'),
    button('Start', 'start', id, 'start'));
  return card;
}

function set(card, name, text, warn = false) {
  const el = card.querySelector(`[data-field="${name}"]`);
  const shown = String(text);
  if (el.textContent !== shown) el.textContent = shown;
  el.classList.toggle('warn', warn);
}

function clock(ms) {
  if (ms === null || ms === undefined) return '–';
  if (ms === 0) return '0 ms';
  return `${ms > 0 ? '+' : ''}${ms.toFixed(1)} ms`;
}

function badge(node) {
  if (isDown(node)) return node.state;
  if (node.state === 'paused') return '❄ paused';
  switch (node.role) {
    case 'leader': return '★ leader';
    case 'follower': return 'follower';
    case 'candidate': return 'candidate';
    case 'precandidate': return 'pre-candidate';
    default: return 'no answer';
  }
}

export function renderNodes(container, snapshot) {
  const ids = new Set(snapshot.nodes.map((n) => n.node));
  for (const [id, card] of cards) {
    if (!ids.has(id)) { card.remove(); cards.delete(id); }
  }

  snapshot.nodes.forEach((node, index) => {
    let card = cards.get(node.node);
    if (!card) { card = create(node.node); cards.set(node.node, card); }
    if (container.children[index] !== card) container.insertBefore(card, container.children[index] ?? null);
    const down = isDown(node);
    card.dataset.role = down || node.state === 'paused' ? '' : node.role ?? '';
    card.dataset.state = node.state;
    card.classList.toggle('down', down);
    set(card, 'badge', badge(node));
    set(card, 'term', node.term ?? '–');
    set(card, 'commit', node.commit ?? '–');
    set(card, 'lag', node.lag ?? '–', node.lag > 0);
    set(card, 'clock', clock(node.clock_offset_ms), Math.abs(node.clock_offset_ms ?? 0) >= 100);
    set(card, 'pid', node.pid ?? '–');
    set(card, 'state', node.state);
    set(card, 'faults', node.faults.join('; '));
    for (const b of card.querySelectorAll('footer button')) {
      const action = b.dataset.action;
      b.hidden = down ? action !== 'start'
        : action === 'start' || (action === 'pause' && node.state === 'paused') || (action === 'resume' && node.state !== 'paused');
    }
  });
}

// One sentence for someone learning Raft: what the cluster is doing right now.
export function explain(snapshot) {
  const total = snapshot.nodes.length;
  if (!snapshot.lab.up || total === 0) return '';
  const majority = Math.floor(total / 2) + 1;
  const up = snapshot.nodes.filter((n) => n.state === 'running').length;
  if (snapshot.leader) {
    return `${snapshot.leader} replicates every publish to the others and commits it once a majority (${majority} of ${total}) has it.`;
  }
  if (up < majority) {
    return `Only ${up} of ${total} nodes run: no majority (${majority}) can elect a leader, so nothing can be committed.`;
  }
  return 'No leader right now: an election is under way, or no majority of nodes can reach each other.';
}
