// The operator's desktop: state, incoming offers, the contacts in hand with the subscriber card, code-word check,
// disposition and transfer. Everything it shows comes from the API; the event stream says when to look again.
import { api, requireSession, signOut } from '/assets/api.js';
import { connectEvents, bannerFor } from '/assets/events.js';
import { duration, secondsSince, money, el, when, fillRows, shownStatus } from '/assets/format.js';

const $ = (id) => document.getElementById(id);
const session = await requireSession(['agent']);
const me = session.agentId;
const AGENT = `/api/v1/agents/${encodeURIComponent(me)}`;

let agent = null;
let offer = null; // the offer shown: { id, deadlineMs, totalMs, details }
const nextOffers = []; // offers that came while another was shown (texts, up to the capacity), shown in turn
/** Colleagues' names by id, as the directory last said. */
let names = new Map();
const contacts = new Map(); // id -> { details, subscriber, verified, wrapUpEndsAtMs, messages, unread, held, muted }
const VOICE = new Set(['voice', 'callback']);
let selected = null;
let queues = [];
let catalogue = { tariffs: [], services: [] };
let audio = null;
let reasons = { notReady: [], dispositions: [] };

$('who').textContent = `${session.name} (operator)`;
$('sign-out').addEventListener('click', () => signOut());
$('ready').addEventListener('click', () => changeState({ state: 'READY' }));
$('not-ready').addEventListener('click', () => changeState({ state: 'NOT_READY', reason: $('reason').value }));
$('log-out').addEventListener('click', () => changeState({ state: 'LOGGED_OUT' }));
$('accept').addEventListener('click', () => answerOffer('accept'));
$('reject').addEventListener('click', () => answerOffer('reject'));
document.addEventListener('click', () => { audio = audio || new AudioContext(); }, { once: true });
document.addEventListener('keydown', () => { audio = audio || new AudioContext(); }, { once: true });

async function changeState(body) {
  $('presence-error').textContent = '';
  try {
    await api.put(`${AGENT}/state`, body);
    await loadAgent();
  } catch (e) {
    $('presence-error').textContent = e.message;
    if (body.state === 'NOT_READY') await loadReasons().catch(() => {}); // the list may have changed since the load
  }
}

/** The reason lists the administrator keeps, read anew (the not-ready choice stays if it is still offered). */
async function loadReasons() {
  reasons = await api.get('/api/v1/reason-codes');
  fillReasons($('reason'), reasons.notReady);
}

async function loadAgent() {
  agent = await api.get(AGENT);
  showStatus();
}

/** The state as the operator thinks of it (READY with a contact in hand is "on contact"), and what can change it. */
function showStatus() {
  if (!agent) return;
  const shown = shownStatus(agent.status, Object.values(agent.load).reduce((a, n) => a + n, 0));
  $('status').textContent = shown.replace('_', ' ');
  $('status').className = `badge ${shown}`;
  $('status-reason').textContent = agent.reason ? `(${agent.reason})` : '';
  $('log-out').disabled = agent.status === 'LOGGED_OUT';
  $('ready').disabled = agent.status === 'READY';
  $('idle').textContent = agent.status === 'READY' ? 'Ready: the next contact will show here.'
    : agent.status === 'LOGGED_OUT' ? 'Logged out of the queues. Go Ready to receive contacts.'
      : agent.reason === 'no answer'
        ? 'The last offer was not answered in time: it went back to its queue for the next operator, and you are '
          + 'Not ready. Go Ready to receive contacts again.'
        : 'No contact right now. Go Ready to receive one.';
  showStatusTime();
}

/** Time in state for the states of a shift; logged out since yesterday's sign-off is no figure to show. */
function showStatusTime() {
  if (!agent) return;
  $('status-time').textContent = agent.status === 'LOGGED_OUT' || agent.statusSince == null ? '' : duration(secondsSince(agent.statusSince));
}

function tick() {
  showStatusTime();
  if (offer) {
    const leftMs = Math.max(0, offer.deadlineMs - Date.now());
    $('offer-left').textContent = Math.ceil(leftMs / 1000);
    $('offer-bar').style.width = `${(100 * leftMs) / offer.totalMs}%`;
  }
  for (const [id, contact] of contacts) {
    const view = id === selected ? $('contact').firstElementChild : null;
    if (!view) continue;
    field(view, 'elapsed').textContent = duration(secondsSince(contact.details.createdAt));
    if (contact.wrapUpEndsAtMs) {
      const left = Math.max(0, Math.ceil((contact.wrapUpEndsAtMs - Date.now()) / 1000));
      field(view, 'wrap-up').textContent = `After-call work: ${left} s left`;
    }
  }
}

/** The notice that a colleague is consulting this operator about a call ({@code by} null: none). */
function showConsulted(by) {
  $('consulted').textContent = by ? `${names.get(by) || by} is consulting you about a call: answer your phone.` : '';
  $('consulted').classList.toggle('hidden', !by);
}

async function resync() {
  await loadAgent();
  showConsulted(agent.consultedOn ? agent.consultedBy || 'A colleague' : null); // also after a reload
  queues = await api.get('/api/v1/queues'); // every resync: names shown and transfer targets may have changed
  catalogue = await api.get('/api/v1/catalogue'); // every resync: the administrator may have changed them meanwhile
  await loadReasons();
  const live = new Set(agent.contacts);
  for (const id of [...contacts.keys()]) if (!live.has(id)) contacts.delete(id);
  for (const waiting of [...nextOffers]) if (!live.has(waiting.id)) forgetOffer(waiting.id);
  if (offer && !live.has(offer.id)) hideOffer();
  for (const id of live) await loadContact(id);
  render();
  loadToday();
}

async function loadContact(id, event) {
  const details = await api.get(`/api/v1/contacts/${id}`);
  if (details.state === 'OFFERED') {
    const offered = event || [...details.timeline].reverse().find((e) => e.type === 'ContactOffered');
    if (offered) showOffer(details, offered);
    return;
  }
  const known = contacts.get(id) || {
    subscriber: undefined, verified: verifiedIn(details), wrapUpEndsAtMs: null, messages: null, unread: 0, ...callState(details),
  };
  known.details = details;
  if (known.messages === null && !VOICE.has(details.channel)) known.messages = await loadMessages(id);
  if (details.channel === 'email') known.attachments = await loadAttachments(id);
  if (details.state === 'WRAP_UP' && !known.wrapUpEndsAtMs) {
    const started = [...details.timeline].reverse().find((e) => e.type === 'ContactWrapUpStarted');
    known.wrapUpEndsAtMs = started ? started.endsAtMs : null;
  }
  if (!known.view) known.view = viewOf(id, known);
  contacts.set(id, known);
  if (known.subscriber === undefined) {
    known.subscriber = await loadSubscriber(details);
    known.history = known.subscriber ? await loadHistory(known.subscriber.msisdn, id) : [];
  }
  if (!selected || !contacts.has(selected)) selected = id;
}

/** The last code-word check recorded against the contact (true, false), or null when none was (a reload keeps it). */
function verifiedIn(details) {
  const check = details.timeline.filter((e) => e.type === 'CodeWordChecked').pop();
  return check ? check.verified : null;
}

/** Whether the call is on hold, muted or in a consultation now, as the timeline's last such events say. */
function callState(details) {
  const controls = details.timeline.filter((e) => e.type === 'CallControlled').map((e) => e.control);
  const last = (a, b) => controls.filter((c) => c === a || c === b).pop();
  const consultation = details.timeline
    .filter((e) => e.type === 'ConsultationStarted' || e.type === 'ConsultationEnded').pop();
  return {
    held: last('HOLD', 'RESUME') === 'HOLD',
    muted: last('MUTE', 'UNMUTE') === 'MUTE',
    consulting: consultation && consultation.type === 'ConsultationStarted' ? consultation.colleagueId : null,
  };
}

/** The files that came with an e-mail, oldest first (none when they cannot be read now). */
async function loadAttachments(id) {
  try {
    return (await api.get(`/api/v1/contacts/${id}/attachments`)).attachments;
  } catch (e) {
    return [];
  }
}

/** The conversation of a text contact, oldest first. */
async function loadMessages(id) {
  try {
    return (await api.get(`/api/v1/contacts/${id}/messages`)).messages;
  } catch (e) {
    return [];
  }
}

async function loadSubscriber(details) {
  const msisdn = details.subscriberId || (/^\+?\d{3,20}$/.test(details.from) ? details.from : null);
  if (!msisdn) return null;
  try {
    return await api.get(`/api/v1/subscribers/${encodeURIComponent(msisdn)}`);
  } catch (e) {
    return null;
  }
}

/** The subscriber's other contacts, newest first (this one left out). */
async function loadHistory(msisdn, currentId) {
  try {
    const answer = await api.get(`/api/v1/subscribers/${encodeURIComponent(msisdn)}/contacts?limit=6`);
    return answer.contacts.filter((c) => c.id !== currentId).slice(0, 5);
  } catch (e) {
    return [];
  }
}

function showOffer(details, offered) {
  const deadlineMs = offered.deadlineMs;
  const next = { id: details.id, deadlineMs, totalMs: Math.max(1000, deadlineMs - offered.atMs), details };
  if (offer && offer.id !== next.id) {
    if (!nextOffers.some((o) => o.id === next.id)) nextOffers.push(next);
    showOfferCount();
    ring();
    return;
  }
  display(next);
}

/** A queue's name as the administrator gave it (its id until the queues are loaded, or for one removed since). */
function queueName(id) {
  const queue = queues.find((q) => q.id === id);
  return queue && queue.name ? queue.name : id;
}

/** Shows {@code next} as the offer to answer now. */
function display(next) {
  offer = next;
  const details = next.details;
  showOfferCount();
  const attributes = details.attributes || {};
  const topic = attributes.topic;
  const portal = attributes.requestedBy === 'portal' ? ' · asked in the portal' : '';
  const sender = attributes.name ? `${attributes.name} <${details.from}>` : details.from;
  const subject = attributes.subject ? ` · “${attributes.subject}”` : '';
  const followUp = details.parentId ? ' · follows up a closed contact' : '';
  $('offer-what').textContent = `${details.channel === 'email' ? 'e-mail' : details.channel} from ${sender}`
    + ` · queue ${queueName(details.queue)}${topic ? ` · topic ${topic}` : ''}${portal}${subject}${followUp}`;
  // the newest message: a contact that follows up a closed one carries the earlier thread before it
  const latest = [...details.timeline].reverse().find((e) => e.type === 'MessageReceived');
  if (latest) $('offer-what').textContent += ` · ${latest.text.slice(0, 140)}${latest.text.length > 140 ? '…' : ''}`;
  $('offer-error').textContent = '';
  $('offer').classList.remove('hidden');
  $('accept').focus();
  ring();
  tick();
}

function hideOffer() {
  offer = null;
  $('offer').classList.add('hidden');
  while (nextOffers.length > 0) {
    const next = nextOffers.shift();
    if (next.deadlineMs > Date.now()) {
      display(next);
      return;
    }
  }
  render(); // nothing on the desk any more: the idle note says what to do (an offer not answered left it blank)
}

/** The offer of {@code id} is no longer to answer (taken, taken back, ended). */
function forgetOffer(id) {
  const at = nextOffers.findIndex((o) => o.id === id);
  if (at >= 0) nextOffers.splice(at, 1);
  if (offer && offer.id === id) hideOffer();
  else showOfferCount();
}

function showOfferCount() {
  $('offer-title').textContent = nextOffers.length > 0
    ? `Incoming contact (${nextOffers.length} more after this one)` : 'Incoming contact';
}

function ring() {
  if (!audio) return; // the browser lets a page sound only after the operator touched it
  const tone = audio.createOscillator();
  const gain = audio.createGain();
  tone.frequency.value = 660;
  gain.gain.value = 0.15;
  tone.connect(gain).connect(audio.destination);
  tone.start();
  tone.stop(audio.currentTime + 0.35);
}

async function answerOffer(action) {
  if (!offer) return;
  const id = offer.id;
  try {
    await api.post(`/api/v1/contacts/${id}/${action}`);
    forgetOffer(id); // the event may have come first and shown the next offer already
    if (action === 'accept') {
      selected = id;
      await loadContact(id);
    }
    await loadAgent();
    render();
  } catch (e) {
    $('offer-error').textContent = e.message;
    if (e.status === 409) setTimeout(() => forgetOffer(id), 3000);
  }
}

/** The active entries of a reason list as the options of {@code select}, in the list's order. */
/** The list's active entries; with {@code placeholder}, an empty first choice (nothing chosen yet). */
function fillReasons(select, list, placeholder) {
  const kept = select.value;
  const options = list.filter((r) => r.active).map((r) => {
    const option = el('option', r.name.charAt(0).toUpperCase() + r.name.slice(1));
    option.value = r.name;
    return option;
  });
  if (placeholder && options.length > 0) {
    const none = el('option', placeholder);
    none.value = '';
    options.unshift(none);
  }
  select.replaceChildren(...options);
  if (kept) select.value = kept;
}

function field(view, name) {
  return view.querySelector(`[data-field="${name}"]`);
}

function render() {
  const ids = [...contacts.keys()];
  $('work').classList.toggle('hidden', ids.length === 0);
  $('idle').classList.toggle('hidden', ids.length > 0 || offer !== null);
  $('tabs').replaceChildren(...ids.map((id) => {
    const known = contacts.get(id);
    const c = known.details;
    const tab = el('button', `${c.channel} · ${c.from}`);
    if (known.unread > 0 && id !== selected) {
      tab.append(el('span', known.unread, 'unread'));
      tab.setAttribute('aria-label', `${c.channel} from ${c.from}, ${known.unread} new`);
    }
    tab.type = 'button';
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-selected', String(id === selected));
    tab.addEventListener('click', () => { selected = id; known.unread = 0; render(); });
    return tab;
  }));
  const contact = contacts.get(selected);
  if (contact) {
    update(contact);
    // the same element each time: what the operator is typing stays
    if ($('contact').firstElementChild !== contact.view) $('contact').replaceChildren(contact.view);
  } else {
    $('contact').replaceChildren();
  }
  showInsertable();
  tick();
}

/** The contact's view, made once: events update its fields, never replace it. */
function viewOf(id, contact) {
  const view = $('contact-template').content.firstElementChild.cloneNode(true);
  view.querySelector('[data-form="verify"]').addEventListener('submit', (e) => verify(e, id));
  view.querySelector('[data-form="complete"]').addEventListener('submit', (e) => complete(e, id));
  view.querySelector('[data-form="transfer"]').addEventListener('submit', (e) => transfer(e, id));
  view.querySelector('[data-form="tariff"]').addEventListener('submit', (e) => changeTariff(e, id));
  view.querySelector('[data-form="note"]').addEventListener('submit', (e) => note(e, id));
  // next to Hold and Mute, where the operator's eyes are during a call: the Finish form's own press (its disposition,
  // its guard against a double click)
  view.querySelector('[data-action="hang-up"]').addEventListener('click',
    () => view.querySelector('[data-form="complete"]').requestSubmit());
  view.querySelector('[data-action="hold"]').addEventListener('click', () => {
    const c = contacts.get(id);
    controlCall(id, c.held ? 'resume' : 'hold');
  });
  view.querySelector('[data-action="mute"]').addEventListener('click', () => {
    const c = contacts.get(id);
    controlCall(id, c.muted ? 'unmute' : 'mute');
  });
  const consultWith = view.querySelector('select[name="consult-agent"]');
  consultWith.addEventListener('focus', () => listColleagues(consultWith, 'voice', false, true));
  if (VOICE.has(contact.details.channel)) listColleagues(consultWith, 'voice', false, true);
  view.querySelector('[data-action="consult"]').addEventListener('click', () => consult(id, consultWith.value));
  view.querySelector('[data-action="cancel-consult"]').addEventListener('click', () => endConsultation(id));
  view.querySelector('[data-action="complete-consult"]').addEventListener('click', () => completeConsultation(id));
  view.querySelector('[data-form="arrange-callback"]').addEventListener('submit', (e) => arrangeCallback(e, id));
  // a number to call back: the contact's own when it came from one (not an e-mail address), else the subscriber's
  const from = contact.details.from || '';
  view.querySelector('[data-form="arrange-callback"] input[name="number"]').value = /^\+?\d[\d\s()-]{4,}$/.test(from) ? from : '';
  const reply = view.querySelector('[data-form="reply"]');
  reply.addEventListener('submit', (e) => answer(e, id));
  reply.text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) reply.requestSubmit();
  });
  // no outcome chosen for the operator: the list's first ("Resolved") was given to contacts nobody judged
  fillReasons(view.querySelector('[data-field="dispositions"]'), reasons.dispositions, 'Choose the outcome…');
  const transferTo = view.querySelector('[data-form="transfer"] select[name="queue"]');
  const own = contact.details.queue;
  transferTo.replaceChildren(...queues.filter((q) => q.id !== own).concat(queues.filter((q) => q.id === own)).map((q) => {
    const option = el('option', q.id === own ? `${q.name || q.id} (this queue)` : q.name || q.id);
    option.value = q.id;
    return option;
  }));
  const colleague = view.querySelector('[data-form="transfer"] select[name="agent"]');
  colleague.addEventListener('focus', () => listColleagues(colleague, contact.details.channel));
  colleague.addEventListener('change', () => { if (colleague.value) transferTo.value = own; });
  listColleagues(colleague, contact.details.channel);
  return view;
}

/**
 * Whom a contact of {@code channel} can be handed to: colleagues able to take it now first, the others greyed out;
 * with {@code anyone}, the queue itself first.
 */
async function listColleagues(select, channel, anyone = true, queuesToo = false) {
  const kind = channel === 'email' ? 'email' : VOICE.has(channel) ? 'voice' : 'text';
  try {
    const colleagues = await api.get('/api/v1/colleagues');
    const chosen = select.value;
    const free = colleagues.filter((c) => c.canTake.includes(kind));
    const busy = colleagues.filter((c) => !c.canTake.includes(kind) && c.status !== 'LOGGED_OUT');
    const queue = el('option', 'anyone in the queue');
    queue.value = '';
    names = new Map(colleagues.map((c) => [c.id, c.name]));
    const inQueues = queuesToo ? queues.map((q) => {
      const option = el('option', `anyone free in ${q.name || q.id}`);
      option.value = `queue:${q.id}`;
      return option;
    }) : [];
    select.replaceChildren(...(anyone ? [queue] : []), ...free.concat(busy).map((c) => {
      const state = c.canTake.includes(kind) ? 'free' : c.status === 'READY' ? 'busy' : c.status.replace('_', ' ').toLowerCase();
      const option = el('option', `${c.name} (${state})`);
      option.value = c.id;
      option.disabled = !c.canTake.includes(kind);
      return option;
    }), ...inQueues);
    if (free.some((c) => c.id === chosen) || inQueues.some((o) => o.value === chosen)) select.value = chosen;
  } catch (failure) {
    // the directory is a convenience: a transfer to a queue still works without it
  }
}

function update(contact) {
  const view = contact.view;
  const d = contact.details;
  field(view, 'state').textContent = d.state.replace('_', ' ');
  field(view, 'state').className = `badge ${d.state}`;
  field(view, 'channel').textContent = d.channel;
  field(view, 'from').textContent = d.from;
  field(view, 'queue').textContent = queueName(d.queue);
  showThread(view, contact);
  showCall(view, contact);
  showSubscriber(view, contact.subscriber, d);
  showHistory(view, contact.history || []);
  showVerification(view, contact.verified, contact.verifyRefusal);
  showAccount(view, contact);
  const finish = field(view, 'complete-button');
  finish.textContent = d.state === 'WRAP_UP' ? 'Complete' : VOICE.has(d.channel) ? 'Hang up' : 'End conversation';
  // on a live call Hang up sits beside Hold and Mute (it presses this form): one Hang up on the card, not two
  finish.classList.toggle('hidden', VOICE.has(d.channel) && d.state === 'CONNECTED');
  // hanging up never waits for the outcome; completing the wrap-up does, unless one was given: the outcome is the
  // operator's choice, never the list's first entry by default
  const outcome = field(view, 'dispositions');
  if (d.disposition && !outcome.value) outcome.value = d.disposition;
  outcome.required = d.state === 'WRAP_UP' && !d.disposition && outcome.options.length > 1;
}

/** The messages, oldest first; the newest stays in sight unless the operator scrolled up to read. */
function showThread(view, contact) {
  field(view, 'thread').classList.toggle('hidden', contact.messages === null);
  if (contact.messages === null) return;
  const list = field(view, 'messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const mail = contact.details.channel === 'email';
  // the mail gateway took it in (it names the mailbox), so it sends the answers and says when each is out
  const sentByGateway = mail && Boolean((contact.details.attributes || {}).mailbox);
  const files = mail ? contact.attachments || [] : [];
  list.replaceChildren(...contact.messages.map((m) => {
    const split = mail && m.direction === 'in' ? splitQuote(m.text) : null;
    const item = el('li', split ? split.own : m.text, m.direction);
    item.prepend(el('small', `${m.direction === 'in' ? m.author : `${m.author} →`} · ${when(m.at)}${delivery(m, sentByGateway)}`));
    if (split) {
      const fold = el('details', '', 'quoted');
      fold.append(el('summary', 'Quoted earlier messages'), el('div', split.quoted));
      item.append(fold);
    }
    const own = files.filter((f) => f.messageId === m.id);
    if (own.length) item.append(attachmentList(own));
    return item;
  }));
  if (atBottom) list.scrollTop = list.scrollHeight;
  showMail(view, contact);
}

/**
 * An e-mail's own words and what it quotes below them (a reply carries the whole thread again), or null when it quotes
 * nothing after words of its own. The quote begins at the first line quoted with '>', an "-----Original Message-----"
 * line, or an attribution line ("On … wrote:", "… пишет:") followed by a quoted or empty line.
 */
function splitQuote(text) {
  const lines = text.split('\n');
  const at = lines.findIndex((line, i) => /^\s*>/.test(line)
    || /^-{2,}\s*(Original Message|Исходное сообщение)\s*-{2,}/i.test(line)
    || (/(wrote|писал\(а\)|написал\(а\)|написала?|пишет):\s*$/i.test(line) && /^\s*(>|$)/.test(lines[i + 1] ?? '>')));
  if (at <= 0 || lines.slice(0, at).every((line) => !line.trim())) return null;
  return { own: lines.slice(0, at).join('\n').trimEnd(), quoted: lines.slice(at).join('\n') };
}

/**
 * An e-mail's subject, and below the thread the attachments of no message shown in it (each message lists its own
 * under its text, showThread).
 */
function showMail(view, contact) {
  const subject = (contact.details.attributes || {}).subject;
  field(view, 'subject').classList.toggle('hidden', !subject);
  field(view, 'subject').textContent = subject ? `Subject: ${subject}` : '';
  const shown = new Set((contact.messages || []).map((m) => m.id));
  const files = (contact.attachments || []).filter((f) => !shown.has(f.messageId));
  const list = field(view, 'attachments');
  list.classList.toggle('hidden', files.length === 0);
  list.replaceChildren(...attachmentItems(files));
}

/** Attachments as a list of downloads (always saved as a file, never shown in the page). */
function attachmentList(files) {
  const list = el('ul', '', 'attachments');
  list.setAttribute('aria-label', 'Attachments');
  list.append(...attachmentItems(files));
  return list;
}

function attachmentItems(files) {
  return files.map((f) => {
    const link = el('a', f.name);
    link.href = f.download;
    link.download = f.name;
    const item = el('li');
    item.append('📎 ', link, el('small', ` ${size(f.bytes)}, ${f.contentType}`));
    return item;
  });
}

function size(bytes) {
  return bytes < 1024 ? `${bytes} B` : bytes < 1 << 20 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / (1 << 20)).toFixed(1)} MB`;
}

/** Hold, mute and consultation for a connected call; their state as the last such events said. */
function showCall(view, contact) {
  const live = VOICE.has(contact.details.channel) && contact.details.state === 'CONNECTED';
  field(view, 'call').classList.toggle('hidden', !live);
  if (!live) return;
  const hold = view.querySelector('[data-action="hold"]');
  const mute = view.querySelector('[data-action="mute"]');
  const consulting = contact.consulting;
  hold.textContent = contact.held ? 'Resume' : 'Hold';
  hold.setAttribute('aria-pressed', String(contact.held));
  hold.disabled = !!consulting;
  mute.textContent = contact.muted ? 'Unmute' : 'Mute';
  mute.setAttribute('aria-pressed', String(contact.muted));
  field(view, 'consult').classList.toggle('hidden', !!consulting);
  field(view, 'consulting').classList.toggle('hidden', !consulting);
  const colleague = consulting ? names.get(consulting) || consulting : '';
  view.querySelector('[data-action="complete-consult"]').textContent = `Transfer to ${colleague}`;
  field(view, 'call-state').textContent = consulting
    ? `Consulting ${colleague}: the caller hears music until you transfer or go back.`
    : contact.held ? 'On hold: the caller hears music.'
      : contact.muted ? 'Muted: the caller does not hear you.' : '';
}

/** Asks a colleague first: the caller is held and the colleague's phone rings. */
async function consult(id, colleague) {
  const contact = contacts.get(id);
  field(contact.view, 'error').textContent = '';
  if (!colleague) {
    field(contact.view, 'error').textContent = 'Choose the colleague to consult.';
    return;
  }
  const seen = contact.consultationEvents || 0;
  try {
    const inQueue = colleague.startsWith('queue:');
    await api.post(`/api/v1/contacts/${id}/consult`, inQueue ? { queue: colleague.slice(6) } : { agent: colleague });
    // the events may have come first (a phone that cannot be rung ends it at once): then they tell the state; for a
    // queue only the event names the colleague
    if (!inQueue && (contact.consultationEvents || 0) === seen) contact.consulting = colleague;
    update(contact);
  } catch (failure) {
    field(contact.view, 'error').textContent = failure.message;
  }
}

/** Back to the caller: the colleague's phone is let go and the caller is off hold. */
async function endConsultation(id) {
  const contact = contacts.get(id);
  field(contact.view, 'error').textContent = '';
  try {
    await api.post(`/api/v1/contacts/${id}/end-consultation`, {});
    contact.consulting = null;
    contact.held = false;
    update(contact);
  } catch (failure) {
    field(contact.view, 'error').textContent = failure.message;
  }
}

/** Hands the call to the consulted colleague, whose phone already carries it. */
async function completeConsultation(id) {
  const contact = contacts.get(id);
  field(contact.view, 'error').textContent = '';
  try {
    await api.post(`/api/v1/contacts/${id}/transfer`, { agent: contact.consulting });
    contacts.delete(id);
    selected = contacts.keys().next().value || null;
    render();
    loadAgent();
  } catch (failure) {
    field(contact.view, 'error').textContent = failure.message;
  }
}

async function controlCall(id, control) {
  const contact = contacts.get(id);
  field(contact.view, 'error').textContent = '';
  try {
    await api.post(`/api/v1/contacts/${id}/call`, { control });
    contact.held = control === 'hold' ? true : control === 'resume' ? false : contact.held;
    contact.muted = control === 'mute' ? true : control === 'unmute' ? false : contact.muted;
    update(contact);
  } catch (failure) {
    field(contact.view, 'error').textContent = failure.message;
  }
}

async function arrangeCallback(e, id) {
  e.preventDefault();
  const contact = contacts.get(id);
  field(contact.view, 'error').textContent = '';
  const form = e.target;
  const at = new Date(form.at.value);
  if (Number.isNaN(at.getTime())) return;
  try {
    await api.post(`/api/v1/contacts/${id}/arrange-callback`, { at: at.toISOString(), number: form.number.value.trim() || null });
    field(contact.view, 'callback-result').className = 'ok';
    field(contact.view, 'callback-result').textContent = `Callback arranged for ${at.toLocaleString()}.`;
    form.at.value = '';
    if (contact.subscriber) contact.history = await loadHistory(contact.subscriber.msisdn, id);
    update(contact);
  } catch (failure) {
    field(contact.view, 'error').textContent = failure.message;
  }
}

/** Adds a message the event stream or an answer brought, once (both may bring the same). */
/** Where an answer stands, as its channel reported: sent, delivered, or why it was not. */
/** How far an answer got; one a gateway sends and has not reported yet is not out (e.g. the SMTP server is down). */
function delivery(m, sentByGateway) {
  if (m.direction === 'out' && !m.status && sentByGateway) return ' · not sent yet';
  if (m.status === 'SUBMITTED') return ' · sent';
  if (m.status === 'DELIVERED') return ' · delivered';
  if (m.status === 'FAILED') return ` · not delivered${m.statusDetail ? `: ${m.statusDetail}` : ''}`;
  return '';
}

function addMessage(contact, message) {
  if (!contact.messages || contact.messages.some((m) => m.id === message.id)) return false;
  contact.messages.push(message);
  return true;
}

async function answer(e, id) {
  e.preventDefault();
  const contact = contacts.get(id);
  const form = e.target;
  const text = form.text.value;
  if (!text.trim()) return;
  const status = field(contact.view, 'reply-status');
  try {
    const sent = await api.post(`/api/v1/contacts/${id}/messages`, { text });
    addMessage(contact, { id: sent.id, direction: 'out', text: sent.text, author: me, at: new Date().toISOString() });
    form.text.value = '';
    status.textContent = 'Queued for delivery: its status shows beside it.';
    update(contact);
  } catch (failure) {
    status.textContent = '';
    field(contact.view, 'error').textContent = failure.message;
  }
}

function showSubscriber(view, s, details) {
  // undefined while the card loads, null once it is known there is none
  field(view, 'unknown-subscriber').textContent = s === null ? `No subscriber is registered for ${details.from}.` : '';
  if (!s) return;
  const callbackNumber = view.querySelector('[data-form="arrange-callback"] input[name="number"]');
  if (!callbackNumber.value) callbackNumber.value = s.msisdn;
  field(view, 'name').textContent = s.name;
  field(view, 'msisdn').textContent = s.msisdn;
  field(view, 'tariff').textContent = s.tariff;
  field(view, 'balance').textContent = money(s.balanceMinor, s.currency);
  field(view, 'services').textContent = s.services.length ? s.services.join(', ') : 'none';
  field(view, 'language').textContent = s.language;
}

function showHistory(view, history) {
  const body = field(view, 'history');
  if (history.length === 0) {
    body.replaceChildren(row(['No earlier contacts.']));
    return;
  }
  fillRows(body, history, (c) => [
    when(c.createdAt),
    c.channel,
    queueName(c.queue),
    c.state === 'SCHEDULED' ? `callback due ${when(c.dueAt)}` : outcome(c),
    c.agent || '–',
  ]);
}

function outcome(c) {
  const text = c.disposition || c.reason || '';
  return text ? `${c.state.toLowerCase()}: ${text}` : c.state.toLowerCase();
}

function row(cells) {
  const tr = document.createElement('tr');
  const td = el('td', cells[0], 'muted');
  td.colSpan = 5;
  tr.append(td);
  return tr;
}

/** The code-word panel's line: verified, wrong, why no check was made (a lock), or not yet. */
function showVerification(view, verified, refusal) {
  const line = field(view, 'verified');
  line.className = verified === true ? 'ok' : verified === false || refusal ? 'error' : 'muted';
  line.textContent = verified === true ? 'Code word verified for this contact.'
    : refusal ? `No check made: ${refusal}` : verified === false ? 'Wrong code word.' : 'Not verified yet.';
}

/** Tariff and services: open once the code word is verified for this contact (the server checks it again). */
function showAccount(view, contact) {
  const s = contact.subscriber;
  field(view, 'account').disabled = !(s && contact.verified === true);
  field(view, 'account-note').textContent = !s ? 'No account to change.'
    : contact.verified === true ? `Changes are made for this contact and audited.`
      : 'Verify the code word to change the account.';
  if (!s) return;
  const select = view.querySelector('[data-form="tariff"] select');
  if (select.options.length === 0) {
    select.replaceChildren(...catalogue.tariffs.map((t) => {
      // the current tariff has no fee to change to it; another's fee says it is for the change
      const fee = t.changeFeeMinor && t.name !== s.tariff ? ` (+${money(t.changeFeeMinor, t.currency)} to change)` : '';
      const option = el('option', `${t.name} · ${money(t.monthlyFeeMinor, t.currency)}/mo${fee}`);
      option.title = option.textContent; // the whole line, where a narrow select cuts it
      option.value = t.name;
      return option;
    }));
    select.addEventListener('change', () => showTariffTerms(view, contact, select.value));
  }
  if (document.activeElement !== select) select.value = s.tariff;
  const tariff = catalogue.tariffs.find((t) => t.name === s.tariff);
  const allowed = (name) => !tariff || !tariff.services || tariff.services.includes(name);
  field(view, 'service-list').replaceChildren(...catalogue.services.map((service) => {
    const on = s.services.includes(service.name);
    if (!on && !allowed(service.name)) {
      const item = document.createElement('li');
      item.append(el('span', `${service.name} (not on ${s.tariff})`, 'muted unavailable'));
      return item;
    }
    const item = document.createElement('li');
    const toggle = el('button', on ? 'Disconnect' : 'Connect');
    toggle.type = 'button';
    toggle.dataset.service = service.name;
    toggle.setAttribute('aria-label', `${on ? 'Disconnect' : 'Connect'} ${service.name}`);
    toggle.addEventListener('click', () => setService(view, contact, service.name, !on));
    item.append(el('span', `${service.name}${on ? ' (connected)' : ''}`), toggle);
    return item;
  }));
}

/** What moving to {@code name} costs and disconnects, said before the operator confirms. */
function showTariffTerms(view, contact, name) {
  const s = contact.subscriber;
  const t = catalogue.tariffs.find((x) => x.name === name);
  const result = field(view, 'account-result');
  result.className = 'muted';
  if (!s || !t || name === s.tariff) {
    result.textContent = '';
    return;
  }
  const dropped = t.services ? s.services.filter((x) => !t.services.includes(x)) : [];
  result.textContent = `Moving to ${t.name}: ${t.changeFeeMinor ? `${money(t.changeFeeMinor, t.currency)} from the balance`
    : 'no fee'}${dropped.length ? `; disconnects ${dropped.join(', ')}` : ''}.`;
}

async function changeTariff(e, id) {
  e.preventDefault();
  const contact = contacts.get(id);
  await accountChange(contact.view, contact, `/tariff`, { tariff: e.target.tariff.value, contactId: id },
    (s) => `Tariff changed to ${s.tariff}.`);
}

async function setService(view, contact, service, connected) {
  await accountChange(view, contact, '/services', { service, connected, contactId: contact.details.id },
    () => `${service} ${connected ? 'connected' : 'disconnected'}.`);
}

async function accountChange(view, contact, path, body, said) {
  const result = field(view, 'account-result');
  try {
    contact.subscriber = await api.post(
      `/api/v1/subscribers/${encodeURIComponent(contact.subscriber.msisdn)}${path}`, body);
    result.className = 'ok';
    result.textContent = said(contact.subscriber);
  } catch (failure) {
    result.className = 'error';
    result.textContent = failure.message;
  }
  update(contact);
}

async function note(e, id) {
  e.preventDefault();
  const view = e.target.closest('article');
  field(view, 'error').textContent = '';
  const text = e.target.text.value.trim();
  if (!text) return;
  try {
    await api.post(`/api/v1/contacts/${id}/notes`, { text });
    e.target.text.value = '';
    field(view, 'note-result').className = 'ok';
    field(view, 'note-result').textContent = 'Note added to the contact.';
  } catch (failure) {
    field(view, 'note-result').className = 'error';
    field(view, 'note-result').textContent = failure.message;
  }
}

async function verify(e, id) {
  e.preventDefault();
  const contact = contacts.get(id);
  const view = e.target.closest('article');
  if (!contact.subscriber) { // said under the Check button, where the operator looks
    contact.verifyRefusal = 'this caller is not a known subscriber: there is no code word to check';
    update(contact);
    return;
  }
  const codeWord = e.target.codeWord.value;
  try {
    const answer = await api.post(
      `/api/v1/subscribers/${encodeURIComponent(contact.subscriber.msisdn)}/verify-code-word`,
      { codeWord, contactId: id });
    // a right word counts only once it is recorded against this contact (the contact may have just ended)
    contact.verified = answer.verified && answer.recorded;
    contact.verifyRefusal = null;
    field(view, 'error').textContent = answer.verified && !answer.recorded
      ? 'The word is right, but the contact ended before it could be recorded.' : '';
  } catch (failure) {
    contact.verifyRefusal = failure.message; // e.g. too many wrong words for this line: said where the operator looks
  }
  e.target.codeWord.value = '';
  update(contact);
}

/**
 * Contacts whose Hang up / Complete is in flight or just done, with when the button takes a press again: a double
 * click on Hang up must not also complete the after-call work that its first click started (the same button).
 */
const finishing = new Map();
const PRESS_AGAIN_AFTER_MS = 800;

async function complete(e, id) {
  e.preventDefault();
  if ((finishing.get(id) ?? 0) > Date.now()) return; // the second click of a double click, or a press in flight
  const view = e.target.closest('article');
  field(view, 'error').textContent = '';
  const contact = contacts.get(id);
  const last = contact && contact.messages && contact.messages[contact.messages.length - 1];
  if (last && last.direction === 'in' && contact.details.state !== 'WRAP_UP'
      && !window.confirm('The subscriber\'s last message has no answer yet. End the conversation anyway?')) return;
  finishing.set(id, Infinity);
  try {
    const answer = await api.post(`/api/v1/contacts/${id}/complete`, { disposition: e.target.disposition.value || null });
    if (answer.state === 'COMPLETED') contacts.delete(id);
    else await loadContact(id);
    if (selected === id && !contacts.has(id)) selected = contacts.keys().next().value || null;
    render();
    loadAgent();
    loadToday();
  } catch (failure) {
    field(view, 'error').textContent = failure.message;
  } finally {
    const now = Date.now();
    for (const [other, until] of finishing) if (until <= now) finishing.delete(other); // a desk open for days
    finishing.set(id, now + PRESS_AGAIN_AFTER_MS);
  }
}

async function transfer(e, id) {
  e.preventDefault();
  const view = e.target.closest('article');
  field(view, 'error').textContent = '';
  try {
    const to = { queue: e.target.queue.value, reason: e.target.reason.value };
    if (e.target.agent.value) to.agent = e.target.agent.value;
    await api.post(`/api/v1/contacts/${id}/transfer`, to);
    contacts.delete(id);
    selected = contacts.keys().next().value || null;
    render();
    loadAgent();
  } catch (failure) {
    field(view, 'error').textContent = failure.message;
  }
}

/** Searches the knowledge base as the operator types; an answer can be put into the selected contact's reply. */
let kbTimer = null;
$('kb-q').addEventListener('input', () => {
  clearTimeout(kbTimer);
  kbTimer = setTimeout(searchKnowledge, 250);
});
$('kb-search').addEventListener('submit', (e) => { e.preventDefault(); searchKnowledge(); });

let kbAsked = 0;

async function searchKnowledge() {
  const q = $('kb-q').value.trim();
  const asked = ++kbAsked;
  try {
    const found = await api.get(`/api/v1/knowledge?limit=10&q=${encodeURIComponent(q)}`);
    if (asked !== kbAsked) return; // a later search is under way: its answer is the one to show
    $('kb-results').replaceChildren(...found.articles.map(knowledgeItem));
    if (found.articles.length === 0) $('kb-results').replaceChildren(el('li', 'Nothing found.', 'muted'));
  } catch (e) {
    $('kb-results').replaceChildren(el('li', e.message, 'error'));
  }
}

function knowledgeItem(article) {
  const item = document.createElement('li');
  const details = document.createElement('details');
  const summary = el('summary', article.title);
  summary.append(el('span', article.kind, 'kind'));
  details.append(summary, el('p', article.body));
  const insert = el('button', 'Insert into answer');
  insert.type = 'button';
  insert.dataset.article = article.id;
  insert.setAttribute('aria-label', `Insert “${article.title}” into the answer`);
  insert.disabled = !textSelected();
  insert.addEventListener('click', () => insertAnswer(article.body));
  item.append(details, insert);
  return item;
}

/** Whether the contact shown is a text conversation, the only kind an answer can be inserted into. */
function textSelected() {
  const contact = contacts.get(selected);
  return !!contact && contact.messages !== null;
}

/** Insert buttons work only while a text contact is shown; for a call the answer is read out. */
function showInsertable() {
  const can = textSelected();
  document.querySelectorAll('[data-article]').forEach((b) => { b.disabled = !can; });
  $('kb-hint').textContent = can ? 'Insert puts an answer into the reply you are writing.'
    : 'Open a text contact to insert an answer into its reply; for a call, read it out.';
}

/** Puts the text at the cursor of the selected contact's reply box (or tells why it cannot). */
function insertAnswer(text) {
  const contact = contacts.get(selected);
  const box = contact && contact.messages !== null ? contact.view.querySelector('[data-form="reply"] textarea') : null;
  if (!box) {
    $('presence-error').textContent = 'Open a text contact to insert an answer; read this one to the caller.';
    return;
  }
  const start = box.selectionStart ?? box.value.length;
  box.setRangeText(text, start, box.selectionEnd ?? start, 'end');
  box.focus();
}

async function loadToday() {
  try {
    const stats = await api.get(`${AGENT}/stats`);
    const today = stats.today;
    $('today-handled').textContent = today ? today.handled : 0;
    $('today-aht').textContent = today && today.ahtSeconds != null ? duration(today.ahtSeconds) : '–';
  } catch (e) {
    $('today-handled').textContent = '–';
  }
  $('today-queues').textContent = agent && agent.queues.length ? agent.queues.map(queueName).join(', ') : '–';
}

async function onEvent(event) {
  switch (event.type) {
    case 'ContactOffered':
      if (event.agentId === me) await loadContact(event.contactId, event);
      break;
    case 'ContactRequeued':
      if (offer && offer.id === event.contactId) {
        $('offer-error').textContent = `The offer was taken back: ${event.reason}.`;
        setTimeout(() => forgetOffer(event.contactId), 2500);
      } else {
        forgetOffer(event.contactId);
      }
      contacts.delete(event.contactId);
      break;
    case 'ContactConnected':
      forgetOffer(event.contactId);
      await loadContact(event.contactId);
      break;
    case 'ContactWrapUpStarted':
      if (contacts.has(event.contactId)) contacts.get(event.contactId).wrapUpEndsAtMs = event.endsAtMs;
      await loadContact(event.contactId);
      break;
    case 'ContactEnded':
      contacts.delete(event.contactId);
      forgetOffer(event.contactId);
      if (selected === event.contactId) selected = contacts.keys().next().value || null;
      loadToday();
      break;
    case 'CallControlled': {
      const contact = contacts.get(event.contactId);
      if (!contact) return;
      if (event.control === 'HOLD' || event.control === 'RESUME') contact.held = event.control === 'HOLD';
      if (event.control === 'MUTE' || event.control === 'UNMUTE') contact.muted = event.control === 'MUTE';
      break;
    }
    case 'ConsultationStarted':
    case 'ConsultationEnded': {
      const started = event.type === 'ConsultationStarted';
      if (event.colleagueId === me) showConsulted(started ? event.agentId : null);
      const contact = contacts.get(event.contactId);
      if (!contact) return;
      contact.consultationEvents = (contact.consultationEvents || 0) + 1;
      contact.consulting = started ? event.colleagueId : null;
      if (!started) contact.held = false;
      if (!started && event.reason !== 'cancelled' && event.reason !== 'completed') {
        field(contact.view, 'error').textContent = `The consultation ended: ${event.reason}. You have the caller back.`;
      }
      break;
    }
    case 'MessageReceived':
    case 'MessageSent': {
      const contact = contacts.get(event.contactId);
      if (!contact) return;
      const inbound = event.type === 'MessageReceived';
      const added = addMessage(contact, {
        id: event.messageId, direction: inbound ? 'in' : 'out', text: event.text,
        author: inbound ? event.from : event.author, at: event.at,
      });
      if (added && inbound && event.contactId !== selected) {
        contact.unread += 1;
        ring();
      }
      if (added && inbound && contact.details.channel === 'email') {
        contact.attachments = await loadAttachments(event.contactId); // saved before the message was recorded
      }
      break;
    }
    case 'MessageStatusChanged': {
      const contact = contacts.get(event.contactId);
      const message = contact && contact.messages && contact.messages.find((m) => m.id === event.messageId);
      if (!message) return;
      message.status = event.status;
      message.statusDetail = event.detail;
      break;
    }
    case 'AgentStatusChanged':
      $('presence-error').textContent = ''; // a refusal before the state changed is no longer news
      await loadAgent();
      return;
    default:
      return;
  }
  render();
}

connectEvents({
  onEvent: (event) => onEvent(event).catch((e) => { $('presence-error').textContent = e.message; }),
  onStatus: bannerFor($('banner')),
  onResync: () => resync().catch((e) => { $('presence-error').textContent = e.message; }),
});
setInterval(tick, 1000);
searchKnowledge();
