// Reports: a queue's or an agent's figures per 15 minutes or per day for a date range, a chart, and CSV export
// (the CSV comes from the same API call, so its numbers are the table's).
import { api, requireSession, signOut } from '/assets/api.js';
import { el } from '/assets/format.js';

const $ = (id) => document.getElementById(id);
const session = await requireSession(['supervisor', 'admin']);
const SVG = 'http://www.w3.org/2000/svg';

$('who').textContent = `${session.name} (${session.role})`;
$('sign-out').addEventListener('click', () => signOut());
$('report').addEventListener('submit', (e) => { e.preventDefault(); show().catch(showError); });

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
  $('rows').replaceChildren(...report.rows.map((r) => row(label(r), r)));
  $('total').replaceChildren(row('Total', report.total, 'total'));
  chart(report.rows, label);
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

function fixed(value) {
  return value == null ? '–' : Number(value).toFixed(1);
}

/** Bars of offered contacts and a line of the service level (0-100 %), drawn as SVG. */
function chart(rows, label) {
  const width = 1200;
  const height = 220;
  const pad = 30;
  const max = Math.max(1, ...rows.map((r) => r.offered));
  const step = (width - 2 * pad) / Math.max(1, rows.length);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'chart');
  const points = [];
  rows.forEach((r, i) => {
    const h = ((height - 2 * pad) * r.offered) / max;
    const bar = document.createElementNS(SVG, 'rect');
    bar.setAttribute('x', pad + i * step + step * 0.1);
    bar.setAttribute('y', height - pad - h);
    bar.setAttribute('width', Math.max(1, step * 0.8));
    bar.setAttribute('height', h);
    bar.setAttribute('class', 'bar');
    const title = document.createElementNS(SVG, 'title');
    title.textContent = `${label(r)}: ${r.offered} offered, SL ${fixed(r.serviceLevelPercent)} %`;
    bar.append(title);
    svg.append(bar);
    if (r.serviceLevelPercent != null) {
      points.push(`${pad + i * step + step / 2},${height - pad - ((height - 2 * pad) * r.serviceLevelPercent) / 100}`);
    }
  });
  if (points.length > 1) {
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', points.join(' '));
    line.setAttribute('class', 'sl');
    svg.append(line);
  }
  const axis = document.createElementNS(SVG, 'text');
  axis.setAttribute('x', 2);
  axis.setAttribute('y', 14);
  axis.setAttribute('class', 'axis');
  axis.textContent = `max ${max} offered; line: service level 0–100 %`;
  svg.append(axis);
  $('chart').replaceChildren(svg);
}

function showError(e) {
  $('error').textContent = e.message;
}
