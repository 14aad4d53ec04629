// The supervisor's wallboard: one tile per queue and the agent grid, re-read within a quarter second of any event.
import { api, requireSession, signOut } from '/assets/api.js';
import { connectEvents, bannerFor } from '/assets/events.js';
import { duration, secondsSince, el, fillRows } from '/assets/format.js';

const $ = (id) => document.getElementById(id);
const session = await requireSession(['supervisor', 'admin']);
const REFRESH_MS = 250;

let queues = [];
let agents = [];
const tiles = new Map(); // queue id -> tile element
const dirtyQueues = new Set();
let agentsDirty = false;
let timer = null;

$('who').textContent = `${session.name} (${session.role})`;
$('sign-out').addEventListener('click', () => signOut());
$('tv').addEventListener('click', toggleTv);
$('waiting-queue').addEventListener('change', () => showWaiting().catch(showError));

function toggleTv() {
  const on = document.body.classList.toggle('tv');
  $('tv').setAttribute('aria-pressed', String(on));
  if (on && document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(() => {});
  if (!on && document.fullscreenElement) document.exitFullscreen();
}

async function resync() {
  queues = await api.get('/api/v1/queues');
  queues.forEach((q) => dirtyQueues.add(q.id));
  const chosen = $('waiting-queue').value;
  $('waiting-queue').replaceChildren(...queues.map((q) => {
    const option = el('option', q.name || q.id);
    option.value = q.id;
    return option;
  }));
  if (chosen) $('waiting-queue').value = chosen;
  $('tiles').replaceChildren(...queues.map((q) => tileOf(q.id)));
  agentsDirty = true;
  await refresh();
}

function schedule() {
  if (timer === null) timer = setTimeout(() => { timer = null; refresh().catch(showError); }, REFRESH_MS);
}

async function refresh() {
  const ids = [...dirtyQueues];
  dirtyQueues.clear();
  const reloadAgents = agentsDirty;
  agentsDirty = false;
  await Promise.all(ids.map(async (id) => showTile(await api.get(`/api/v1/queues/${encodeURIComponent(id)}/stats`))));
  if (reloadAgents) {
    agents = await api.get('/api/v1/agents');
    showAgents();
  }
  if (ids.includes($('waiting-queue').value)) await showWaiting();
  $('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
  $('error').textContent = '';
}

function showTile(stats) {
  const queue = queues.find((q) => q.id === stats.queue) || { id: stats.queue };
  const tile = tileOf(stats.queue);
  const set = (name, value) => { tile.querySelector(`[data-field="${name}"]`).textContent = value; };
  const today = stats.today || {};
  const target = stats.serviceLevel;
  const sl = today.serviceLevelPercent;
  set('name', queue.name || queue.id);
  set('waiting', stats.waiting);
  set('oldest', duration(stats.oldestWaitSeconds || 0));
  set('sl', sl == null ? '–' : `${Math.round(sl)}%`);
  set('target', `target ${target.percent}% in ${target.thresholdSeconds} s`);
  set('asa', today.asaSeconds == null ? '–' : `${Math.round(today.asaSeconds)} s`);
  set('abandoned', today.abandoned ?? 0);
  set('callbacks', stats.scheduled);
  set('ready', stats.agentsReady);
  set('busy', stats.agentsBusy);
  set('away', `${stats.agentsWrapUp} / ${stats.agentsNotReady}`);
  set('offered', today.offered ?? 0);
  set('answered', today.answered ?? 0);
  tile.classList.toggle('breached', sl != null && sl < target.percent);
}

/** The queue's tile, made once. */
function tileOf(id) {
  let tile = tiles.get(id);
  if (!tile) {
    tile = $('tile-template').content.firstElementChild.cloneNode(true);
    tile.dataset.queue = id;
    tiles.set(id, tile);
  }
  return tile;
}

function showAgents() {
  fillRows($('agents'), agents, (a) => [
    a.name || a.id,
    badge(a.status, a.reason),
    timeCell(a),
    a.contacts.length,
    a.queues.join(', '),
    stateActions(a),
  ]);
}

/** Buttons that set the agent's state as its supervisor (audited by the server). */
function stateActions(a) {
  const span = el('span', null, 'agents-actions');
  for (const [state, text] of [['READY', 'Ready'], ['NOT_READY', 'Not ready'], ['LOGGED_OUT', 'Log out']]) {
    if (a.status === state) continue;
    const button = el('button', text);
    button.type = 'button';
    button.dataset.agent = a.id;
    button.dataset.state = state;
    button.setAttribute('aria-label', `${text}: ${a.name || a.id}`);
    button.addEventListener('click', () => setState(a.id, state).catch(showError));
    span.append(button, ' ');
  }
  return span;
}

async function setState(agentId, state) {
  const body = state === 'NOT_READY' ? { state, reason: `set by ${session.name}` } : { state };
  await api.put(`/api/v1/agents/${encodeURIComponent(agentId)}/state`, body);
  agentsDirty = true;
  schedule();
}

/** The waiting contacts of the chosen queue, each movable to another queue. */
async function showWaiting() {
  const id = $('waiting-queue').value;
  if (!id) return;
  const page = await api.get(`/api/v1/queues/${encodeURIComponent(id)}/contacts?limit=50`);
  fillRows($('waiting'), page.contacts.filter((c) => c.state === 'QUEUED'), (c) => [
    c.position,
    c.from,
    c.channel,
    waitedCell(c),
    c.priority,
    moveForm(c, id),
  ]);
}

function waitedCell(c) {
  const span = el('span', duration(secondsSince(c.createdAt)));
  span.dataset.since = c.createdAt;
  return span;
}

function moveForm(contact, from) {
  const form = el('form', null, 'controls');
  const select = document.createElement('select');
  select.setAttribute('aria-label', `Move ${contact.from} to`);
  select.append(...queues.filter((q) => q.id !== from).map((q) => {
    const option = el('option', q.name || q.id);
    option.value = q.id;
    return option;
  }));
  const button = el('button', 'Move');
  button.type = 'submit';
  form.dataset.contact = contact.id;
  form.append(select, button);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    api.post(`/api/v1/contacts/${contact.id}/transfer`, { queue: select.value, reason: `moved by ${session.name}` })
      .then(showWaiting, showError);
  });
  return form;
}

function badge(status, reason) {
  return el('span', status.replace('_', ' ') + (reason ? ` (${reason})` : ''), `badge ${status}`);
}

function timeCell(a) {
  const span = el('span', duration(secondsSince(a.statusSince)));
  span.dataset.since = a.statusSince;
  return span;
}

function tickTimes() {
  document.querySelectorAll('[data-since]').forEach((span) => {
    span.textContent = duration(secondsSince(span.dataset.since));
  });
}

function onEvent(event) {
  if (event.queueId) dirtyQueues.add(event.queueId);
  if (event.type === 'QueueDefined') {
    resync().catch(showError);
    return;
  }
  if (event.agentId || event.type === 'AgentDefined') {
    agentsDirty = true;
    // an agent's state counts in every queue it serves
    if (event.type === 'AgentStatusChanged') queues.forEach((q) => dirtyQueues.add(q.id));
  }
  schedule();
}

function showError(e) {
  $('error').textContent = e.message;
}

connectEvents({ onEvent, onStatus: bannerFor($('banner')), onResync: () => resync().catch(showError) });
setInterval(tickTimes, 1000);
