// The publish box: send a message (or a burst) through the leader, then watch a tick appear on each
// node when that node has it. The POST answers at the acknowledgement; every tick (or, after 30 s, a
// cross) comes from the live event stream.
import { busy, post } from './api.js';
import { toast } from './toast.js';

const items = new Map();
const prefix = Math.random().toString(36).slice(2, 8);
let sequence = 0;
let nodeIds = [];

export function setNodes(ids) {
  nodeIds = ids;
}

function tick(item, node) {
  let chip = item.arrivals.get(node);
  if (!chip) {
    chip = document.createElement('span');
    chip.className = 'arrival';
    chip.dataset.testid = `arrival-${node}`;
    chip.dataset.node = node;
    chip.dataset.arrived = 'pending';
    chip.textContent = node;
    item.li.querySelector('.arrivals').append(chip);
    item.arrivals.set(node, chip);
  }
  return chip;
}

function settle(chip, arrival) {
  if (chip.dataset.arrived === 'true') return;
  chip.dataset.arrived = arrival.arrived ? 'true' : 'false';
  chip.textContent = arrival.arrived ? `${arrival.node} ${Math.round(arrival.after_ms)} ms` : arrival.node;
  chip.title = arrival.arrived ? `seen on ${arrival.node} ${arrival.after_ms} ms after the acknowledgement` : arrival.error ?? '';
}

function create(key, text, topic) {
  const li = document.createElement('li');
  li.dataset.testid = 'publish-item';
  li.dataset.key = key;
  li.innerHTML = '<div class="what"><span class="text"></span><span class="where">sending…</span></div><div class="arrivals"></div>';
  li.querySelector('.text').textContent = text;
  li.querySelector('.text').title = `${topic}: ${text}`;
  document.querySelector('[data-testid="publishes"]').prepend(li);
  const item = { li, arrivals: new Map() };
  items.set(key, item);
  for (const node of nodeIds) tick(item, node);
  while (items.size > 30) {
    const [oldest] = items.keys();
    items.get(oldest).li.remove();
    items.delete(oldest);
  }
  return item;
}

async function send(button, topic, text, count) {
  const key = `${count > 1 ? 'burst' : 'page'}-${prefix}-${++sequence}`;
  const item = create(key, count > 1 ? `${count.toLocaleString('en')} × "${text}"` : text, topic);
  const where = item.li.querySelector('.where');
  await busy(button, async () => {
    try {
      // Answered at the acknowledgement; the ticks come as 'arrival' events for up to 30 s.
      const result = await post('/cluster/publish', { topic, message: text, id: key, count, wait_ms: 30000, background: true });
      if (result.outcome !== 'ok') {
        item.li.classList.add('failed');
        where.textContent = `${result.outcome}: ${result.error ?? 'no leader answered in time'}`;
        for (const chip of item.arrivals.values()) chip.remove();
        toast('warn', `publish ${result.outcome}`, result.error ?? 'no leader answered in time; read the topic to find out');
        return;
      }
      where.textContent = count > 1
        ? `${topic} … @${result.offset} · ${Math.round(result.acknowledged / Math.max(result.seconds, 0.001)).toLocaleString('en')} msg/s`
        : `${topic} @${result.offset}`;
      for (const arrival of result.arrivals) settle(tick(item, arrival.node), arrival);
    } catch (e) {
      item.li.classList.add('failed');
      where.textContent = e.problem?.detail ?? e.message;
      for (const chip of item.arrivals.values()) chip.remove();
      throw e;
    }
  });
}

// An 'arrival' event of the live stream.
export function arrival(event) {
  for (const [key, item] of items) {
    if (event.message_id === key || event.message_id.startsWith(`${key}-`)) {
      settle(tick(item, event.node), event);
      const where = item.li.querySelector('.where');
      if (where.textContent === 'sending…') where.textContent = `${event.topic} @${event.offset}`;
    }
  }
}

export function wirePublish() {
  const form = document.querySelector('[data-testid="publish-form"]');
  const topic = form.querySelector('[data-testid="publish-topic"]');
  const message = form.querySelector('[data-testid="publish-message"]');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = message.value;
    if (!text.trim()) {
      toast('warn', 'nothing to publish', 'type a message first');
      return;
    }
    message.value = '';
    send(form.querySelector('[data-testid="publish-send"]'), topic.value.trim(), text, 1);
  });
  const burst = form.querySelector('[data-testid="publish-burst"]');
  burst.addEventListener('click', () => send(burst, topic.value.trim(), 'burst message {i}', 1000));
}
