// Reports: a queue's or an agent's figures per 15 minutes or per day for a date range, a chart, and CSV export
// (the CSV comes from the same API call, so its numbers are the table's).
import { api, requireSession, signOut } from '/assets/api.js';
import { connectEvents, bannerFor } from '/assets/events.js';
import { el } from '/assets/format.js';

const $ = (id) => document.getElementById(id);
const session = await requireSession(['supervisor', 'admin']);
const SVG = 'http://www.w3.org/2000/svg';

$('who').textContent = `${session.name} (${session.role})`;
$('sign-out').addEventListener('click', () => signOut());
$('report').addEventListener('submit', (e) => { e.preventDefault(); show().catch(showError); });
$('busy-only').addEventListener('change', () => show().catch(showError));

// the dates start empty: the first report is today's in the center's zone (which need not be the browser's), and
// fills them in

const [queues, agents] = await Promise.all([api.get('/api/v1/queues'), api.get('/api/v1/agents')]);
$('subject').replaceChildren(
  group('Queues', queues.map((q) => option(`queues/${q.id}`, q.name || q.id))),
  group('Agents', agents.map((a) => option(`agents/${a.id}`, a.name || a.id))),
);
await show().catch(showError);

function group(label, options) {
  const g = document.createElement('optgroup');
  g.label = label;
  g.append(...options);
  return g;
}

function option(value, text) {
  const o = el('option', text);
  o.value = value;
  return o;
}

function path() {
  const q = new URLSearchParams({ period: $('period').value });
  if ($('from').value) q.set('from', $('from').value);
  if ($('to').value) q.set('to', $('to').value);
  return `/api/v1/reports/${$('subject').value}?${q}`;
}

async function show() {
  const report = await api.get(path());
  $('error').textContent = '';
  $('zone').textContent = `(${report.timeZone})`;
  if (!$('from').value) $('from').value = report.from;
  if (!$('to').value) $('to').value = report.to;
  $('csv').href = `${path()}&format=csv`;
  // periods are named in the center's zone, where they were cut, whatever the browser's zone
  const zone = { timeZone: report.timeZone };
  const label = (r) => (report.period === 'day'
    ? new Date(r.start).toLocaleDateString([], zone)
    : new Date(r.start).toLocaleString([], { ...zone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }));
  const short = (r) => (report.period === 'day'
    ? new Date(r.start).toLocaleDateString([], { ...zone, month: 'short', day: 'numeric' })
    : new Date(r.start).toLocaleTimeString([], { ...zone, hour: '2-digit', minute: '2-digit' }));
  const busy = report.rows.filter((r) => r.offered > 0 || r.answered > 0 || r.abandoned > 0 || r.callbacksRequested > 0);
  const shown = $('busy-only').checked ? busy : report.rows;
  $('rows').replaceChildren(...shown.map((r) => row(label(r), r)));
  if (shown.length === 0) $('rows').replaceChildren(emptyRow(report.rows.length));
  $('hidden-count').textContent = $('busy-only').checked && busy.length < report.rows.length
    ? `${report.rows.length - busy.length} periods without contacts not shown` : '';
  $('total').replaceChildren(row('Total', report.total, 'total'));
  const queue = queues.find((q) => `queues/${q.id}` === $('subject').value);
  chart(report.rows, label, queue ? queue.serviceLevel : null, short);
  await deflection(report.from, report.to);
}

function row(name, r, className) {
  const tr = el('tr', null, className);
  const cells = [name, r.offered, r.answered, r.abandoned, fixed(r.serviceLevelPercent), fixed(r.asaSeconds),
    fixed(r.ahtSeconds), fixed(r.averageWrapUpSeconds), fixed(r.longestWaitSeconds), r.transferred,
    `${r.callbacksRequested} / ${r.callbacksCompleted}`];
  cells.forEach((c, i) => tr.append(el(i === 0 ? 'th' : 'td', c)));
  tr.firstChild.scope = 'row';
  return tr;
}

/** The self-service sessions of the same days: how many were contained and the operator minutes that saved. */
async function deflection(from, to) {
  const path = `/api/v1/reports/self-service?from=${from}&to=${to}`;
  const report = await api.get(path);
  $('deflection-queue').textContent = `${report.queue} (${Math.round(report.ahtSeconds)} s)`;
  $('deflection-csv').href = `${path}&format=csv`;
  const cells = (r, name) => [name || r.day, r.topic, r.sessions, r.subscribers, r.contained,
    r.containedPercent.toFixed(1), r.minutesSaved.toFixed(1), r.final ? 'yes' : 'not yet'];
  $('deflection-rows').replaceChildren(...report.rows.map((r) => tableRow(cells(r))));
  if (report.rows.length === 0) {
    const tr = document.createElement('tr');
    const td = el('td', 'No self-service sessions on these days.', 'muted');
    td.colSpan = 8;
    tr.append(td);
    $('deflection-rows').replaceChildren(tr);
  }
  $('deflection-total').replaceChildren(tableRow(cells(report.total, 'Total'), 'total'));
}

function tableRow(cells, className) {
  const tr = el('tr', null, className);
  cells.forEach((c, i) => tr.append(el(i === 0 ? 'th' : 'td', c)));
  tr.firstChild.scope = 'row';
  return tr;
}

function emptyRow(periods) {
  const tr = document.createElement('tr');
  const td = el('td', `No contacts in these ${periods} periods.`, 'muted');
  td.colSpan = 11;
  tr.append(td);
  return tr;
}

function fixed(value) {
  return value == null ? '–' : Number(value).toFixed(1);
}

/**
 * Bars of offered contacts (left axis) and a line of the service level (right axis, 0–100 %) with the queue's
 * target as a dashed line, the periods named along the bottom; drawn as SVG.
 */
function chart(rows, label, target, short) {
  const width = 1200;
  const height = 260;
  const left = 50;
  const right = 50;
  const top = 20;
  const bottom = 40;
  const plotHeight = height - top - bottom;
  const max = niceMax(Math.max(1, ...rows.map((r) => r.offered)));
  const step = (width - left - right) / Math.max(1, rows.length);
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart' });
  const yOffered = (n) => top + plotHeight - (plotHeight * n) / max;
  const ySl = (p) => top + plotHeight - (plotHeight * p) / 100;
  for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
    const y = top + plotHeight * (1 - fraction);
    svg.append(svgElement('line', { x1: left, x2: width - right, y1: y, y2: y, class: 'grid' }));
    svg.append(svgText(width - right + 6, y + 4, `${Math.round(100 * fraction)}%`, 'axis'));
  }
  const ticks = max <= 2 ? max : 5; // whole numbers of contacts: max is 1, 2 or 5 times a power of ten
  for (let k = 0; k <= ticks; k++) svg.append(svgText(left - 6, yOffered((max * k) / ticks) + 4, String((max * k) / ticks), 'axis end'));
  svg.append(svgText(4, top - 8, 'offered', 'axis'));
  svg.append(svgText(width - 4, top - 8, 'SL', 'axis end'));
  const points = [];
  const every = Math.max(1, Math.ceil(rows.length / 12));
  rows.forEach((r, i) => {
    const x = left + i * step;
    const bar = svgElement('rect', {
      x: x + step * 0.1, y: yOffered(r.offered), width: Math.max(1, step * 0.8), height: top + plotHeight - yOffered(r.offered), class: 'bar',
    });
    const title = svgElement('title');
    title.textContent = `${label(r)}: ${r.offered} offered, SL ${fixed(r.serviceLevelPercent)} %`;
    bar.append(title);
    svg.append(bar);
    if (r.serviceLevelPercent != null) points.push(`${x + step / 2},${ySl(r.serviceLevelPercent)}`);
    if (i % every === 0) svg.append(svgText(x + step / 2, height - bottom + 16, short(r), 'axis middle'));
  });
  if (target) {
    const y = ySl(target.percent);
    svg.append(svgElement('line', { x1: left, x2: width - right, y1: y, y2: y, class: 'target' }));
    svg.append(svgText(width - right - 4, y - 5, `target ${target.percent}% in ${target.thresholdSeconds} s`, 'axis end'));
  }
  if (points.length > 0) {
    svg.append(svgElement('polyline', { points: points.join(' '), class: 'sl' }));
    points.forEach((p) => {
      const [cx, cy] = p.split(',');
      svg.append(svgElement('circle', { cx, cy, r: 3, class: 'sl-point' }));
    });
  }
  svg.append(svgText(left, height - 6, 'bars: contacts offered · line: service level · dashed: the target', 'axis'));
  $('chart').replaceChildren(svg);
}

/** 1, 2 or 5 times a power of ten, at least {@code n}: round numbers on the axis. */
function niceMax(n) {
  const power = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= n);
}

function svgElement(tag, attributes = {}) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

function svgText(x, y, text, className) {
  const element = svgElement('text', { x, y, class: className });
  element.textContent = text;
  return element;
}

/** A report that could not be made: the one shown before goes (its chart, table and export would mislead). */
function showError(e) {
  $('error').textContent = e.message;
  for (const id of ['chart', 'rows', 'total']) if ($(id)) $(id).replaceChildren();
  $('hidden-count').textContent = '';
  $('csv').removeAttribute('href');
}

// a report whose range reaches today follows the center: contacts that come and end are shown within seconds
let refreshTimer = null;
function followToday() {
  const today = new Date().toISOString().slice(0, 10);
  if (refreshTimer !== null || ($('to').value && $('to').value < today)) return;
  refreshTimer = setTimeout(() => { refreshTimer = null; show().catch(showError); }, 5000);
}
connectEvents({
  onEvent: (event) => { if (/^Contact(Created|Ended|Connected)/.test(event.type)) followToday(); },
  onStatus: bannerFor($('banner')),
  onResync: followToday,
});
