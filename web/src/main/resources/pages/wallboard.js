// The supervisor's wallboard: one tile per queue and the agent grid, re-read within a quarter second of any event.
import { api, requireSession, signOut } from '/assets/api.js';
import { connectEvents, bannerFor } from '/assets/events.js';
import { duration, secondsSince, el, fillRows, shownStatus, span } from '/assets/format.js';

/** Whether the error line shows a refusal of the supervisor's action (kept until their next action succeeds). */
let refusalShown = false;

const $ = (id) => document.getElementById(id);
const session = await requireSession(['supervisor', 'admin']);
const REFRESH_MS = 250;
const TABLES_MS = 1000;

let queues = [];
let agents = [];
const tiles = new Map(); // queue id -> tile element
const dirtyQueues = new Set();
let agentsDirty = false;
let waitingDirty = false;
let tablesAt = 0;
let timer = null;

$('who').textContent = `${session.name} (${session.role})`;
$('admin-link').classList.toggle('hidden', session.role !== 'admin');
$('sign-out').addEventListener('click', () => signOut());
$('tv').addEventListener('click', toggleTv);
$('waiting-queue').addEventListener('change', () => showWaiting().catch(showLoadError));
// rows are not replaced while the supervisor types in them (see editing()); what came meanwhile shows on leaving
$('agents').addEventListener('focusout', () => schedule());
$('waiting').addEventListener('focusout', () => schedule());

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
  if (!chosen) await showBusiest();
}

/** On opening, the waiting list of the queue where most callers wait (the first queue when nobody waits). */
async function showBusiest() {
  const waitingIn = (q) => Number(tileOf(q.id).querySelector('[data-field="waiting"]').textContent) || 0;
  const busiest = queues.reduce((best, q) => (best === null || waitingIn(q) > waitingIn(best) ? q : best), null);
  if (busiest && busiest.id !== $('waiting-queue').value) {
    $('waiting-queue').value = busiest.id;
    await showWaiting();
  }
}

function schedule() {
  if (timer === null) timer = setTimeout(() => { timer = null; refresh().catch(showLoadError); }, REFRESH_MS);
}

/**
 * Tiles at most every REFRESH_MS; the agent grid and the waiting list (hundreds of rows) at most every TABLES_MS,
 * so a busy room costs the browser the same whatever the event rate (bench: desk-fanout.sh … wallboard).
 */
async function refresh() {
  const ids = [...dirtyQueues];
  dirtyQueues.clear();
  if (ids.includes($('waiting-queue').value)) waitingDirty = true;
  await Promise.all(ids.map(async (id) => showTile(await api.get(`/api/v1/queues/${encodeURIComponent(id)}/stats`))));
  const waitMs = TABLES_MS - (Date.now() - tablesAt);
  if ((agentsDirty || waitingDirty) && waitMs > 0) {
    setTimeout(schedule, waitMs);
  } else if (agentsDirty || waitingDirty) {
    await refreshTables();
  }
  $('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
  if (!refusalShown) $('error').textContent = ''; // a refusal of the supervisor's own action stays until the next one
}

async function refreshTables() {
  tablesAt = Date.now();
  if (agentsDirty) {
    agentsDirty = false;
    agents = await api.get('/api/v1/agents');
    if (editing('agents')) agentsDirty = true; // shown once the supervisor leaves the field
    else showAgents();
  }
  if (waitingDirty) {
    waitingDirty = false;
    if (editing('waiting')) waitingDirty = true;
    else await showWaiting();
  }
}

/**
 * Whether the supervisor is typing in a field of the table {@code id}: its rows are not replaced meanwhile. A focused
 * button does not hold the table (its click is done); the new rows give the focus back to the same agent's row.
 */
function editing(id) {
  const active = document.activeElement;
  return active !== null && ['INPUT', 'SELECT'].includes(active.tagName) && $(id).contains(active);
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
  set('oldest', stats.waiting > 0 ? duration(stats.oldestWaitSeconds || 0) : '–'); // nobody waits: no wait, as ASA
  const oldest = tile.querySelector('[data-field="oldest"]');
  if (stats.waiting > 0 && stats.oldestWaitSeconds != null && stats.at) {
    // the figure is as of the read ('at'): the clock goes on from there (tickTimes)
    oldest.dataset.since = new Date(Date.parse(stats.at) - stats.oldestWaitSeconds * 1000).toISOString();
  } else {
    delete oldest.dataset.since;
  }
  set('sl', sl == null ? '–' : `${Math.round(sl)}%`);
  set('target', `target ${target.percent}% in ${span(target.thresholdSeconds)}`);
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
  const active = document.activeElement;
  const focusedAgent = active && $('agents').contains(active) ? active.dataset.agent : undefined;
  fillRows($('agents'), agents, (a) => [
    a.name || a.id,
    badge(shownStatus(a.status, a.contacts.length), a.reason),
    timeCell(a),
    a.contacts.length,
    a.queues.join(', '),
    skillsForm(a),
    stateActions(a),
  ]);
  if (focusedAgent !== undefined) {
    const again = [...$('agents').querySelectorAll('button[data-agent]')].find((b) => b.dataset.agent === focusedAgent);
    if (again) again.focus();
  }
}

/** Buttons that set the agent's state as its supervisor (audited by the server). */
function stateActions(a) {
  const span = el('span', null, 'agents-actions');
  if (a.status === 'LOGGED_OUT') { // only the agent signs in: nobody would be at the desk to answer
    span.append(el('span', 'signs in at the desk', 'muted'));
    return span;
  }
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

/** The agent's skills as "skill:level" words, editable by the supervisor (audited by the server). */
function skillsForm(a) {
  const form = el('form', null, 'inline agents-actions');
  const input = document.createElement('input');
  input.name = 'skills';
  input.value = Object.entries(a.skills || {}).map(([skill, level]) => `${skill}:${level}`).join(' ');
  input.setAttribute('aria-label', `Skills of ${a.name || a.id}, as skill:level (1 to 10)`);
  const button = el('button', 'Set');
  button.type = 'submit';
  form.dataset.agent = a.id;
  form.append(input, button);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const skills = {};
    for (const word of input.value.split(/[\s,]+/).filter((w) => w)) {
      const [skill, level] = word.split(':');
      skills[skill] = Number(level || 5);
    }
    api.put(`/api/v1/agents/${encodeURIComponent(a.id)}/skills`, { skills })
      .then(() => { agentsDirty = true; schedule(); actionDone(); }, showError);
  });
  return form;
}

async function setState(agentId, state) {
  const body = state === 'NOT_READY' ? { state, reason: `set by ${session.name}` } : { state };
  await api.put(`/api/v1/agents/${encodeURIComponent(agentId)}/state`, body);
  actionDone();
  agentsDirty = true;
  schedule();
}

/** The line a channel's contacts wait in: a position counts among the contacts of the same line. */
const LINE = { voice: 'calls', callback: 'calls', email: 'e-mails' };

/** The waiting contacts of the chosen queue, each movable to another queue. */
async function showWaiting() {
  const id = $('waiting-queue').value;
  if (!id) return;
  const page = await api.get(`/api/v1/queues/${encodeURIComponent(id)}/contacts?limit=50`);
  const waiting = page.contacts.filter((c) => c.state === 'QUEUED');
  const lines = new Set(waiting.map((c) => LINE[c.channel] || 'messages'));
  fillRows($('waiting'), waiting, (c) => [
    // calls, messages and e-mails wait in lines of their own (an agent takes one of each kind at a time): where more
    // than one kind waits, each position says in which line it is
    lines.size > 1 ? `${c.position} of ${LINE[c.channel] || 'messages'}` : c.position,
    c.from,
    c.channel,
    waitedCell(c),
    priorityForm(c),
    moveForm(c, id),
  ]);
  if (waiting.length === 0) { // an empty table says so, and where callers do wait
    const elsewhere = queues.filter((q) => q.id !== id && (tiles.get(q.id)?.querySelector('[data-field="waiting"]')?.textContent ?? '0') !== '0');
    const cell = el('td', `Nobody is waiting in ${$('waiting-queue').selectedOptions[0]?.textContent ?? id}.`
      + (elsewhere.length ? ` Waiting in ${elsewhere.map((q) => q.name || q.id).join(', ')}.` : ''), 'muted');
    cell.colSpan = 6;
    const row = document.createElement('tr');
    row.append(cell);
    $('waiting').replaceChildren(row);
  }
}

function waitedCell(c) {
  const span = el('span', duration(secondsSince(c.createdAt)));
  span.dataset.since = c.createdAt;
  return span;
}

/** The contact's priority, raised or lowered by the supervisor (audited by the server). */
function priorityForm(contact) {
  const form = el('form', null, 'inline');
  const input = document.createElement('input');
  input.type = 'number';
  input.min = '0';
  input.max = '1000';
  input.value = contact.priority;
  input.setAttribute('aria-label', `Priority of ${contact.from}`);
  const button = el('button', 'Set');
  button.type = 'submit';
  form.dataset.priority = contact.id;
  form.append(input, button);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    api.post(`/api/v1/contacts/${contact.id}/priority`, { priority: Number(input.value) }).then(() => { actionDone(); return showWaiting(); }, showError);
  });
  return form;
}

/** An alert for supervisors (a locked line tried again...), shown until dismissed. */
function showAlert(event) {
  const item = el('li');
  const text = el('span', `${new Date(event.at).toLocaleTimeString()} · ${event.subject}: ${event.detail}`);
  const dismiss = el('button', 'Dismiss');
  dismiss.type = 'button';
  dismiss.addEventListener('click', () => {
    item.remove();
    $('alerts').classList.toggle('hidden', $('alert-list').children.length === 0);
  });
  item.dataset.kind = event.kind;
  item.append(text, dismiss);
  $('alert-list').prepend(item);
  $('alerts').classList.remove('hidden');
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
      .then(() => { actionDone(); return showWaiting(); }, showError);
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
  if (event.type === 'AlertRaised') {
    showAlert(event);
    return;
  }
  if (event.queueId) dirtyQueues.add(event.queueId);
  if (event.type === 'QueueDefined') {
    resync().catch(showLoadError);
    return;
  }
  if (event.agentId || event.type === 'AgentDefined') {
    agentsDirty = true;
    // an agent's state counts in every queue it serves
    if (event.type === 'AgentStatusChanged') queues.forEach((q) => dirtyQueues.add(q.id));
  }
  schedule();
}

/** A figure or list could not be read: said until the next refresh reads it. */
function showLoadError(e) {
  $('error').textContent = e.message;
}

function showError(e) {
  refusalShown = true;
  $('error').textContent = e.message;
}

/** The supervisor's action went through: a refusal shown before is no longer news. */
function actionDone() {
  refusalShown = false;
  $('error').textContent = '';
}

connectEvents({ onEvent, onStatus: bannerFor($('banner')), onResync: () => resync().catch(showLoadError) });
setInterval(tickTimes, 1000);
