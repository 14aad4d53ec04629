// The planner's page: forecast from the center's history (or an imported CSV), staffing per interval, a shift
// schedule, a replay of real calls, and a launch day's plan, each step fed by the one before, with a chart for each
// and downloads.
import { api, requireSession, signOut } from '/assets/api.js';
import { el } from '/assets/format.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const session = await requireSession(['planner', 'admin']);
const state = { forecast: null, staffing: null, intervalMinutes: 30 };

$('who').textContent = `${session.name} (${session.role})`;
$('sign-out').addEventListener('click', () => signOut());
if (session.role === 'admin') $('admin-link').classList.remove('hidden');

const { timeZone: zone, queues } = await api.get('/api/v1/planning/queues');
$('zone').textContent = zone;
$('queue').replaceChildren(...queues.map((q) => option(q.id, q.name && q.name !== q.id ? `${q.name} (${q.id})` : q.id)));
const today = localDate(Date.now());
$('history-to').value = addDays(today, -1);
$('history-from').value = addDays(today, -7 * 20);

handle('forecast-form', forecast);
handle('staffing-form', staffing);
handle('schedule-form', schedule);
handle('replay-form', replay);
handle('launch-form', launch);

function handle(form, action) {
  $(form).addEventListener('submit', (e) => {
    e.preventDefault();
    const button = $(form).querySelector('button[type=submit]');
    button.disabled = true;
    $('error').textContent = '';
    const status = $(form.replace('-form', '-status'));
    status.classList.remove('error');
    const title = $(form).closest('section').querySelector('h2').textContent;
    action().catch((error) => {
      // said at the step that failed, and at the top of the page
      status.textContent = error.message;
      status.classList.add('error');
      $('error').textContent = `${title}: ${error.message}`;
    }).finally(() => { button.disabled = false; });
  });
}

// ---------------------------------------------------------------- 1. forecast

async function forecast() {
  state.intervalMinutes = Number($('interval').value);
  $('forecast-status').textContent = 'Reading the history…';
  const history = $('history-file').files.length > 0
    ? rowsOf(parseCsv(await $('history-file').files[0].text()), ['interval_start', 'queue', 'offered', 'aht_seconds'])
      .map((r) => ({ intervalStart: instant(r.interval_start), queue: r.queue, offered: Number(r.offered), ahtSeconds: Number(r.aht_seconds) }))
    : await centerHistory();
  if (history.length === 0) {
    throw new Error('the queue has no history in those days (closed intervals and the days before its first contact are '
      + 'not history); a forecast needs weeks of it: let the center run, or choose a history file (docs/examples/history.csv)');
  }
  $('forecast-status').textContent = `Forecasting from ${history.length} intervals…`;
  const result = await api.post('/api/v1/planning/forecast', {
    history, horizonDays: Number($('horizon').value), intervalMinutes: state.intervalMinutes, timeZone: zone,
    specialDays: specialDays(), backtestWeeks: 4,
  });
  // to the CSV's two decimals: what the page staffs and plans is the forecast it offers for download, row for row,
  // so the same CSV given to ./switchboard staffing or plan-launch gives the same figures
  state.forecast = result.intervals.map((r) => ({
    ...r, offered: hundredths(r.offered), ahtSeconds: hundredths(r.ahtSeconds), low: hundredths(r.low), high: hundredths(r.high),
  }));
  const chosen = result.queues.map((q) => `${q.queue}: ${q.chosen}`).join('; ');
  $('forecast-status').textContent = `${result.intervals.length} intervals forecast. ${chosen}.`;
  download('forecast-csv', ['interval_start', 'queue', 'offered', 'aht_seconds', 'low', 'high'],
    state.forecast.map((r) => [r.intervalStart, r.queue, ...[r.offered, r.ahtSeconds, r.low, r.high].map((v) => (v == null ? '' : v.toFixed(2)))]));
  const recent = history.filter((r) => Date.parse(r.intervalStart) >= Date.parse(result.intervals[0].intervalStart) - 14 * 86400000);
  chart($('forecast-chart'), [
    { label: 'history (last 2 weeks)', cls: 'bar', type: 'bar', points: recent.map((r) => ({ t: r.intervalStart, y: r.offered })) },
    { label: '80 % interval', cls: 'band', type: 'band', points: result.intervals.map((r) => ({ t: r.intervalStart, y: r.low, y2: r.high })) },
    { label: 'forecast', cls: 'line', type: 'line', points: result.intervals.map((r) => ({ t: r.intervalStart, y: r.offered })) },
  ], 'contacts');
  const body = $('backtest').tBodies[0];
  body.replaceChildren(...result.queues.flatMap((q) => q.backtest.map((a) => tr([
    `${q.queue}: ${a.method}${q.chosen === a.method ? ' (chosen)' : ''}`, percent(a.intervalMape), percent(a.intervalWape),
    percent(a.dayMape), percent(a.dayWape)]))));
  $('backtest').classList.remove('hidden');
  $('staffing-form').querySelector('button[type=submit]').disabled = false;
  $('staffing-status').textContent = '';
  $('schedule-from').value = localDate(Date.parse(result.intervals[0].intervalStart));
  const launchDay = specialDays().find((d) => d.kind === 'launch' && forecastDays().includes(d.date));
  $('launch-on').value = launchDay ? launchDay.date : forecastDays()[0];
  $('launch-form').querySelector('button[type=submit]').disabled = false;
  launchDayChosen();
}

/**
 * A day marked in the special days is already forecast with its multiplier: the uplift then multiplies on top of it
 * (1 = as forecast), so that a launch is not counted twice.
 */
function launchDayChosen() {
  const marked = specialDays().find((d) => d.date === $('launch-on').value);
  $('uplift').value = marked ? '1' : '1.8';
  $('launch-status').classList.remove('error');
  $('launch-status').textContent = marked
    ? `${marked.date} is marked (${marked.kind}) in the special days: the forecast already counts its calls, so the `
      + 'uplift multiplies on top of that (1: as forecast).'
    : 'The uplift multiplies the forecast day\'s calls (1.8: 80 % more calls than forecast).';
}
$('launch-on').addEventListener('change', launchDayChosen);

/** The center's days the forecast holds. */
function forecastDays() {
  return [...new Set(state.forecast.map((r) => localDate(Date.parse(r.intervalStart))))];
}

async function centerHistory() {
  const q = new URLSearchParams({
    queue: $('queue').value, from: $('history-from').value, to: $('history-to').value, intervalMinutes: state.intervalMinutes,
  });
  const csv = await api.text(`/api/v1/planning/history?${q}`);
  return rowsOf(parseCsv(csv), ['interval_start', 'queue', 'offered', 'aht_seconds'])
    .map((r) => ({ intervalStart: r.interval_start, queue: r.queue, offered: Number(r.offered), ahtSeconds: Number(r.aht_seconds) }));
}

function specialDays() {
  return $('special').value.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('date'))
    .map((line) => {
      const [date, kind, multiplier] = line.split(',').map((s) => s.trim());
      return multiplier ? { date, kind, multiplier: Number(multiplier) } : { date, kind };
    });
}

// ---------------------------------------------------------------- 2. staffing

async function staffing() {
  const body = {
    serviceLevelPercent: Number($('sl-percent').value), slSeconds: Number($('sl-seconds').value),
    shrinkagePercent: Number($('shrinkage').value || 0), intervalMinutes: state.intervalMinutes,
    forecast: state.forecast.map((r) => ({ intervalStart: r.intervalStart, queue: r.queue, offered: r.offered, ahtSeconds: r.ahtSeconds })),
  };
  if ($('patience').value) body.patienceSeconds = Number($('patience').value);
  $('staffing-status').textContent = 'Computing…';
  const result = await api.post('/api/v1/planning/staffing', body);
  state.staffing = result.intervals;
  const scheduled = (r) => (r.scheduledAgents ?? r.agents);
  const peak = Math.max(...result.intervals.map(scheduled));
  $('staffing-status').textContent = `${result.intervals.length} intervals; at the peak ${peak} agents on the schedule.`;
  download('staffing-csv', ['interval_start', 'queue', 'offered', 'aht_seconds', 'agents', 'scheduled_agents', 'service_level'],
    result.intervals.map((r) => [r.intervalStart, r.queue, r.offered, r.ahtSeconds, r.agents, scheduled(r), r.serviceLevel]));
  chart($('staffing-chart'), [
    { label: 'on the phones', cls: 'bar', type: 'bar', points: result.intervals.map((r) => ({ t: r.intervalStart, y: r.agents })) },
    { label: 'on the schedule (shrinkage)', cls: 'line', type: 'line', points: result.intervals.map((r) => ({ t: r.intervalStart, y: scheduled(r) })) },
  ], 'agents');
  $('schedule-form').querySelector('button[type=submit]').disabled = false;
  $('schedule-status').textContent = '';
}

// ---------------------------------------------------------------- 3. schedule

async function schedule() {
  const patterns = [...document.querySelectorAll('input[name=pattern]:checked')].map((i) => i.value);
  if (patterns.length === 0) throw new Error('choose at least one kind of shift');
  $('schedule-status').textContent = 'Building the schedule…';
  const result = await api.post('/api/v1/planning/schedule', {
    requirements: state.staffing.map((r) => ({ intervalStart: r.intervalStart, agents: r.scheduledAgents ?? r.agents })),
    from: $('schedule-from').value, days: Number($('schedule-days').value), patterns,
    minRestHours: Number($('min-rest').value), maxWeeklyHours: Number($('max-weekly').value), timeZone: zone,
  });
  $('schedule-status').textContent = `${result.agents} agents, ${result.shifts.length} shifts, ${fixed(result.paidHours)} paid hours `
    + `(at best ${fixed(result.lowerBoundHours)}: ${percent(result.gap)} above); short ${fixed(result.underCoverageHours)} agent-hours, `
    + `over ${fixed(result.overCoverageHours)}.`;
  $('coverage-chart').src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(result.chartSvg)}`;
  $('coverage-chart').classList.remove('hidden');
  // agent by agent (agent-2 before agent-10), each agent's week in order: the roster as people read it
  const byAgent = result.shifts.slice().sort((a, b) => a.agent.localeCompare(b.agent, 'en', { numeric: true }) || Date.parse(a.start) - Date.parse(b.start));
  $('shifts').tBodies[0].replaceChildren(...byAgent.slice(0, 500).map((s) => tr([
    s.agent, localTime(s.start), localTime(s.end), s.pattern, s.breaks.join(' ')])));
  $('shifts').classList.remove('hidden');
  download('shifts-csv', ['agent', 'start', 'end', 'pattern', 'paid_hours', 'breaks'],
    result.shifts.map((s) => [s.agent, s.start, s.end, s.pattern, s.paidHours, s.breaks.join(' ')]));
}

// ---------------------------------------------------------------- 4. replay

async function replay() {
  const calls = rowsOf(parseCsv(await $('calls-file').files[0].text()), ['arrived_at', 'queue', 'outcome', 'wait_seconds'])
    .map((r) => {
      const call = { arrivedAt: instant(r.arrived_at), queue: r.queue, outcome: r.outcome, waitSeconds: Number(r.wait_seconds) };
      if (r.handle_seconds) call.handleSeconds = Number(r.handle_seconds);
      return call;
    });
  let staffed;
  if ($('staffing-file').files.length > 0) {
    staffed = rowsOf(parseCsv(await $('staffing-file').files[0].text()), ['interval_start', 'queue', 'agents'])
      .map((r) => ({ intervalStart: instant(r.interval_start), queue: r.queue, agents: Number(r.agents) }));
  } else if (state.staffing) {
    staffed = state.staffing.map((r) => ({ intervalStart: r.intervalStart, queue: r.queue, agents: r.agents }));
  } else {
    throw new Error('give a staffing CSV, or staff a forecast in step 2 first');
  }
  $('replay-status').textContent = `Replaying ${calls.length} calls…`;
  const result = await api.post('/api/v1/planning/replay', {
    calls, staffing: staffed, slSeconds: Number($('sl-seconds').value), agentsPlus: Number($('agents-plus').value || 0),
    agentsTimes: Number($('agents-times').value || 1), timeZone: zone,
    ...($('callback-after').value ? { callbackAfterSeconds: Number($('callback-after').value) } : {}),
  });
  $('replay-status').textContent = `${result.total.log.offered} calls in ${result.intervals.length} intervals of ${result.intervalMinutes} min.`;
  const figures = (name, f) => tr([name, f.offered, f.answered, f.abandoned, f.callbacks, fixed(100 * f.serviceLevel), fixed(f.asaSeconds), fixed(100 * f.probAbandon)]);
  $('replay-total').tBodies[0].replaceChildren(figures('The log', result.total.log), figures('The replay', result.total.replay));
  $('replay-total').classList.remove('hidden');
  const byStart = new Map();
  for (const i of result.intervals) {
    const sum = byStart.get(i.intervalStart) || { offered: 0, log: [0, 0], replay: [0, 0] };
    sum.offered += i.log.offered;
    for (const side of ['log', 'replay']) {
      sum[side][0] += i[side].serviceLevel * (i[side].answered + i[side].abandoned);
      sum[side][1] += i[side].answered + i[side].abandoned;
    }
    byStart.set(i.intervalStart, sum);
  }
  const rows = [...byStart.entries()].filter(([, s]) => s.offered > 0);
  const sl = (side) => rows.filter(([, s]) => s[side][1] > 0).map(([t, s]) => ({ t, y: (100 * s[side][0]) / s[side][1] }));
  chart($('replay-chart'), [
    { label: 'service level in the log, %', cls: 'line log', type: 'line', points: sl('log') },
    { label: 'in the replay, %', cls: 'line', type: 'line', points: sl('replay') },
  ], '%', { top: 100 });
}

// ---------------------------------------------------------------- 5. launch day

async function launch() {
  const on = $('launch-on').value;
  if (!forecastDays().includes(on)) throw new Error(`the forecast has no interval on ${on}: choose one of its days`);
  const body = {
    forecast: state.forecast.map((r) => ({ intervalStart: r.intervalStart, queue: r.queue, offered: r.offered, ahtSeconds: r.ahtSeconds })),
    uplift: Number($('uplift').value), on, asaSeconds: Number($('launch-asa').value),
    patienceSeconds: Number($('launch-patience').value), slSeconds: Number($('sl-seconds').value),
    callbackTakeUpPercent: Number($('launch-take-up').value), intervalMinutes: state.intervalMinutes, timeZone: zone,
  };
  if ($('launch-abandon').value) body.maxAbandonPercent = Number($('launch-abandon').value);
  $('launch-status').textContent = 'Simulating the day with each callback threshold…';
  $('launch-options').classList.add('hidden'); // an earlier plan is not shown as this one's
  $('launch-chart').replaceChildren();
  const plan = await api.post('/api/v1/planning/launch', body);
  const c = plan.chosen;
  const offer = c.callbackAfterSeconds == null ? 'no callbacks offered'
    : `a callback offered after ${c.callbackAfterSeconds} s of estimated wait (${fixed(plan.callbackTakeUpPercent)} % take it)`;
  $('launch-status').textContent = `${plan.asStaffed.offered} calls; Erlang A staffing ${fixed(plan.staffedAgentHours)} agent-hours: `
    + `ASA ${fixed(plan.asStaffed.asaSeconds)} s, ${fixed(100 * plan.asStaffed.probAbandon)} % abandoned. The plan: ${offer} and `
    + `${fixed(c.extraAgentHours)} extra agent-hours, at most ${c.extraAgents} more agent${c.extraAgents === 1 ? '' : 's'} in an interval: ASA ${fixed(c.day.asaSeconds)} s, `
    + `${fixed(100 * c.day.probAbandon)} % abandoned, ${c.day.callbacks} callbacks; nobody told busy.`
    + plan.warnings.map((w) => ` Note: ${w}.`).join('');
  $('launch-options').tBodies[0].replaceChildren(...plan.options.map((o) => {
    const row = tr([o.callbackAfterSeconds == null ? 'never' : `${o.callbackAfterSeconds} s`, fixed(o.extraAgentHours), o.extraAgents, fixed(o.day.asaSeconds),
      fixed(100 * o.day.probAbandon), o.day.callbacks, o.day.callbacksDeclined, o.day.callbacks > 0 ? fixed(o.day.callbackWaitSeconds) : '', o.day.longestQueue]);
    if (o.callbackAfterSeconds === c.callbackAfterSeconds) row.classList.add('chosen'); // one option a threshold
    return row;
  }));
  $('launch-options').classList.remove('hidden');
  chart($('launch-chart'), [
    { label: 'ASA as staffed, s', cls: 'line log', type: 'line', points: plan.intervals.map((i) => ({ t: i.intervalStart, y: i.asStaffed.asaSeconds })) },
    { label: 'with the plan, s', cls: 'line', type: 'line', points: plan.intervals.map((i) => ({ t: i.intervalStart, y: i.plan.asaSeconds })) },
  ], 's', { target: { value: body.asaSeconds, label: `target ${body.asaSeconds} s` } });
  const link = $('launch-report');
  if (link.href && link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([plan.reportHtml], { type: 'text/html' }));
  link.download = `launch-${on}.html`;
  link.classList.remove('hidden');
}

// ---------------------------------------------------------------- charts

/**
 * A time chart of bars, lines and bands; the x axis in the center's days, the y axis in round steps up to
 * {@code options.top} (else the highest value), a dashed line at {@code options.target.value} when given.
 */
function chart(container, series, unit, options = {}) {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) { container.replaceChildren(el('p', 'Nothing to show.', 'muted')); return; }
  const width = 1200; const height = 280; const left = 56; const right = 16; const top = 30; const bottom = 36;
  const step = state.intervalMinutes * 60000;
  const t0 = Math.min(...all.map((p) => Date.parse(p.t)));
  const t1 = Math.max(...all.map((p) => Date.parse(p.t))) + step;
  const target = options.target;
  const axis = niceAxis(options.top || Math.max(target ? target.value : 1, ...all.map((p) => Math.max(p.y ?? 0, p.y2 ?? 0))));
  const max = axis.top;
  const x = (t) => left + ((width - left - right) * (Date.parse(t) - t0)) / (t1 - t0);
  const y = (v) => top + (height - top - bottom) * (1 - v / max);
  const svg = node('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart plan' });
  for (let k = 0; k * axis.step <= max + 1e-9; k++) {
    const v = k * axis.step;
    svg.append(node('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(text(left - 6, y(v) + 4, String(Number(v.toPrecision(6))), 'axis end'));
  }
  svg.append(text(4, 14, unit, 'axis'));
  // ticks: each day, or each second hour when the chart spans two days or less
  const hourly = t1 - t0 <= 2 * 86400000;
  const ticks = [];
  for (let t = Math.ceil(t0 / 3600000) * 3600000; t < t1; t += 3600000) {
    const label = hourly ? localHour(t) : localDate(t).slice(5);
    const due = hourly ? Number(label.slice(0, 2)) % 2 === 0 : ticks.length === 0 || ticks[ticks.length - 1].label !== label;
    if (due && (ticks.length === 0 || ticks[ticks.length - 1].label !== label)) ticks.push({ label, t });
  }
  const every = Math.max(1, Math.ceil(ticks.length / 14));
  ticks.forEach((d, i) => {
    if (i % every !== 0) return;
    const at = x(new Date(d.t).toISOString());
    svg.append(node('line', { x1: at, x2: at, y1: top, y2: height - bottom, class: 'day' }));
    svg.append(text(at + 3, height - bottom + 16, d.label, 'axis'));
  });
  const w = Math.max(1, ((width - left - right) * step) / (t1 - t0));
  for (const s of series) {
    if (s.type === 'bar') {
      for (const p of s.points) svg.append(node('rect', { x: x(p.t), y: y(p.y), width: w * 0.9, height: y(0) - y(p.y), class: s.cls }));
    } else if (s.type === 'band') {
      for (const run of runs(s.points, step)) { // a band does not cross the night either
        const upper = run.map((p) => `${x(p.t) + w / 2},${y(p.y2)}`);
        const lower = run.slice().reverse().map((p) => `${x(p.t) + w / 2},${y(p.y)}`);
        svg.append(node('polygon', { points: upper.concat(lower).join(' '), class: s.cls }));
      }
    } else {
      for (const run of runs(s.points, step)) {
        svg.append(node('polyline', { points: run.map((p) => `${x(p.t) + w / 2},${y(p.y)}`).join(' '), class: s.cls }));
      }
    }
  }
  const keys = series.slice();
  if (target) {
    svg.append(node('line', { x1: left, x2: width - right, y1: y(target.value), y2: y(target.value), class: 'target' }));
    keys.push({ label: target.label, cls: 'target' });
  }
  let legendX = left + 40;
  for (const s of keys) {
    svg.append(node('rect', { x: legendX, y: 8, width: 14, height: 10, class: `${s.cls} key` }));
    svg.append(text(legendX + 18, 17, s.label, 'axis'));
    legendX += 30 + 7 * s.label.length;
  }
  container.replaceChildren(svg);
}

/** Points split where the center was closed (a gap longer than an interval): a line does not cross the night. */
function runs(points, step) {
  const out = [];
  let run = [];
  for (const p of points) {
    if (run.length > 0 && Date.parse(p.t) - Date.parse(run[run.length - 1].t) > step) { out.push(run); run = []; }
    run.push(p);
  }
  if (run.length > 0) out.push(run);
  return out;
}

/** From zero to the first round step (1, 2 or 5 × 10^k, at most 5 steps) at or above n: 0, 10, 20…, not 0, 13, 25. */
function niceAxis(n) {
  const value = Number.isFinite(n) ? Math.max(1, n) : 1;
  const power = 10 ** Math.floor(Math.log10(value / 5));
  const step = [1, 2, 5, 10].map((m) => m * power).find((m) => m * 5 >= value);
  return { top: step * Math.ceil(value / step - 1e-9), step };
}

function node(tag, attributes = {}) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

function text(xAt, yAt, content, cls) {
  const t = node('text', { x: xAt, y: yAt, class: cls });
  t.textContent = content;
  return t;
}

// ---------------------------------------------------------------- CSV, time and small helpers

/** Rows of a CSV text (quotes and doubled quotes understood) as arrays of fields. */
function parseCsv(textIn) {
  const rows = [];
  let row = []; let field = ''; let quoted = false;
  const textAll = textIn.replace(/^\uFEFF/, '');
  for (let i = 0; i < textAll.length; i++) {
    const c = textAll[i];
    if (quoted) {
      if (c === '"' && textAll[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && textAll[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((f) => f.trim() !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f.trim() !== '')) rows.push(row);
  return rows;
}

/** Rows as objects by the header's names; the columns named must be there. */
function rowsOf(rows, required) {
  if (rows.length === 0) throw new Error('the file is empty');
  const header = rows[0].map((h) => h.trim());
  for (const name of required) {
    if (!header.includes(name)) throw new Error(`the file's header must name ${required.join(',')}; '${name}' is missing`);
  }
  return rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, (r[i] ?? '').trim()])));
}

/** An ISO-8601 time as the API takes it: with an offset, a local one read in the center's zone. */
function instant(textIn) {
  if (/([zZ]|[+-]\d\d:?\d\d)$/.test(textIn)) return textIn;
  const asUtc = Date.parse(`${textIn}Z`);
  if (Number.isNaN(asUtc)) return textIn; // the API names the row
  const offset = offsetMinutes(asUtc - offsetMinutes(asUtc) * 60000);
  return new Date(asUtc - offset * 60000).toISOString();
}

/** The center's zone's offset from UTC at an instant, minutes. */
function offsetMinutes(ms) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return Math.round((Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - ms) / 60000);
}

/** YYYY-MM-DD of an instant in the center's zone. */
function localDate(ms) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

/** HH:00 of an instant in the center's zone. */
function localHour(ms) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
}

function localTime(iso) {
  return new Date(iso).toLocaleString('en-GB', { // a planner's 24-hour clock, whatever the browser's language
    timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
}

function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function download(id, header, rows) {
  const cell = (v) => (v == null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const csv = [header, ...rows].map((r) => r.map(cell).join(',')).join('\n');
  const link = $(id);
  if (link.href && link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([`${csv}\n`], { type: 'text/csv' }));
  link.classList.remove('hidden');
}

function option(value, label) {
  const o = el('option', label);
  o.value = value;
  return o;
}

function tr(cells) {
  const row = el('tr');
  cells.forEach((c, i) => row.append(el(i === 0 ? 'th' : 'td', c == null ? '' : String(c))));
  row.firstChild.scope = 'row';
  return row;
}

/** Rounded to two decimals, as the forecast CSV writes it. */
function hundredths(n) {
  return n == null ? n : Math.round(n * 100) / 100;
}

function fixed(n) {
  return n == null ? '' : Number(n).toFixed(1);
}

function percent(fraction) {
  return fraction == null ? '' : `${(100 * fraction).toFixed(1)} %`;
}
