// The dashboard page: one event stream (/cluster/live) feeds every part; buttons call the REST API.
import { busy, post } from './api.js';
import { explain, renderNodes } from './cards.js';
import { appendConsole, renderConsoleHeads, resetConsole } from './consoles.js';
import { addEvent, clearEvents } from './events.js';
import { renderNetwork, wireNetwork } from './network.js';
import { arrival, setNodes, wirePublish } from './publish.js';
import { addSample, drawStrip, setTimeline } from './strip.js';
import { toast } from './toast.js';

const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
let lastProblem = '';

function renderLab(snapshot) {
  const lab = snapshot.lab;
  const info = $('lab-info');
  info.replaceChildren();
  const add = (label, value) => {
    if (!value) return;
    const b = document.createElement('b');
    b.textContent = value;
    info.append(`${info.childNodes.length ? ' · ' : ''}${label} `, b);
  };
  add('lab', lab.up ? lab.lab_id : 'none');
  add('in', lab.lab_dir);
  add('backend', lab.backend);
  add('proxy', lab.proxy_url);
  $('start').disabled = lab.up;
  $('stop').disabled = !lab.up;
  $('no-lab').hidden = lab.up;
  $('no-lab-why').textContent = lab.up ? '' : lab.error ?? '';

  const leader = $('leader');
  leader.dataset.leader = snapshot.leader ?? '';
  leader.replaceChildren();
  if (snapshot.leader) {
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = snapshot.leader;
    leader.append('Leader ', who, ` · term ${snapshot.term}`);
  } else {
    leader.textContent = lab.up ? `No leader${snapshot.term ? ` · term ${snapshot.term}` : ''}` : 'No lab';
  }
  $('explain').textContent = explain(snapshot);
}

function onSnapshot(snapshot) {
  renderLab(snapshot);
  renderNodes($('nodes'), snapshot);
  renderNetwork(snapshot);
  renderConsoleHeads(snapshot);
  setNodes(snapshot.nodes.map((n) => n.node));
  if (snapshot.sample) addSample(snapshot.sample);
  drawStrip();
}

function connect() {
  const source = new EventSource('/cluster/live');
  const on = (kind, handle) => source.addEventListener(kind, (e) => handle(JSON.parse(e.data)));
  on('snapshot', onSnapshot);
  on('timeline', (view) => { setTimeline(view); drawStrip(); });
  on('event', addEvent);
  on('events_reset', clearEvents);
  on('console', (c) => appendConsole(c.node, c.lines));
  on('console_reset', (c) => resetConsole(c.node));
  on('arrival', arrival);
  on('problem', (p) => {
    if (p.detail !== lastProblem) toast('error', p.title, p.detail);
    lastProblem = p.detail;
  });
  source.onopen = () => {
    $('connection').dataset.live = 'true';
    $('connection').textContent = 'live';
  };
  source.onerror = () => {
    $('connection').dataset.live = 'false';
    $('connection').textContent = 'reconnecting…';
  };
}

function wireLab() {
  const start = $('start');
  start.addEventListener('click', () => busy(start, async () => {
    const nodes = Number($('start-nodes').value);
    const up = await post('/cluster/start', { nodes, fast: $('start-fast').checked });
    if (up.leader) toast('ok', 'lab up', `${up.nodes.length} nodes, leader ${up.leader} after ${up.time_to_leader_ms} ms`);
    else toast('warn', 'lab up, no leader yet', 'no leader within 15 s; see the node consoles');
  }));
  const stop = $('stop');
  stop.addEventListener('click', () => busy(stop, async () => {
    const changes = await post('/cluster/stop');
    toast('ok', 'lab down', `stopped ${changes.filter((c) => c.changed).length} running nodes; data and logs stay in the lab directory`);
  }));
}

wireLab();
wireNetwork();
wirePublish();
connect();
setInterval(drawStrip, 1000);
window.addEventListener('resize', drawStrip);
