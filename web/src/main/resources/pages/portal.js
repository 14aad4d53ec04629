// The subscriber portal: sign in with the number and a password or an SMS code, then the subscriber's own account:
// balance, tariffs with their terms, services, itemized records with totals (pages, CSV), questions to the center and
// their answers, callbacks now or at a chosen half hour, and the contacts with the center.
import { el, money, when } from '/assets/format.js';

const $ = (id) => document.getElementById(id);
let session = null;
let account = null;
let usageNext = null;
let help = null;
let threadId = null;
let threadTimer = null;

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (session && method !== 'GET') headers['X-CSRF-Token'] = session.csrfToken;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 204) return null;
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const failure = new Error(answer.detail || `${response.status}`);
    failure.status = response.status;
    failure.code = answer.error;
    throw failure;
  }
  return answer;
}

function say(id, text, ok) {
  $(id).textContent = text;
  $(id).className = ok === undefined ? 'muted' : ok ? 'ok' : 'error';
}

async function start() {
  try {
    session = await call('GET', '/api/v1/portal/session');
    await showAccount();
  } catch (e) {
    if (e.status !== 401) say('error', e.message, false);
    showSignIn();
  }
}

function showSignIn() {
  session = null;
  showThread(null);
  $('signed-out').classList.remove('hidden');
  $('signed-in').classList.add('hidden');
  $('sign-out').classList.add('hidden');
  $('who').textContent = '';
  $('msisdn').focus();
}

/** The number as the center writes it: 8 912 000-00-01, 9120000001 and +7 (912) 000 00 01 are all +79120000001. */
function number() {
  const typed = $('msisdn').value.trim();
  const digits = typed.replace(/[\s()-]/g, '');
  if (/^8\d{10}$/.test(digits)) return `+7${digits.slice(1)}`;
  if (/^7\d{10}$/.test(digits)) return `+${digits}`;
  if (/^9\d{9}$/.test(digits)) return `+7${digits}`;
  return digits.startsWith('+') ? digits : typed;
}

$('sign-in').addEventListener('submit', async (e) => {
  e.preventDefault();
  await signIn({ msisdn: number(), password: $('password').value });
});
$('sign-in-code').addEventListener('click', () => signIn({ msisdn: number(), code: $('code').value.trim() }));
$('send-code').addEventListener('click', async () => {
  try {
    const answer = await call('POST', '/api/v1/portal/code', { msisdn: number() });
    say('sign-in-note', answer.sent);
    $('code-step').classList.remove('hidden');
    $('code').focus();
  } catch (e) {
    say('sign-in-note', e.message, false);
  }
});

/** Signs in with a password or a code; a refusal shows under the button that was pressed. */
async function signIn(body) {
  const note = body.password !== undefined ? 'password-note' : 'sign-in-note';
  try {
    session = await call('POST', '/api/v1/portal/session', body);
    $('password').value = '';
    $('code').value = '';
    say('sign-in-note', '');
    say('password-note', '');
    await showAccount();
  } catch (e) {
    say(note === 'password-note' ? 'sign-in-note' : 'password-note', '');
    say(note, e.message, false);
  }
}

$('sign-out').addEventListener('click', async () => {
  await call('DELETE', '/api/v1/portal/session').catch(() => {});
  showSignIn();
});

async function showAccount() {
  account = await call('GET', '/api/v1/portal/account');
  $('signed-out').classList.add('hidden');
  $('signed-in').classList.remove('hidden');
  $('sign-out').classList.remove('hidden');
  $('who').textContent = `${account.name} · ${account.msisdn}`;
  $('balance').textContent = money(account.balanceMinor ?? Math.round(account.balance * 100), account.currency);
  $('tariff').textContent = account.tariff;
  $('email').value = account.email || '';
  showPasswordForm(session.currentPasswordRequired !== false);
  showTariffs();
  showServices();
  if (!$('usage-from').value) {
    const today = new Date();
    $('usage-to').value = today.toISOString().slice(0, 10);
    $('usage-from').value = new Date(today.getFullYear(), today.getMonth(), 1, 12).toISOString().slice(0, 10);
  }
  await Promise.all([showUsage(false), showHistory(), showHelp()]);
}

/**
 * A tab left open is brought up to date when the subscriber comes back to it: balance, tariff, requests, waits and a
 * callback's place in line. Only what nobody types into is redrawn (forms keep what was entered).
 */
async function refresh() {
  if (!session || document.visibilityState !== 'visible') return;
  try {
    account = await call('GET', '/api/v1/portal/account');
    $('balance').textContent = money(account.balanceMinor ?? Math.round(account.balance * 100), account.currency);
    $('tariff').textContent = account.tariff;
    await Promise.all([showHistory(), showHelp()]);
  } catch (e) {
    if (e.status === 401) showSignIn(); // the session ended meanwhile
  }
}

document.addEventListener('visibilitychange', refresh);
// while a callback waits its place in line moves: follow it (its booking form is hidden then, nothing is lost)
setInterval(() => { if (help && help.callback) refresh(); }, 30000);

function terms(t) {
  const parts = [`${money(t.monthlyFeeMinor, t.currency)} a month`];
  if (!t.current) {
    parts.push(t.changeFeeMinor ? `moving to it costs ${money(t.changeFeeMinor, t.currency)} once` : 'no fee to move');
  }
  if (t.disconnects.length) parts.push(`disconnects ${t.disconnects.join(', ')}`);
  return parts.join('; ');
}

function showTariffs() {
  $('tariffs').replaceChildren(...account.tariffs.map((t) => {
    const item = el('li');
    item.append(el('strong', t.name), el('span', ` — ${t.description}`), el('div', terms(t), 'muted'));
    if (t.current) {
      item.append(el('div', 'Your tariff', 'ok'));
    } else {
      const button = el('button', `Move to ${t.name}`);
      button.type = 'button';
      button.disabled = !t.affordable;
      if (!t.affordable) item.append(el('div', 'Your balance does not cover the fee.', 'muted'));
      button.addEventListener('click', () => changeTariff(t));
      item.append(button);
    }
    return item;
  }));
}

async function changeTariff(t) {
  if (!window.confirm(`Move to ${t.name}? ${terms(t)}.`)) return;
  try {
    await call('POST', '/api/v1/portal/tariff', { tariff: t.name });
    say('tariff-result', `Done: your tariff is ${t.name}.`, true);
    await showAccount();
  } catch (e) {
    say('tariff-result', e.message, false);
  }
}

function showServices() {
  $('services').replaceChildren(...account.catalogueServices.map((s) => {
    const item = el('li');
    item.append(el('strong', s.name), el('span', ` — ${s.description}, ${money(s.monthlyFeeMinor, s.currency)} a month`));
    if (!s.connected && !s.allowed) {
      item.append(el('div', `Not available on ${account.tariff}.`, 'muted'));
      return item;
    }
    const button = el('button', s.connected ? `Disconnect ${s.name}` : `Connect ${s.name}`);
    button.type = 'button';
    button.addEventListener('click', () => setService(s.name, !s.connected));
    item.append(el('div', s.connected ? 'Connected' : 'Not connected', s.connected ? 'ok' : 'muted'), button);
    return item;
  }));
}

async function setService(name, connected) {
  try {
    await call('POST', '/api/v1/portal/services', { service: name, connected });
    say('service-result', `${name} ${connected ? 'connected' : 'disconnected'}.`, true);
    await showAccount();
  } catch (e) {
    say('service-result', e.message, false);
  }
}

$('usage-range').addEventListener('submit', (e) => { e.preventDefault(); showUsage(false); });
$('usage-more').addEventListener('click', () => showUsage(true));

const UNITS = { seconds: 's', messages: '', bytes: 'B' };

function amount(r) {
  if (r.unit === 'bytes') return `${(r.quantity / 1e6).toFixed(1)} MB`;
  if (r.unit === 'seconds') return `${Math.floor(r.quantity / 60)}:${String(r.quantity % 60).padStart(2, '0')}`;
  return `${r.quantity}${UNITS[r.unit] || ''}`;
}

/**
 * A record's time in two short lines, date over time (and its kind over its amount), so that the columns fit a
 * phone's screen without a sideways scroll; the full local date and time (seconds included) is its title, and the CSV has the instant.
 */
function usageTime(iso) {
  const at = new Date(iso);
  const cell = el('td');
  cell.title = when(iso);
  cell.append(at.toLocaleDateString(undefined, { day: 'numeric', month: 'short' }), document.createElement('br'),
    at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }));
  return cell;
}

async function showUsage(more) {
  const range = `from=${$('usage-from').value}&to=${$('usage-to').value}`;
  try {
    const page = await call('GET', `/api/v1/portal/usage?${range}&limit=50${more && usageNext ? `&after=${encodeURIComponent(usageNext)}` : ''}`);
    usageNext = page.next;
    $('usage-csv').href = `/api/v1/portal/usage?${range}&format=csv`;
    const t = page.totals;
    $('usage-totals').textContent = `Calls ${t.call.count} (${Math.ceil(t.call.quantity / 60)} min) ${money(t.call.costMinor, account.currency)}`
      + ` · SMS ${t.sms.count} ${money(t.sms.costMinor, account.currency)}`
      + ` · Internet ${(t.data.quantity / 1e6).toFixed(1)} MB ${money(t.data.costMinor, account.currency)}`
      + ` · Total ${money(t.costMinor, account.currency)}`;
    $('usage-cost').textContent = `Cost, ${account.currency}`;
    const rows = page.records.map((r) => {
      const tr = el('tr');
      const what = el('td', r.kind);
      what.append(document.createElement('br'), amount(r));
      tr.append(usageTime(r.at), what, el('td', r.peer || ''),
        el('td', r.currency === account.currency ? (r.costMinor / 100).toFixed(2) : money(r.costMinor, r.currency)));
      return tr;
    });
    if (more) $('usage-rows').append(...rows); else $('usage-rows').replaceChildren(...rows);
    $('usage-more').classList.toggle('hidden', !usageNext);
    say('error', '');
  } catch (e) {
    say('error', e.message, false);
  }
}

const CHANNELS = { voice: 'call', callback: 'callback', sms: 'SMS', ussd: 'USSD', email: 'e-mail', web: 'question in the portal' };
const TEXT_CHANNELS = ['web', 'sms', 'ussd', 'email'];

/** Where a contact stands, in a subscriber's words: the operator's outcome once there is one. */
function standing(c) {
  if (c.disposition) return c.disposition;
  switch (c.state) {
    case 'SCHEDULED': return c.dueAt ? `we call you ${slotTime(c.dueAt)}` : 'booked';
    case 'QUEUED': case 'OFFERED': return 'waiting for an operator';
    case 'CONNECTED': return 'with an operator';
    case 'WRAP_UP': case 'COMPLETED': return 'answered';
    case 'ABANDONED': return c.channel === 'callback' ? 'cancelled' : 'ended before an operator answered';
    case 'TRANSFERRED': return 'passed to a colleague';
    case 'CALLBACK_SCHEDULED': return 'a callback was arranged';
    default: return c.state.toLowerCase();
  }
}

/** A time a subscriber picks or is told: the weekday and the time, no seconds. */
function slotTime(iso) {
  return new Date(iso).toLocaleString([], { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

async function showHistory() {
  const answer = await call('GET', '/api/v1/portal/contacts');
  $('history').replaceChildren(...(answer.contacts.length ? answer.contacts.map((c) => {
    const item = el('li', `${when(c.createdAt)} · ${CHANNELS[c.channel] || c.channel} · ${standing(c)}`);
    if (TEXT_CHANNELS.includes(c.channel)) {
      const read = el('button', 'Read');
      read.type = 'button';
      read.addEventListener('click', () => showThread(c.id, true));
      item.append(' ', read);
    }
    return item;
  }) : [el('li', 'No contacts yet.', 'muted')]));
  if (threadId === null) {
    const newest = answer.contacts.find((c) => c.channel === 'web'); // open or answered: the subscriber looks for it
    if (newest) await showThread(newest.id);
  }
}

const TOPICS = {
  'balance-and-tariffs': 'Balance and tariffs',
  'mobile-internet': 'Mobile internet',
  'phone-settings': 'Phone settings',
  roaming: 'Roaming',
  other: 'Something else',
};

function topicName(name) {
  return TOPICS[name] || name.charAt(0).toUpperCase() + name.slice(1).replace(/[-_]/g, ' ');
}

function waitText(seconds) {
  if (seconds === null || seconds === undefined) return '';
  return seconds < 60 ? 'under a minute' : `about ${Math.ceil(seconds / 60)} min`;
}

async function showHelp() {
  help = await call('GET', '/api/v1/portal/help');
  for (const id of ['ask-topic', 'callback-topic']) {
    const chosen = $(id).value;
    $(id).replaceChildren(...help.topics.map((t) => {
      const wait = id === 'callback-topic' ? waitText(t.estimatedWaitSeconds) : '';
      const option = el('option', topicName(t.name) + (wait ? ` (wait ${wait})` : ''));
      option.value = t.name;
      return option;
    }));
    if (chosen) $(id).value = chosen;
  }
  $('ask-form').querySelector('button').disabled = help.topics.length === 0;
  $('ask-note').textContent = help.answersBySms ? 'An operator answers here and by SMS to your number.'
    : 'An operator answers here.';
  $('callback-form').querySelector('button').disabled = help.topics.length === 0;
  showSlots();
  const waiting = help.callback;
  $('callback-waiting').classList.toggle('hidden', !waiting);
  $('callback-form').classList.toggle('hidden', !!waiting);
  if (waiting) {
    $('callback-status').textContent = waiting.dueAt
      ? `We will call you ${slotTime(waiting.dueAt)} about ${topicName(waiting.topic || 'other').toLowerCase()}.`
      : waiting.state === 'QUEUED'
        ? `You are number ${waiting.position} in line${waiting.estimatedWaitSeconds !== null ? `; wait ${waitText(waiting.estimatedWaitSeconds)}` : ''}. We will call you.`
        : 'An operator is about to call you.';
    $('callback-cancel').disabled = !['QUEUED', 'SCHEDULED'].includes(waiting.state);
  }
}

function showSlots() {
  const topic = help && help.topics.find((t) => t.name === $('callback-topic').value);
  const slots = topic ? topic.slots : [];
  $('callback-slot').replaceChildren(...slots.map((at) => {
    const option = el('option', slotTime(at));
    option.value = at;
    return option;
  }));
  const later = document.querySelector('input[name="callback-when"][value="later"]');
  later.disabled = slots.length === 0;
  if (later.disabled) document.querySelector('input[name="callback-when"][value="now"]').checked = true;
}

$('callback-topic').addEventListener('change', showSlots);
$('callback-slot').addEventListener('focus', () => {
  document.querySelector('input[name="callback-when"][value="later"]').checked = true;
});

$('ask-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = $('ask-text').value.trim();
  if (!text) {
    say('ask-result', 'Write your question first.', false);
    return;
  }
  const send = $('ask-form').querySelector('button');
  if (send.disabled) return;
  send.disabled = true;
  try {
    const answer = await call('POST', '/api/v1/portal/questions', { topic: $('ask-topic').value, text });
    $('ask-text').value = '';
    say('ask-result', 'Sent. An operator will answer here and by SMS.', true);
    await showThread(answer.contact.id);
    await showHistory();
  } catch (err) {
    if (err.status === 401) showSignIn(); else say('ask-result', err.message, false);
  } finally {
    send.disabled = false;
  }
});

function delivery(via, status) {
  if (status === 'DELIVERED') return ` · ${via} delivered`;
  if (status === 'FAILED') return ` · ${via} not delivered`;
  return status ? ` · ${via} sent` : '';
}

async function showThread(id, scroll) {
  clearTimeout(threadTimer);
  threadId = id;
  if (id === null) {
    $('thread').classList.add('hidden');
    $('ask-joins').textContent = '';
    return;
  }
  try {
    const thread = await call('GET', `/api/v1/portal/contacts/${encodeURIComponent(id)}`);
    if (threadId !== id) return;
    $('thread-messages').replaceChildren(...thread.messages.map((m) => {
      const item = el('li', m.text, m.direction);
      const note = m.direction === 'in' ? `You · ${when(m.at)}`
        : `MOTIV · ${when(m.at)}${delivery(thread.channel === 'email' ? 'e-mail' : 'SMS', m.sms)}`;
      item.append(el('span', note, 'muted'));
      return item;
    }));
    const ended = !['QUEUED', 'OFFERED', 'CONNECTED', 'WRAP_UP', 'SCHEDULED'].includes(thread.state);
    $('thread-title').textContent = ended ? 'Conversation (closed)' : 'Your conversation';
    const joins = ['QUEUED', 'OFFERED', 'CONNECTED'].includes(thread.state);
    $('ask-joins').textContent = joins ? 'While this conversation is open, a question joins it, whatever its topic.' : '';
    $('thread').classList.remove('hidden');
    if (scroll) $('thread').scrollIntoView({ behavior: 'smooth' });
    if (!ended) threadTimer = setTimeout(() => showThread(id), 10000);
  } catch (err) {
    if (err.status === 401) showSignIn(); else say('ask-result', err.message, false);
  }
}

$('callback-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const later = document.querySelector('input[name="callback-when"]:checked').value === 'later';
  const body = { topic: $('callback-topic').value };
  if (later) body.at = $('callback-slot').value;
  const ask = $('callback-form').querySelector('button.primary');
  if (ask.disabled) return;
  ask.disabled = true;
  try {
    const answer = await call('POST', '/api/v1/portal/callback', body);
    say('callback-result', answer.dueAt ? `Booked: we will call you ${slotTime(answer.dueAt)}.`
      : 'Done: you keep your place in line and we will call you.', true);
  } catch (err) {
    say('callback-result', err.message, false);
  }
  ask.disabled = false;
  await Promise.all([showHelp(), showHistory()]);
});

$('callback-cancel').addEventListener('click', async () => {
  if (!window.confirm('Cancel the callback?')) return;
  $('callback-cancel').disabled = true;
  try {
    await call('DELETE', '/api/v1/portal/callback');
    say('callback-result', 'The callback is cancelled.', true);
  } catch (err) {
    say('callback-result', err.message, false);
  }
  await Promise.all([showHelp(), showHistory()]);
});

/**
 * The current password is asked for unless the session was opened with a code sent by SMS a moment ago (a forgotten
 * password's reset); the server decides, and says so when it wants the current one after all.
 */
function showPasswordForm(currentPasswordRequired) {
  $('current-password-step').classList.toggle('hidden', !currentPasswordRequired);
  $('reset-note').classList.toggle('hidden', currentPasswordRequired);
}

$('password-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = { password: $('new-password').value };
  if (!$('current-password-step').classList.contains('hidden')) body.currentPassword = $('current-password').value;
  try {
    session = await call('PUT', '/api/v1/portal/password', body); // a renewed session: its cookie and CSRF token
    $('new-password').value = '';
    $('current-password').value = '';
    showPasswordForm(true);
    say('password-result', 'Password set. Your other sessions were signed out.', true);
  } catch (err) {
    if (err.code === 'current_password_needed') {
      session.currentPasswordRequired = true;
      showPasswordForm(true);
    }
    if (err.status === 401 || err.code === 'locked') { // this session ended with the lock (429 too_many_requests: not)
      showSignIn();
      say('sign-in-note', err.message, false);
    } else {
      say('password-result', err.message, false);
    }
  }
});

$('email-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const address = $('email').value.trim();
  if (address && address.toLowerCase() === (account.email || '').toLowerCase()) {
    say('email-result', 'This address is saved already.', true);
    return;
  }
  try {
    const saved = await call('PUT', '/api/v1/portal/email', { email: address || null });
    if (saved.confirming) {
      $('email-confirming').textContent = saved.confirming;
      $('email-confirm-form').classList.remove('hidden');
      $('email-code').value = '';
      $('email-code').focus();
      say('email-result', `We sent a code to ${saved.confirming}: enter it below within 15 minutes. `
        + 'The address is saved once it is confirmed.', true);
      return;
    }
    account.email = saved.email;
    $('email-confirm-form').classList.add('hidden');
    say('email-result', 'Address removed.', true);
  } catch (err) {
    say('email-result', err.message, false);
  }
});

$('email-confirm-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const saved = await call('POST', '/api/v1/portal/email/confirm', { code: $('email-code').value.trim() });
    account.email = saved.email;
    $('email').value = saved.email;
    $('email-confirm-form').classList.add('hidden');
    say('email-result', `Confirmed and saved: ${saved.email}.`, true);
  } catch (err) {
    say('email-result', err.status === 409 ? 'This address cannot be saved: ' + err.message : err.message, false);
  }
});

start();
