// The administrator's console: queues (routing steps, service level, timings, business hours), agents (skills and
// capacity), users and passwords, the reason lists operators pick from, and the voice menu. Each form is saved whole by one API
// call, so nothing is half-saved; what the server refuses is shown next to the field it names.
import { api, requireSession, signOut } from '/assets/api.js';
import { connectEvents, bannerFor } from '/assets/events.js';
import { el, shownStatus, span } from '/assets/format.js';

const $ = (id) => document.getElementById(id);
const session = await requireSession(['admin']);
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
let queues = [];
let agents = [];
let users = [];
let editingQueue = null;
let editingAgent = null;

$('who').textContent = `${session.name} (administrator)`;
$('sign-out').addEventListener('click', () => signOut());
document.querySelectorAll('[data-tab]').forEach((tab) => tab.addEventListener('click', () => showTab(tab.dataset.tab)));

function showTab(name) {
  document.querySelectorAll('[data-tab]').forEach((t) => t.setAttribute('aria-selected', String(t.dataset.tab === name)));
  document.querySelectorAll('.admin-tab').forEach((s) => s.classList.toggle('hidden', s.id !== `tab-${name}`));
}

/**
 * Field errors: shown right under the field (a place is made for one that has none), the first of a try gets the
 * focus, and all are cleared on the next try.
 */
function fieldError(id, message) {
  const input = $(id);
  let line = $(`${id}-error`);
  if (!line) {
    line = el('p', null, 'field-error');
    line.id = `${id}-error`;
    input.insertAdjacentElement('afterend', line);
    input.setAttribute('aria-describedby', line.id);
  }
  line.textContent = message;
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    const form = input.closest('form');
    if (form && !form.dataset.focused) {
      form.dataset.focused = 'true';
      (input.matches('input, select, textarea') ? input : input.querySelector('input, select, textarea') || input).focus();
    }
  }
  return false;
}

function clearErrors(form) {
  delete form.dataset.focused;
  form.querySelectorAll('.field-error').forEach((p) => { p.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((i) => i.removeAttribute('aria-invalid'));
  form.querySelectorAll('.error[role="alert"]').forEach((p) => { p.textContent = ''; });
}

/**
 * Every number field of {@code form} against its own min and max, in the words of its label; false (with the
 * fields marked) when one is out of bounds or not a whole number, so the server is asked only with sound numbers.
 */
function checkNumbers(form) {
  let sound = true;
  for (const input of form.querySelectorAll('input[type="number"]')) {
    if (!input.id) continue;
    const text = input.value.trim();
    const value = Number(text);
    const min = input.min === '' ? null : Number(input.min);
    const max = input.max === '' ? null : Number(input.max);
    const name = form.querySelector(`label[for="${input.id}"]`)?.textContent || input.getAttribute('aria-label') || input.id;
    const bounds = min !== null && max !== null ? `from ${min} to ${max}` : min !== null ? `${min} or more` : `${max} or less`;
    if (text === '' || !Number.isInteger(value) || (min !== null && value < min) || (max !== null && value > max)) {
      sound = fieldError(input.id, `${name}: a whole number ${bounds}.`) && sound;
    }
  }
  return sound;
}

/**
 * The server's refusal next to the field its message names (first match; a 409 beside {@code conflictField}, the
 * name that is taken), else under the form.
 */
function showRefusal(e, rules, fallback, conflictField) {
  const text = e.message.toLowerCase();
  const rule = rules.find(([words]) => words.some((w) => text.includes(w)));
  if (e.status === 409 && conflictField) fieldError(conflictField, e.message);
  else if (e.status === 400 && rule) fieldError(rule[1], e.message);
  else $(fallback).textContent = e.message;
}

// ---------------------------------------------------------------- queues

$('queue-new').addEventListener('click', () => editQueue(null));
$('q-add-step').addEventListener('click', () => addStep({ skills: '', timeoutSeconds: 0, overflowQueue: null }));
$('queue-form').addEventListener('submit', (e) => { e.preventDefault(); saveQueue(); });
for (const day of DAYS) {
  const label = el('label', day.charAt(0).toUpperCase() + day.slice(1));
  label.htmlFor = `q-day-${day}`;
  const input = document.createElement('input');
  input.id = `q-day-${day}`;
  // no placeholder: hours shown greyed in every day would read as hours set (the hint above gives the format)
  const row = el('div', null, 'day');
  row.append(label, input);
  $('q-week').append(row);
}

async function loadQueues() {
  queues = await api.get('/api/v1/queues');
  $('queue-list').replaceChildren(...queues.map((q) => pickRow([q.id, q.name, steps(q), sl(q), q.hours ? 'set' : '24/7'],
    () => editQueue(q), q.id === (editingQueue && editingQueue.id))));
}

function steps(q) {
  return q.steps.map((s) => s.skills + (s.timeoutSeconds ? ` (${s.timeoutSeconds} s)` : '')
    + (s.overflowQueue ? ` → ${s.overflowQueue}` : '')).join(' then ');
}

function sl(q) {
  return `${q.serviceLevel.percent}% in ${span(q.serviceLevel.thresholdSeconds)}`; // 4 h, as the wallboard says it
}

function pickRow(cells, open, selected) {
  const tr = document.createElement('tr');
  tr.tabIndex = 0;
  tr.setAttribute('aria-selected', String(!!selected));
  tr.append(...cells.map((c) => el('td', c)));
  tr.addEventListener('click', open);
  tr.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
  return tr;
}

/** Shows {@code q} (null: a new one) in the form; {@code focus} false keeps the focus where it is (after a save). */
function editQueue(q, focus = true) {
  editingQueue = q;
  clearErrors($('queue-form'));
  $('queue-saved').textContent = '';
  $('queue-title').textContent = q ? `Queue ${q.id}` : 'New queue';
  $('q-id').value = q ? q.id : '';
  $('q-id').readOnly = !!q;
  $('q-name').value = q ? q.name : '';
  $('q-strategy').value = q ? q.strategy.toLowerCase().replace('_', '-') : 'longest-idle';
  $('q-sl-threshold').value = q ? q.serviceLevel.thresholdSeconds : 20;
  $('q-sl-percent').value = q ? q.serviceLevel.percent : 80;
  $('q-asa').value = q ? q.serviceLevel.asaSeconds : 30;
  $('q-wrap-up').value = q ? q.wrapUpSeconds : 10;
  $('q-offer').value = q ? q.offerTimeoutSeconds : 15;
  $('q-aging').value = q ? q.priorityAgingSeconds : 0;
  $('q-aht').value = q ? q.plannedAhtSeconds : 90;
  $('q-auto').checked = q ? q.autoAccept : false;
  $('q-steps').replaceChildren();
  (q ? q.steps : [{ skills: '', timeoutSeconds: 0, overflowQueue: null }]).forEach(addStep);
  const hours = q && q.hours;
  $('q-zone').value = hours ? hours.timeZone : '';
  for (const day of DAYS) $(`q-day-${day}`).value = hours ? ranges((hours.week || {})[day] || (hours.week || {})[day.toUpperCase()]) : '';
  $('q-holidays').value = hours ? Object.entries(hours.holidays || {}).map(([d, r]) => `${d} ${ranges(r) || 'closed'}`).join('\n') : '';
  loadQueues();
  if (focus) (q ? $('q-name') : $('q-id')).focus();
}

function ranges(list) {
  return (list || []).map((r) => `${r.from}-${r.to}`).join(' ');
}

function addStep(step) {
  const item = el('li', null, 'step');
  const skills = document.createElement('input');
  skills.name = 'skills';
  skills.value = step.skills;
  skills.placeholder = 'info>=5, or tech & info';
  skills.setAttribute('aria-label', 'Skills this step needs');
  const timeout = document.createElement('input');
  timeout.type = 'number';
  timeout.min = '0';
  timeout.name = 'timeout';
  timeout.value = step.timeoutSeconds;
  timeout.setAttribute('aria-label', 'Seconds in this step (0: until answered)');
  const overflow = document.createElement('select');
  overflow.name = 'overflow';
  overflow.setAttribute('aria-label', 'Then move to queue');
  overflow.append(el('option', 'no overflow'), ...queues.map((q) => {
    const option = el('option', q.id);
    option.value = q.id;
    return option;
  }));
  overflow.firstChild.value = '';
  overflow.value = step.overflowQueue || '';
  const remove = el('button', 'Remove');
  remove.type = 'button';
  remove.addEventListener('click', () => item.remove());
  item.append(el('span', 'needs'), skills, el('span', 'for'), timeout, el('span', 's, then'), overflow, remove);
  $('q-steps').append(item);
}

/** The hours as the API takes them, or null for around the clock; false (with the field marked) when unreadable. */
function readHours() {
  const week = {};
  for (const day of DAYS) {
    const text = $(`q-day-${day}`).value.trim();
    if (!text || text === 'closed') continue;
    const parsed = parseRanges(text);
    if (!parsed) return fieldError('q-hours', `${day}: write ranges like 09:00-18:00, or leave it empty for closed`);
    week[day] = parsed;
  }
  const holidays = {};
  for (const line of $('q-holidays').value.split('\n').map((l) => l.trim()).filter((l) => l)) {
    const [date, ...rest] = line.split(/\s+/);
    const text = rest.join(' ');
    const parsed = text === 'closed' ? [] : parseRanges(text);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !parsed) {
      return fieldError('q-hours', `“${line}”: write a date and ranges, like 2026-12-31 closed or 2026-12-30 09:00-15:00`);
    }
    holidays[date] = parsed;
  }
  const zone = $('q-zone').value.trim();
  if (Object.keys(week).length === 0 && Object.keys(holidays).length === 0 && !zone) return null;
  return { timeZone: zone || null, week, holidays };
}

function parseRanges(text) {
  const out = [];
  for (const part of text.split(/[\s,]+/).filter((p) => p)) {
    const m = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(part);
    if (!m) return null;
    out.push({ from: m[1], to: m[2] });
  }
  return out;
}

function number(id) {
  const value = $(id).value.trim();
  return value === '' ? null : Number(value);
}

async function saveQueue() {
  const form = $('queue-form');
  clearErrors(form);
  const id = $('q-id').value.trim();
  if (!id) return fieldError('q-id', 'An id is required: letters, digits, dashes.');
  const stepRows = [...$('q-steps').children];
  if (stepRows.length === 0) return fieldError('q-steps', 'A queue needs at least one routing step.');
  const stepsBody = stepRows.map((row) => ({
    skills: row.querySelector('[name="skills"]').value.trim(),
    timeoutSeconds: Number(row.querySelector('[name="timeout"]').value || 0),
    overflowQueue: row.querySelector('[name="overflow"]').value || null,
  }));
  if (stepsBody.some((s) => !s.skills)) return fieldError('q-steps', 'Every step needs the skills it asks for.');
  if (stepsBody.some((s) => !Number.isInteger(s.timeoutSeconds) || s.timeoutSeconds < 0)) {
    return fieldError('q-steps', 'Seconds in a step: a whole number, 0 or more (0: until answered).');
  }
  if (!checkNumbers(form)) return;
  const hours = readHours();
  if (hours === false) return;
  const body = {
    name: $('q-name').value.trim() || null,
    steps: stepsBody,
    strategy: $('q-strategy').value,
    serviceLevel: { thresholdSeconds: number('q-sl-threshold'), percent: number('q-sl-percent'), asaSeconds: number('q-asa') },
    wrapUpSeconds: number('q-wrap-up'),
    offerTimeoutSeconds: number('q-offer'),
    priorityAgingSeconds: number('q-aging'),
    plannedAhtSeconds: number('q-aht'),
    hours,
    autoAccept: $('q-auto').checked,
  };
  try {
    const saved = editingQueue
      ? await api.put(`/api/v1/queues/${encodeURIComponent(id)}`, body)
      : await api.post('/api/v1/queues', { id, ...body });
    editQueue(saved, false);
    $('queue-saved').textContent = 'Saved.';
  } catch (e) {
    showRefusal(e, [
      [['step', 'skill', 'proficienc', 'overflow', 'expression'], 'q-steps'],
      [['hours', 'week', 'holiday', 'time zone', 'timezone', 'range'], 'q-hours'],
      [['threshold'], 'q-sl-threshold'],
      [['percent'], 'q-sl-percent'],
      [['asa'], 'q-asa'],
      [['aging'], 'q-aging'],
      [['aht', 'handl'], 'q-aht'],
      [['wrapup', 'wrap-up'], 'q-wrap-up'],
      [['offer'], 'q-offer'],
      [['name'], 'q-name'],
      [["'id'", 'queue id', 'an id'], 'q-id'],
    ], 'queue-error', 'q-id');
  }
}

// ---------------------------------------------------------------- agents

$('agent-new').addEventListener('click', () => editAgent(null));
$('agent-form').addEventListener('submit', (e) => { e.preventDefault(); saveAgent(); });

async function loadAgents() {
  agents = await api.get('/api/v1/agents');
  $('agent-list').replaceChildren(...agents.map((a) => pickRow(
    [a.id, a.name, skillText(a.skills), `${a.capacity.voice ?? 0} call · ${a.capacity.text ?? 0} text · ${a.capacity.email ?? 0} e-mail`,
      shownStatus(a.status, a.contacts.length).replace('_', ' ')], () => editAgent(a),
    a.id === (editingAgent && editingAgent.id))));
  signInNames();
}

// Everyone who may sign in, for the password form's list of names.
function signInNames() {
  const names = [...agents.map((a) => a.id), ...users.map((u) => u.name)];
  $('p-names').replaceChildren(...names.map((n) => { const o = document.createElement('option'); o.value = n; return o; }));
}

function skillText(skills) {
  return Object.entries(skills || {}).map(([s, l]) => `${s}:${l}`).join(' ');
}

function editAgent(a, focus = true) {
  editingAgent = a;
  clearErrors($('agent-form'));
  $('agent-saved').textContent = '';
  $('agent-title').textContent = a ? `Agent ${a.id}` : 'New agent';
  $('a-id').value = a ? a.id : '';
  $('a-id').readOnly = !!a;
  $('a-name').value = a ? a.name : '';
  $('a-skills').value = a ? skillText(a.skills) : '';
  $('a-voice').value = a ? a.capacity.voice ?? 1 : 1;
  $('a-text').value = a ? a.capacity.text ?? 3 : 3;
  $('a-email').value = a ? a.capacity.email ?? 5 : 5;
  $('a-exclusive').checked = a ? a.voiceExclusive : true;
  loadAgents();
  if (focus) (a ? $('a-name') : $('a-id')).focus();
}

async function saveAgent() {
  const form = $('agent-form');
  clearErrors(form);
  const id = $('a-id').value.trim();
  if (!id) return fieldError('a-id', 'An id is required: the name the agent signs in with.');
  if (!checkNumbers(form)) return;
  const skills = {};
  for (const word of $('a-skills').value.split(/[\s,]+/).filter((w) => w)) {
    const [skill, level] = word.split(':');
    const n = Number(level);
    if (!skill || !Number.isInteger(n) || n < 1 || n > 10) {
      return fieldError('a-skills', `“${word}”: write skill:level with a level from 1 to 10, like info:5`);
    }
    skills[skill] = n;
  }
  const body = {
    name: $('a-name').value.trim() || null,
    skills,
    capacity: { voice: number('a-voice'), text: number('a-text'), email: number('a-email') },
    voiceExclusive: $('a-exclusive').checked,
  };
  try {
    const isNew = !editingAgent;
    if (editingAgent) await api.put(`/api/v1/agents/${encodeURIComponent(id)}`, body);
    else await api.post('/api/v1/agents', { id, ...body });
    editAgent(await api.get(`/api/v1/agents/${encodeURIComponent(id)}`), false);
    $('agent-saved').textContent = isNew
      ? 'Saved. Set a password under Users and passwords for the agent to sign in.' : 'Saved.';
  } catch (e) {
    showRefusal(e, [[['skill', 'proficienc'], 'a-skills'], [['capacity'], 'a-capacity'], [["'id'", 'name', 'agent'], 'a-id']],
      'agent-error', 'a-id');
  }
}

// ---------------------------------------------------------------- users and passwords

async function loadUsers() {
  users = await api.get('/api/v1/users');
  $('user-list').replaceChildren(...users.map((u) => pickRow([u.name, u.role], () => {
    $('p-name').value = u.name;
    $('p-password').focus();
  }, u.name === $('p-name').value)));
  signInNames();
}

$('user-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors($('user-form'));
  $('user-saved').textContent = '';
  const name = $('u-name').value.trim();
  if (!name) return fieldError('u-name', 'A name is required.');
  try {
    await api.post('/api/v1/users', { name, role: $('u-role').value });
    $('user-saved').textContent = `${name} created. Set a password below for them to sign in.`;
    $('p-name').value = name;
    $('u-name').value = '';
    await loadUsers();
  } catch (err) {
    showRefusal(err, [[['name', 'user'], 'u-name']], 'user-error', 'u-name');
  }
});

$('password-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors($('password-form'));
  $('password-saved').textContent = '';
  const name = $('p-name').value.trim();
  const password = $('p-password').value;
  if (!name) return fieldError('p-name', 'Whose password?');
  if ([...password.trim()].length < 10) return fieldError('p-password', 'At least 10 characters.'); // as the server counts
  try {
    await api.put(`/api/v1/users/${encodeURIComponent(name)}/password`, { password });
    $('p-password').value = '';
    $('password-saved').textContent = `Password set for ${name}; their open sessions ended.`;
  } catch (err) {
    showRefusal(err, [[['password'], 'p-password'], [['no agent', 'no user', 'name'], 'p-name']], 'password-error');
  }
});

// ---------------------------------------------------------------- reasons

document.querySelectorAll('form.reasons').forEach((form) => {
  form.querySelector('[data-add]').addEventListener('click', () => addReason(form, { name: '', active: true }, true));
  form.addEventListener('submit', (e) => { e.preventDefault(); saveReasons(form); });
});

async function loadReasons() {
  const lists = await api.get('/api/v1/reason-codes');
  fillReasonForm($('reasons-not-ready'), lists.notReady);
  fillReasonForm($('reasons-dispositions'), lists.dispositions);
}

function fillReasonForm(form, list) {
  form.querySelector('.reason-list').replaceChildren();
  list.forEach((r) => addReason(form, r, false));
}

function addReason(form, reason, focus) {
  const item = el('li', null, 'reason');
  const name = document.createElement('input');
  name.value = reason.name;
  name.maxLength = 100;
  name.setAttribute('aria-label', 'Reason');
  const active = document.createElement('input');
  active.type = 'checkbox';
  active.checked = reason.active;
  active.setAttribute('aria-label', 'In use (operators may choose it)');
  const activeLabel = el('label', null, 'check');
  activeLabel.append(active, ' in use');
  const up = el('button', '↑');
  up.type = 'button';
  up.setAttribute('aria-label', 'Move up');
  up.addEventListener('click', () => { if (item.previousElementSibling) item.parentNode.insertBefore(item, item.previousElementSibling); up.focus(); });
  const remove = el('button', 'Remove');
  remove.type = 'button';
  remove.addEventListener('click', () => item.remove());
  item.append(name, activeLabel, up, remove);
  form.querySelector('.reason-list').append(item);
  if (focus) name.focus();
}

async function saveReasons(form) {
  form.querySelector('[data-error]').textContent = '';
  form.querySelector('[data-saved]').textContent = '';
  const codes = [...form.querySelectorAll('li.reason')].map((li) => ({
    name: li.querySelector('input').value.trim(),
    active: li.querySelector('input[type="checkbox"]').checked,
  }));
  const blank = codes.findIndex((c) => !c.name);
  if (blank >= 0) {
    form.querySelector('[data-error]').textContent = `Entry ${blank + 1} has no text: write it or remove it.`;
    return;
  }
  try {
    const saved = await api.put(`/api/v1/reason-codes/${form.dataset.kind}`, { codes });
    fillReasonForm(form, saved.codes);
    form.querySelector('[data-saved]').textContent = 'Saved. Operators see the new list when their desk next loads.';
  } catch (e) {
    form.querySelector('[data-error]').textContent = e.message;
  }
}

// ---------------------------------------------------------------- voice menu

let voiceVersion = null;
$('voice-form').addEventListener('submit', (e) => { e.preventDefault(); saveVoiceMenu(); });
$('voice-reload').addEventListener('click', () => loadVoiceMenu());

async function loadVoiceMenu() {
  clearErrors($('voice-form'));
  $('voice-saved').textContent = '';
  try {
    showVoiceMenu(await api.get('/api/v1/voice-menu'));
  } catch (e) {
    fieldError('voice-text', e.message);
  }
}

function showVoiceMenu(menu) {
  voiceVersion = menu.version;
  $('voice-text').value = menu.text;
  const from = menu.source === 'console' ? `changed in the console by ${menu.changedBy}, ${new Date(menu.changedAt).toLocaleString()}`
    : menu.source === 'built-in' ? 'the built-in menu of 111' : `from the file ${menu.source}`;
  $('voice-meta').textContent = `Version ${menu.version}: ${from}.`;
}

async function saveVoiceMenu() {
  clearErrors($('voice-form'));
  $('voice-saved').textContent = '';
  try {
    showVoiceMenu(await api.put('/api/v1/voice-menu', { text: $('voice-text').value, version: voiceVersion }));
    $('voice-saved').textContent = 'Saved: new calls walk this menu.';
  } catch (e) {
    fieldError('voice-text', e.status === 409
      ? `${e.message}. Your text is still here: copy what you need, then load the current menu.`
      : e.message);
  }
}

await Promise.all([loadQueues(), loadAgents(), loadUsers(), loadReasons(), loadVoiceMenu()]);
editQueue(null);
editAgent(null);

// The lists follow the center live (another administrator, an operator's state); the forms being edited stay as typed.
let listsTimer = null;
function refreshLists() {
  if (listsTimer !== null) return;
  listsTimer = setTimeout(() => {
    listsTimer = null;
    const active = document.activeElement;
    if (active && active.closest('#queue-list, #agent-list, #user-list')) { refreshLists(); return; } // not under a click
    Promise.all([loadQueues(), loadAgents(), loadUsers()]).catch((e) => { $('error').textContent = e.message; });
  }, 500);
}
connectEvents({
  onEvent: (event) => { if (/^(Agent|Queue|User|Principal|Credential)/.test(event.type)) refreshLists(); },
  onStatus: bannerFor($('banner')),
  onResync: refreshLists,
});
