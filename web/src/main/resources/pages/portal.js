// The subscriber portal: sign in with the number and a password or an SMS code, then the subscriber's own account:
// balance, tariffs with their terms, services, itemized records with totals (pages, CSV), contacts with the center.
import { el, money, when } from '/assets/format.js';

const $ = (id) => document.getElementById(id);
let session = null;
let account = null;
let usageNext = null;

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
  $('signed-out').classList.remove('hidden');
  $('signed-in').classList.add('hidden');
  $('sign-out').classList.add('hidden');
  $('who').textContent = '';
  $('msisdn').focus();
}

$('sign-in').addEventListener('submit', async (e) => {
  e.preventDefault();
  await signIn({ msisdn: $('msisdn').value.trim(), password: $('password').value });
});
$('sign-in-code').addEventListener('click', () => signIn({ msisdn: $('msisdn').value.trim(), code: $('code').value.trim() }));
$('send-code').addEventListener('click', async () => {
  try {
    const answer = await call('POST', '/api/v1/portal/code', { msisdn: $('msisdn').value.trim() });
    say('sign-in-note', answer.sent);
    $('code-step').classList.remove('hidden');
    $('code').focus();
  } catch (e) {
    say('sign-in-note', e.message, false);
  }
});

async function signIn(body) {
  try {
    session = await call('POST', '/api/v1/portal/session', body);
    $('password').value = '';
    $('code').value = '';
    say('sign-in-note', '');
    await showAccount();
  } catch (e) {
    say('sign-in-note', e.message, false);
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
  showTariffs();
  showServices();
  if (!$('usage-from').value) {
    const today = new Date();
    $('usage-to').value = today.toISOString().slice(0, 10);
    $('usage-from').value = new Date(today.getFullYear(), today.getMonth(), 1, 12).toISOString().slice(0, 10);
  }
  await Promise.all([showUsage(false), showHistory()]);
}

function terms(t) {
  const parts = [`${money(t.monthlyFeeMinor, t.currency)} a month`];
  parts.push(t.changeFeeMinor ? `moving to it costs ${money(t.changeFeeMinor, t.currency)} once` : 'no fee to move');
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
    const rows = page.records.map((r) => {
      const tr = el('tr');
      tr.append(el('td', when(r.at)), el('td', r.kind), el('td', r.peer || ''), el('td', amount(r)),
        el('td', money(r.costMinor, r.currency)));
      return tr;
    });
    if (more) $('usage-rows').append(...rows); else $('usage-rows').replaceChildren(...rows);
    $('usage-more').classList.toggle('hidden', !usageNext);
    say('error', '');
  } catch (e) {
    say('error', e.message, false);
  }
}

async function showHistory() {
  const answer = await call('GET', '/api/v1/portal/contacts');
  $('history').replaceChildren(...(answer.contacts.length ? answer.contacts.map((c) => el('li',
    `${when(c.createdAt)} · ${c.channel} · ${c.disposition || c.reason || c.state.toLowerCase().replace('_', ' ')}`))
    : [el('li', 'No contacts yet.', 'muted')]));
}

$('password-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    await call('PUT', '/api/v1/portal/password', { password: $('new-password').value });
    $('new-password').value = '';
    say('password-result', 'Password set. Your other sessions were signed out.', true);
  } catch (err) {
    say('password-result', err.message, false);
  }
});

start();
