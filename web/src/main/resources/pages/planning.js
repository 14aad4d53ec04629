// The planner's page: forecast from the center's history (or an imported CSV), staffing per interval, a shift
// schedule, a replay of real calls, and a launch day's plan, each step fed by the one before, with a chart for each
// and downloads. A step's result is only ever shown for the inputs it was run on: when a step runs again (or fails),
// what the later steps drew from it is cleared; when its inputs change, its figures and theirs are marked out of date
// and the later steps wait for it to run again.
import { api, requireSession, signOut } from '/assets/api.js';
import { el } from '/assets/format.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const session = await requireSession(['planner', 'admin']);

/** The steps in order, each with its number and what it needs from an earlier one before it can run. */
const STEPS = {
  forecast: { number: 1 },
  staffing: { number: 2, needs: 'forecast' },
  schedule: { number: 3, needs: 'staffing' },
  replay: { number: 4, needs: 'staffing' }, // unless a staffing CSV is given
  launch: { number: 5, needs: 'forecast' },
};
const NEEDED = { forecast: 'run the forecast first (step 1).', staffing: 'staff the forecast first (step 2).' };

/** Per step: the inputs it ran on, the step it drew from (if any) and its figures; null when there is none. */
const results = {};
/** The steps running now, the steps whose last run failed, and the steps cleared because an earlier one ran again. */
const running = new Set();
const failed = new Set();
const cleared = new Map();
/** Where the rows sent in a request came from, to name a refused row by its file's line: by the API's field. */
const sources = {};

$('who').textContent = `${session.name} (${session.role})`;
$('sign-out').addEventListener('click', () => signOut());
if (session.role === 'admin') $('admin-link').classList.remove('hidden');

const { timeZone: zone, queues } = await api.get('/api/v1/planning/queues').catch((error) => {
  $('error').textContent = `The queues cannot be read: ${error.message}`;
  throw error;
});
/** The center's calendar and clock, read in its zone (one formatter each: they are asked for every row). */
const inZone = {
  date: new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  clock: new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  parts: new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }),
};
$('zone').textContent = zone;
$('queue').replaceChildren(...queues.map((q) => option(q.id, q.name && q.name !== q.id ? `${q.name} (${q.id})` : q.id)));
const today = localDate(Date.now());
$('history-to').value = addDays(today, -1);
$('history-from').value = addDays(today, -7 * 20);

handle('forecast', forecast);
handle('staffing', staffing);
handle('schedule', schedule);
handle('replay', replay);
handle('launch', launch);
followStepTwo('replay-sl-seconds');
followStepTwo('launch-sl-seconds');
$('launch-on').addEventListener('change', launchDayChosen);
window.addEventListener('resize', redrawSoon);
refresh();

// ---------------------------------------------------------------- running a step

function handle(step, action) {
  const form = $(`${step}-form`);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run(step, action);
  });
  form.addEventListener('invalid', (e) => browserRefused(step, e.target), true);
  form.addEventListener('input', refresh);
  form.addEventListener('change', refresh);
}

/**
 * Runs a step: its earlier error goes, and its earlier result with everything drawn from it (they would no longer
 * match); the result is kept with the inputs it was run on, unless the step it drew from ran again meanwhile. A
 * failure leaves no result, only the error at the step.
 */
async function run(step, action) {
  clearError(step);
  const inputs = inputsOf(step);
  const from = upstreamOf(step);
  discard(step);
  failed.delete(step);
  cleared.delete(step);
  running.add(step);
  refresh();
  try {
    const basis = from && results[from];
    const figures = await action();
    if (from && results[from] !== basis) {
      throw new Error(`step ${STEPS[from].number} ran again meanwhile: run this step again on its new figures`);
    }
    results[step] = { inputs, from, ...figures };
  } catch (error) {
    clearResult(step);
    failed.add(step);
    showError(step, error);
  } finally {
    running.delete(step);
    refresh();
  }
}

/** A step's result goes, and so does every later result drawn from it, each marked as cleared by the step run. */
function discard(step, cause = step) {
  const later = Object.keys(STEPS).filter((s) => results[s] && results[s].from === step);
  clearResult(step);
  for (const next of later) {
    discard(next, cause);
    cleared.set(next, cause);
  }
}

/** The step a step draws from: step 4 draws from step 2 unless it is given a staffing CSV. */
function upstreamOf(step) {
  if (step === 'replay' && $('staffing-file').files.length > 0) return null;
  return STEPS[step].needs || null;
}

/** The earlier steps a step draws from, the first step first. */
function chainOf(step) {
  const up = upstreamOf(step);
  return up ? [...chainOf(up), up] : [];
}

/** A step's form as it is now, to tell whether a result was run on these inputs. */
function inputsOf(step) {
  return JSON.stringify([...$(`${step}-form`).elements].map((e) => {
    if (e.type === 'file') return [...e.files].map((f) => `${f.name}:${f.size}:${f.lastModified}`);
    return e.type === 'checkbox' ? e.checked : e.value;
  }));
}

function changedSinceRun(step) {
  return results[step] != null && results[step].inputs !== inputsOf(step);
}

/** Why a step cannot run now (the first earlier step in the way), or null. */
function blocker(step) {
  for (const up of chainOf(step)) {
    const n = STEPS[up].number;
    if (running.has(up)) return `step ${n} is running.`;
    if (failed.has(up)) return `step ${n} failed: fix it and run it again.`;
    if (!results[up]) return NEEDED[up];
    if (changedSinceRun(up)) return `step ${n}'s inputs changed since it ran: run step ${n} again.`;
  }
  return null;
}

/** What a step's note says: its figures are out of date, were cleared, or what it waits for. */
function noteOf(step) {
  if (running.has(step) || failed.has(step)) return '';
  const blocked = blocker(step);
  const why = blocked && step === 'replay' ? `${blocked} Or give a staffing CSV.` : blocked;
  if (changedSinceRun(step)) {
    return `Out of date: the figures below are for earlier inputs; run step ${STEPS[step].number} again.`;
  }
  if (results[step]) return why ? `Out of date: ${why}` : '';
  if (cleared.has(step)) {
    const n = STEPS[cleared.get(step)].number;
    return `The earlier figures were cleared when step ${n} ran again. `
      + (why ? capitalized(why) : `Run this step on step ${n}'s new figures.`);
  }
  return why ? capitalized(why) : '';
}

/** Every step's note, out-of-date mark and button, after any change. */
function refresh() {
  for (const step of Object.keys(STEPS)) {
    const note = noteOf(step);
    $(`${step}-note`).textContent = note;
    $(`${step}-note`).classList.toggle('warn', results[step] != null || cleared.has(step));
    $(`${step}-form`).closest('section').classList.toggle('out-of-date', results[step] != null && note !== '');
    $(`${step}-form`).querySelector('button[type=submit]').disabled = running.has(step) || blocker(step) != null;
  }
}

/** Refuses to run on what an earlier step no longer stands for (the buttons say so too). */
function requireCurrent(step) {
  const blocked = blocker(step);
  if (blocked) throw new Error(blocked);
}

/** Clears what a step shows: its summary, charts, tables and downloads. */
function clearResult(step) {
  results[step] = null;
  const result = $(`${step}-result`);
  $(`${step}-status`).textContent = '';
  result.querySelectorAll('.chart-box').forEach((box) => { drawn.delete(box); box.replaceChildren(); });
  result.querySelectorAll('table').forEach((table) => { table.tBodies[0].replaceChildren(); table.classList.add('hidden'); });
  result.querySelectorAll('img').forEach((img) => { img.removeAttribute('src'); img.classList.add('hidden'); });
  result.querySelectorAll('p.muted:not([role]), p.note').forEach((p) => { p.textContent = ''; });
  $(`${step}-form`).querySelectorAll('a.button').forEach(withdraw);
}

// ---------------------------------------------------------------- errors, at the step and at the field

/** Inputs by the names the API gives their fields in its refusals. */
const FIELDS = {
  forecast: {
    history: 'history-file', queue: 'queue', from: 'history-from', to: 'history-to', horizonDays: 'horizon',
    intervalMinutes: 'interval', specialDays: 'special', 'special day': 'special',
  },
  staffing: { serviceLevelPercent: 'sl-percent', slSeconds: 'sl-seconds', patienceSeconds: 'patience', shrinkagePercent: 'shrinkage' },
  schedule: { from: 'schedule-from', days: 'schedule-days', patterns: 'patterns', minRestHours: 'min-rest', maxWeeklyHours: 'max-weekly' },
  replay: {
    calls: 'calls-file', staffing: 'staffing-file', agentsPlus: 'agents-plus', agentsTimes: 'agents-times',
    callbackAfterSeconds: 'callback-after', slSeconds: 'replay-sl-seconds',
  },
  launch: {
    on: 'launch-on', uplift: 'uplift', asaSeconds: 'launch-asa', patienceSeconds: 'launch-patience',
    callbackTakeUpPercent: 'launch-take-up', maxAbandonPercent: 'launch-abandon', slSeconds: 'launch-sl-seconds',
  },
};

/** A failure said at its step, its input marked when the sentence names one. */
function showError(step, error) {
  const { text, field } = explained(step, error);
  $(`${step}-error`).textContent = text;
  if (field) markInvalid(step, $(field));
}

function clearError(step) {
  $(`${step}-error`).textContent = '';
  $(`${step}-form`).querySelectorAll('[aria-invalid]').forEach((input) => {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
  });
}

function markInvalid(step, input) {
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', `${step}-error`);
}

/**
 * The browser refused the form (a value out of its input's range): the step's earlier error goes and the browser's
 * own sentence is said at the step, for the first input it refused.
 */
function browserRefused(step, input) {
  const form = $(`${step}-form`);
  if (form.dataset.refused) return;
  form.dataset.refused = 'yes';
  setTimeout(() => delete form.dataset.refused); // the browser checks every input in one go
  clearError(step);
  $(`${step}-error`).textContent = `${labelOf(input.id)}: ${input.validationMessage}`;
  markInvalid(step, input);
}

/** The rows a step's refusal speaks of when it names an interval ("the interval of info at …"): the API's field. */
const ROWS_OF = { forecast: 'history', staffing: 'forecast', schedule: 'requirements', replay: 'staffing', launch: 'forecast' };

/**
 * The sentence to show and the input it is about (if any): a refused row by its file's line (the header is line 1)
 * and its columns by the names the file gives them.
 */
function explained(step, error) {
  if (error.field) return { text: error.message, field: error.field };
  const row = /^'(\w+)' row (\d+): ([\s\S]*)$/.exec(error.message);
  const source = row && sources[row[1]];
  if (source) return { text: `${source.where(Number(row[2]) - 1)}: ${columnNames(row[3])}`, field: source.field };
  const interval = /^the interval of (\S+) at (\S+): ([\s\S]*)$/.exec(error.message);
  const rows = interval && sources[ROWS_OF[step]];
  if (rows) return { text: `${rows.whereInterval(interval[1], interval[2])}: ${columnNames(interval[3])}`, field: rows.field };
  const field = fieldNamed(step, error.message);
  return { text: field ? `${labelOf(field)}: ${error.message}` : error.message, field };
}

/**
 * The input of the first field the sentence names ('slSeconds', field 'specialDays[0].date'), else null; a name
 * unquoted only when it cannot be an ordinary word (slSeconds, not to or days).
 */
function fieldNamed(step, message) {
  const names = Object.keys(FIELDS[step]);
  const quoted = [...message.matchAll(/'([^']+)'/g)].map((m) => m[1].split(/[.[]/)[0]).find((n) => names.includes(n));
  const bare = names.filter((n) => /[A-Z ]/.test(n)).find((n) => new RegExp(`\\b${n}\\b`).test(message));
  return FIELDS[step][quoted || bare] || null;
}

/** The words people see for an input: its label (without a note in it) or its legend. */
function labelOf(id) {
  const label = document.querySelector(`label[for="${id}"]`) || $(id).querySelector('legend');
  return label ? label.firstChild.textContent.trim() : id;
}

/** The API's names of a row's fields as the CSV files name their columns: ahtSeconds is aht_seconds. */
function columnNames(sentence) {
  return sentence.replace(/\b(intervalStart|ahtSeconds|arrivedAt|waitSeconds|handleSeconds)\b/g,
    (name) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
}

/** An error about an input, said at its step with the input marked. */
function inputError(field, message) {
  return Object.assign(new Error(message), { field });
}

// ---------------------------------------------------------------- 1. forecast

async function forecast() {
  const intervalMinutes = Number($('interval').value);
  $('forecast-status').textContent = 'Reading the history…';
  const history = $('history-file').files.length > 0 ? await historyFile() : await centerHistory(intervalMinutes);
  if (history.length === 0) {
    throw new Error('the queue has no history in those days (closed intervals and the days before its first contact are '
      + 'not history); a forecast needs weeks of it: let the center run, or choose a history file (docs/examples/history.csv)');
  }
  $('forecast-status').textContent = `Forecasting from ${history.length} intervals…`;
  const result = await api.post('/api/v1/planning/forecast', {
    history, horizonDays: Number($('horizon').value), intervalMinutes, timeZone: zone, specialDays: specialDays(), backtestWeeks: 4,
  });
  // to the CSV's six significant digits: what the page staffs and plans is the forecast it offers for download, row
  // for row, so the same CSV given to ./switchboard staffing or plan-launch gives the same figures (two decimals made
  // a handle time of 0.004 s 0.00, which staffing then refused)
  const rows = result.intervals.map((r) => ({
    ...r, offered: sixDigits(r.offered), ahtSeconds: sixDigits(r.ahtSeconds), low: sixDigits(r.low), high: sixDigits(r.high),
  }));
  showForecast(result, rows, history, intervalMinutes);
  prepareLaterSteps(rows);
  return { rows, intervalMinutes };
}

async function historyFile() {
  const table = await readCsv($('history-file'), ['interval_start', 'queue', 'offered', 'aht_seconds']);
  const history = table.rows.map((r, i) => ({
    intervalStart: instant(r.interval_start), queue: r.queue, offered: number(table, i, 'offered'), ahtSeconds: number(table, i, 'aht_seconds'),
  }));
  sources.history = fileSource(table, history);
  return history;
}

async function centerHistory(intervalMinutes) {
  const q = new URLSearchParams({ queue: $('queue').value, from: $('history-from').value, to: $('history-to').value, intervalMinutes });
  const table = csvTable(await api.text(`/api/v1/planning/history?${q}`), ['interval_start', 'queue', 'offered', 'aht_seconds'],
    `the center's history of ${$('queue').value}`, 'queue');
  const history = table.rows.map((r) => ({ intervalStart: r.interval_start, queue: r.queue, offered: Number(r.offered), ahtSeconds: Number(r.aht_seconds) }));
  sources.history = fileSource(table, history);
  return history;
}

function showForecast(result, rows, history, intervalMinutes) {
  const days = daysOf(rows);
  const chosen = result.queues.map((q) => `${q.queue}: ${q.chosen}`).join('; ');
  $('forecast-status').textContent = `${rows.length} intervals forecast, ${dayLabel(days[0])} to ${dayLabel(days[days.length - 1])}. ${chosen}.`;
  download('forecast-csv', ['interval_start', 'queue', 'offered', 'aht_seconds', 'low', 'high'],
    rows.map((r) => [r.intervalStart, r.queue, ...[r.offered, r.ahtSeconds, r.low, r.high].map((v) => (v == null ? '' : String(v)))]));
  const recent = history.filter((r) => Date.parse(r.intervalStart) >= Date.parse(rows[0].intervalStart) - 14 * 86400000);
  chart($('forecast-chart'), [
    { label: 'history (last 2 weeks)', cls: 'bar', type: 'bar', points: recent.map((r) => ({ t: r.intervalStart, y: r.offered })) },
    { label: '80 % interval', cls: 'band', type: 'band', points: rows.map((r) => ({ t: r.intervalStart, y: r.low, y2: r.high })) },
    { label: 'forecast', cls: 'line', type: 'line', points: rows.map((r) => ({ t: r.intervalStart, y: r.offered })) },
  ], 'contacts', { stepMinutes: intervalMinutes });
  $('backtest').tBodies[0].replaceChildren(...result.queues.flatMap((q) => q.backtest.map((a) => tr([
    `${q.queue}: ${a.method}${q.chosen === a.method ? ' (chosen)' : ''}`, percent(a.intervalMape), percent(a.intervalWape),
    percent(a.dayMape), percent(a.dayWape)]))));
  $('backtest').classList.remove('hidden');
}

/** The schedule starts on the forecast's first day, the launch on its marked launch day (else its first day). */
function prepareLaterSteps(rows) {
  const days = daysOf(rows);
  $('schedule-from').value = days[0];
  const launchDay = specialDays().find((d) => d.kind === 'launch' && days.includes(d.date));
  $('launch-on').value = launchDay ? launchDay.date : days[0];
  launchDayChosen();
}

/**
 * A day marked in the special days is already forecast with its multiplier: the uplift then multiplies on top of it
 * (1 = as forecast), so that a launch is not counted twice.
 */
function launchDayChosen() {
  const marked = specialDays().find((d) => d.date === $('launch-on').value);
  $('uplift').value = marked ? '1' : '1.8';
  $('uplift-hint').textContent = marked
    ? `${dayLabel(marked.date)} is marked (${marked.kind}) in the special days: the forecast already counts its calls, so the `
      + 'uplift multiplies on top of that (1: as forecast).'
    : 'The uplift multiplies the forecast day\'s calls (1.8: 80 % more calls than forecast).';
  refresh();
}

/** The center's days a forecast holds. */
function daysOf(rows) {
  return [...new Set(rows.map((r) => localDate(Date.parse(r.intervalStart))))];
}

function specialDays() {
  return $('special').value.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('date'))
    .map((line) => {
      const [date, kind, multiplier] = line.split(',').map((s) => s.trim());
      if (!multiplier) return { date, kind };
      // a number as a number; anything else as written, for the server to refuse by its line (NaN would be sent as null)
      return { date, kind, multiplier: /^\d+(\.\d+)?$/.test(multiplier) ? Number(multiplier) : multiplier };
    });
}

/** Step 1's forecast as the API takes it; a refused row is named by its line in the Forecast CSV. */
function forecastSent() {
  const rows = results.forecast.rows.map((r) => ({ intervalStart: r.intervalStart, queue: r.queue, offered: r.offered, ahtSeconds: r.ahtSeconds }));
  sources.forecast = derivedSource('the Forecast CSV (step 1)', rows);
  return rows;
}

// ---------------------------------------------------------------- 2. staffing

async function staffing() {
  requireCurrent('staffing');
  const { intervalMinutes } = results.forecast;
  const body = {
    serviceLevelPercent: Number($('sl-percent').value), slSeconds: Number($('sl-seconds').value),
    shrinkagePercent: Number($('shrinkage').value || 0), intervalMinutes, forecast: forecastSent(),
  };
  if ($('patience').value) body.patienceSeconds = Number($('patience').value);
  $('staffing-status').textContent = 'Computing…';
  const result = await api.post('/api/v1/planning/staffing', body);
  const scheduled = (r) => (r.scheduledAgents ?? r.agents);
  const peak = Math.max(...result.intervals.map(scheduled));
  $('staffing-status').textContent = `${result.intervals.length} intervals; at the peak ${peak} agents on the schedule.`;
  download('staffing-csv', ['interval_start', 'queue', 'offered', 'aht_seconds', 'agents', 'scheduled_agents', 'service_level'],
    result.intervals.map((r) => [r.intervalStart, r.queue, r.offered, r.ahtSeconds, r.agents, scheduled(r), r.serviceLevel]));
  chart($('staffing-chart'), [
    { label: 'on the phones', cls: 'bar', type: 'bar', points: result.intervals.map((r) => ({ t: r.intervalStart, y: r.agents })) },
    { label: 'on the schedule (shrinkage)', cls: 'line', type: 'line', points: result.intervals.map((r) => ({ t: r.intervalStart, y: scheduled(r) })) },
  ], 'agents', { stepMinutes: intervalMinutes });
  return { intervals: result.intervals };
}

/** Steps 4 and 5 measure the service level within step 2's seconds, until the planner gives them their own. */
function followStepTwo(id) {
  $(id).value = $('sl-seconds').value;
  $(id).addEventListener('input', () => {
    $(id).dataset.own = 'yes';
    sayWhoseSeconds(id);
  });
  $('sl-seconds').addEventListener('input', () => {
    if (!$(id).dataset.own) $(id).value = $('sl-seconds').value;
    sayWhoseSeconds(id);
    refresh();
  });
}

function sayWhoseSeconds(id) {
  const stepTwo = $('sl-seconds').value;
  $(`${id}-from`).textContent = $(id).value === stepTwo ? 'as in step 2' : `step 2 has ${stepTwo || 'none'}`;
}

// ---------------------------------------------------------------- 3. schedule

async function schedule() {
  requireCurrent('schedule');
  const patterns = [...document.querySelectorAll('input[name=pattern]:checked')].map((i) => i.value);
  if (patterns.length === 0) throw inputError('patterns', 'choose at least one kind of shift');
  $('schedule-status').textContent = 'Building the schedule…';
  const requirements = results.staffing.intervals.map((r) => ({ intervalStart: r.intervalStart, agents: r.scheduledAgents ?? r.agents }));
  sources.requirements = derivedSource('the Staffing CSV (step 2)', requirements);
  const result = await api.post('/api/v1/planning/schedule', {
    requirements,
    from: $('schedule-from').value, days: Number($('schedule-days').value), patterns,
    minRestHours: Number($('min-rest').value), maxWeeklyHours: Number($('max-weekly').value), timeZone: zone,
  });
  $('schedule-status').textContent = `${result.agents} agents, ${result.shifts.length} shifts, ${fixed(result.paidHours)} paid hours `
    + `(at best ${fixed(result.lowerBoundHours)}: ${percent(result.gap)} above); short ${fixed(result.underCoverageHours)} agent-hours, `
    + `over ${fixed(result.overCoverageHours)}.`;
  $('coverage-chart').src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(result.chartSvg)}`;
  $('coverage-chart').classList.remove('hidden');
  showShifts(result.shifts);
  return {};
}

const SHIFTS_SHOWN = 500;

/** Agent by agent (agent-2 before agent-10), each agent's week in order: the roster as people read it. */
function showShifts(shifts) {
  const byAgent = shifts.slice().sort((a, b) => a.agent.localeCompare(b.agent, 'en', { numeric: true }) || Date.parse(a.start) - Date.parse(b.start));
  $('shifts').tBodies[0].replaceChildren(...byAgent.slice(0, SHIFTS_SHOWN).map((s) => tr([
    s.agent, timeLabel(s.start), timeLabel(s.end), s.pattern, s.breaks.join(' ')])));
  $('shifts').classList.remove('hidden');
  download('shifts-csv', ['agent', 'start', 'end', 'pattern', 'paid_hours', 'breaks'],
    shifts.map((s) => [s.agent, s.start, s.end, s.pattern, s.paidHours, s.breaks.join(' ')]));
  $('shifts-note').textContent = shifts.length > SHIFTS_SHOWN
    ? `Showing ${SHIFTS_SHOWN} of ${shifts.length} shifts: the Shifts CSV has them all.` : '';
}

// ---------------------------------------------------------------- 4. replay

async function replay() {
  requireCurrent('replay');
  const calls = await callsFile();
  const staffed = $('staffing-file').files.length > 0 ? await staffingFile() : stepTwoStaffing();
  $('replay-status').textContent = `Replaying ${calls.length} calls…`;
  const result = await api.post('/api/v1/planning/replay', {
    calls, staffing: staffed, slSeconds: Number($('replay-sl-seconds').value), agentsPlus: Number($('agents-plus').value || 0),
    agentsTimes: Number($('agents-times').value || 1), timeZone: zone,
    ...($('callback-after').value ? { callbackAfterSeconds: Number($('callback-after').value) } : {}),
  });
  $('replay-status').textContent = `${result.total.log.offered} calls in ${result.intervals.length} intervals of ${result.intervalMinutes} min; `
    + `service level within ${$('replay-sl-seconds').value} s.`;
  showReplay(result);
  return {};
}

async function callsFile() {
  const table = await readCsv($('calls-file'), ['arrived_at', 'queue', 'outcome', 'wait_seconds']);
  const calls = table.rows.map((r, i) => {
    const call = { arrivedAt: instant(r.arrived_at), queue: r.queue, outcome: r.outcome, waitSeconds: number(table, i, 'wait_seconds') };
    if (r.handle_seconds) call.handleSeconds = number(table, i, 'handle_seconds');
    return call;
  });
  sources.calls = fileSource(table, calls);
  return calls;
}

async function staffingFile() {
  const table = await readCsv($('staffing-file'), ['interval_start', 'queue', 'agents']);
  const staffed = table.rows.map((r, i) => ({ intervalStart: instant(r.interval_start), queue: r.queue, agents: number(table, i, 'agents') }));
  sources.staffing = fileSource(table, staffed);
  return staffed;
}

function stepTwoStaffing() {
  const staffed = results.staffing.intervals.map((r) => ({ intervalStart: r.intervalStart, queue: r.queue, agents: r.agents }));
  sources.staffing = derivedSource('the Staffing CSV (step 2)', staffed);
  return staffed;
}

function showReplay(result) {
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
  ], '%', { top: 100, stepMinutes: result.intervalMinutes });
}

// ---------------------------------------------------------------- 5. launch day

async function launch() {
  requireCurrent('launch');
  const on = $('launch-on').value;
  const days = daysOf(results.forecast.rows);
  if (!days.includes(on)) {
    throw inputError('launch-on', `the forecast has no interval on ${on ? dayLabel(on) : 'that day'}: choose one of its days, `
      + `${dayLabel(days[0])} to ${dayLabel(days[days.length - 1])}`);
  }
  const body = {
    forecast: forecastSent(), uplift: Number($('uplift').value), on, asaSeconds: Number($('launch-asa').value),
    patienceSeconds: Number($('launch-patience').value), slSeconds: Number($('launch-sl-seconds').value),
    callbackTakeUpPercent: Number($('launch-take-up').value), intervalMinutes: results.forecast.intervalMinutes, timeZone: zone,
  };
  if ($('launch-abandon').value) body.maxAbandonPercent = Number($('launch-abandon').value);
  $('launch-status').textContent = 'Simulating the day with each callback threshold…';
  const plan = await api.post('/api/v1/planning/launch', body);
  $('launch-status').textContent = planSummary(plan);
  showLaunchOptions(plan);
  chart($('launch-chart'), [
    { label: 'ASA as staffed, s', cls: 'line log', type: 'line', points: plan.intervals.map((i) => ({ t: i.intervalStart, y: i.asStaffed.asaSeconds })) },
    { label: 'with the plan, s', cls: 'line', type: 'line', points: plan.intervals.map((i) => ({ t: i.intervalStart, y: i.plan.asaSeconds })) },
  ], 's', { target: { value: body.asaSeconds, label: `target ${body.asaSeconds} s` }, stepMinutes: body.intervalMinutes });
  offerReport(plan.reportHtml, on);
  return {};
}

function offerReport(html, on) {
  const link = $('launch-report');
  withdraw(link);
  link.href = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  link.download = `launch-${on}.html`;
  link.classList.remove('hidden');
}

function planSummary(plan) {
  const c = plan.chosen;
  const offer = c.callbackAfterSeconds == null ? 'no callbacks offered'
    : `a callback offered after ${c.callbackAfterSeconds} s of estimated wait (${fixed(plan.callbackTakeUpPercent)} % take it)`;
  return `${plan.asStaffed.offered} calls; Erlang A staffing ${fixed(plan.staffedAgentHours)} agent-hours: `
    + `ASA ${fixed(plan.asStaffed.asaSeconds)} s, ${fixed(100 * plan.asStaffed.probAbandon)} % abandoned. The plan: ${offer} and `
    + `${fixed(c.extraAgentHours)} extra agent-hours, at most ${c.extraAgents} more agent${c.extraAgents === 1 ? '' : 's'} in an interval: ASA ${fixed(c.day.asaSeconds)} s, `
    + `${fixed(100 * c.day.probAbandon)} % abandoned, ${c.day.callbacks} callbacks; nobody told busy.`
    + plan.warnings.map((w) => ` Note: ${w}.`).join('');
}

function showLaunchOptions(plan) {
  $('launch-options').tBodies[0].replaceChildren(...plan.options.map((o) => {
    const row = tr([o.callbackAfterSeconds == null ? 'never' : `${o.callbackAfterSeconds} s`, fixed(o.extraAgentHours), o.extraAgents, fixed(o.day.asaSeconds),
      fixed(100 * o.day.probAbandon), o.day.callbacks, o.day.callbacksDeclined, o.day.callbacks > 0 ? fixed(o.day.callbackWaitSeconds) : '', o.day.longestQueue]);
    if (o.callbackAfterSeconds === plan.chosen.callbackAfterSeconds) row.classList.add('chosen'); // one option a threshold
    return row;
  }));
  $('launch-options').classList.remove('hidden');
  $('launch-options-note').textContent = thresholdJump(plan);
}

/**
 * Why a small change of the threshold can move most callers to a callback: a caller who takes one keeps their place in
 * line, so the estimated wait of the callers after them still counts them; once the threshold is a wait the day
 * reaches, nearly every later caller's estimate passes it too. Empty when no step between thresholds does that.
 */
function thresholdJump(plan) {
  const calls = plan.asStaffed.offered;
  const options = plan.options.filter((o) => o.callbackAfterSeconds != null)
    .sort((a, b) => b.callbackAfterSeconds - a.callbackAfterSeconds);
  for (let i = 1; i < options.length; i++) {
    const [higher, lower] = [options[i - 1], options[i]];
    if (calls > 0 && lower.day.callbacks - higher.day.callbacks > calls / 2) {
      return `From ${higher.callbackAfterSeconds} s to ${lower.callbackAfterSeconds} s the callbacks go from `
        + `${higher.day.callbacks} to ${lower.day.callbacks} of ${calls} calls: a caller who takes a callback keeps their `
        + 'place in line, so the estimated wait of the callers after them still counts them; once the threshold is a wait '
        + `the day reaches, nearly every later caller's estimate passes it too (called back after `
        + `${fixed(lower.day.callbackWaitSeconds)} s on average).`;
    }
  }
  return '';
}

// ---------------------------------------------------------------- charts

/** The charts on the page and what they were drawn from, to draw them again to a new width. */
const drawn = new Map();
let redrawTimer = null;

function redrawSoon() {
  clearTimeout(redrawTimer);
  redrawTimer = setTimeout(() => drawn.forEach((args, box) => draw(box, ...args)), 150);
}

/**
 * A time chart of bars, lines and bands; the x axis in the center's days, the y axis in round steps up to
 * {@code options.top} (else the highest value), a dashed line at {@code options.target.value} when given. Drawn to
 * the width of its box (its text stays legible on a phone) and scaled with it.
 */
function chart(box, series, unit, options) {
  drawn.set(box, [series, unit, options]);
  draw(box, series, unit, options);
}

function draw(box, series, unit, options) {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) { box.replaceChildren(el('p', 'Nothing to show.', 'muted')); return; }
  const width = Math.round(Math.min(1200, Math.max(340, box.clientWidth || 1200)));
  const keys = options.target ? [...series, { label: options.target.label, cls: 'target' }] : series;
  const legend = legendOf(keys, 56, width - 16);
  const frame = { width, height: 256 + legend.height, left: 56, right: 16, top: 20 + legend.height, bottom: 36 };
  const step = options.stepMinutes * 60000;
  const t0 = Math.min(...all.map((p) => Date.parse(p.t)));
  const t1 = Math.max(...all.map((p) => Date.parse(p.t))) + step;
  const target = options.target;
  const axis = niceAxis(options.top || Math.max(target ? target.value : 1, ...all.map((p) => Math.max(p.y ?? 0, p.y2 ?? 0))));
  const x = (t) => frame.left + ((width - frame.left - frame.right) * (Date.parse(t) - t0)) / (t1 - t0);
  const y = (v) => frame.top + (frame.height - frame.top - frame.bottom) * (1 - v / axis.top);
  const svg = node('svg', { viewBox: `0 0 ${width} ${frame.height}`, width: '100%', class: 'chart plan' });
  drawAxes(svg, frame, axis, y, unit);
  drawTicks(svg, frame, t0, t1, x);
  const w = Math.max(1, ((width - frame.left - frame.right) * step) / (t1 - t0));
  for (const s of series) drawSeries(svg, s, x, y, w, step);
  if (target) svg.append(node('line', { x1: frame.left, x2: width - frame.right, y1: y(target.value), y2: y(target.value), class: 'target' }));
  svg.append(...legend.items);
  box.replaceChildren(svg);
}

function drawAxes(svg, frame, axis, y, unit) {
  for (let k = 0; k * axis.step <= axis.top + 1e-9; k++) {
    const v = k * axis.step;
    svg.append(node('line', { x1: frame.left, x2: frame.width - frame.right, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(text(frame.left - 6, y(v) + 4, String(Number(v.toPrecision(6))), 'axis end'));
  }
  svg.append(text(4, frame.top - 10, unit, 'axis'));
}

/** Each day's tick, or each second hour's when the chart spans two days or less; as many as the width holds. */
function drawTicks(svg, frame, t0, t1, x) {
  const hourly = t1 - t0 <= 2 * 86400000;
  const ticks = [];
  for (let t = Math.ceil(t0 / 3600000) * 3600000; t < t1; t += 3600000) {
    const label = hourly ? clock(t) : dayLabel(localDate(t));
    const due = hourly ? Number(label.slice(0, 2)) % 2 === 0 : true;
    if (due && (ticks.length === 0 || ticks[ticks.length - 1].label !== label)) ticks.push({ label, t });
  }
  const room = Math.max(2, Math.floor((frame.width - frame.left - frame.right) / (hourly ? 56 : 84)));
  const every = Math.max(1, Math.ceil(ticks.length / room));
  ticks.forEach((d, i) => {
    if (i % every !== 0) return;
    const at = x(new Date(d.t).toISOString());
    svg.append(node('line', { x1: at, x2: at, y1: frame.top, y2: frame.height - frame.bottom, class: 'day' }));
    if (at + 3 + 7 * d.label.length <= frame.width) svg.append(text(at + 3, frame.height - frame.bottom + 16, d.label, 'axis'));
  });
}

function drawSeries(svg, s, x, y, w, step) {
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

/** The legend's keys in rows as wide as the chart: its items and the height they take. */
function legendOf(keys, left, right) {
  const items = [];
  let at = left; let row = 0;
  for (const s of keys) {
    const wide = 24 + 7 * s.label.length;
    if (at > left && at + wide > right) { at = left; row += 1; }
    items.push(node('rect', { x: at, y: 8 + 18 * row, width: 14, height: 10, class: `${s.cls} key` }));
    items.push(text(at + 18, 17 + 18 * row, s.label, 'axis'));
    at += wide + 12;
  }
  return { items, height: 18 * (row + 1) + 8 };
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

// ---------------------------------------------------------------- CSV files and where their rows came from

/** Rows of a CSV text (quotes and doubled quotes understood) as arrays of fields, each with the line it starts on. */
function parseCsv(textIn) {
  const rows = [];
  let row = []; let field = ''; let quoted = false; let line = 1; let start = 1;
  const textAll = textIn.replace(/^\uFEFF/, '');
  const end = () => {
    row.push(field); field = '';
    if (row.some((f) => f.trim() !== '')) rows.push(Object.assign(row, { line: start }));
    row = [];
  };
  for (let i = 0; i < textAll.length; i++) {
    const c = textAll[i];
    const newline = c === '\n' || (c === '\r' && textAll[i + 1] !== '\n');
    if (quoted) {
      if (c === '"' && textAll[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
      if (newline) line++;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (newline) {
      end();
      line++; start = line;
    } else if (c !== '\r') field += c;
  }
  end();
  return rows;
}

/** A chosen CSV file as a table (see csvTable), its input marked when it is refused. */
async function readCsv(input, required) {
  const file = input.files[0];
  let textIn;
  try {
    textIn = await file.text();
  } catch (e) {
    throw inputError(input.id, `${file.name} cannot be read: choose it again`);
  }
  return csvTable(textIn, required, file.name, input.id);
}

/** A CSV's rows as objects by its header's names, with each row's line; the columns named must be there. */
function csvTable(textIn, required, name, field) {
  const rows = parseCsv(textIn);
  if (rows.length === 0) throw inputError(field, `${name} is empty`);
  const header = rows[0].map((h) => h.trim());
  const missing = required.find((column) => !header.includes(column));
  if (missing) throw inputError(field, `${name} line 1: the header must name ${required.join(',')}; '${missing}' is missing`);
  return {
    name, field, lines: rows.slice(1).map((r) => r.line),
    rows: rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, (r[i] ?? '').trim()]))),
  };
}

/** A row's column as a number, or an error naming the file's line and the column. */
function number(table, i, column) {
  const value = table.rows[i][column];
  const n = Number(value);
  if (value === '' || !Number.isFinite(n)) {
    throw inputError(table.field, `${table.name} line ${table.lines[i]}: ${column} is not a number: '${value.slice(0, 40)}'`);
  }
  return n;
}

/** Rows sent from a file: the i-th is on the file's line it was read from. */
function fileSource(table, rows) {
  return source(rows, table.field, (i) => `${table.name} line ${table.lines[i] ?? i + 2}`);
}

/** Rows sent from an earlier step's result: the i-th is on line i + 2 of its CSV (after the header). */
function derivedSource(name, rows) {
  return source(rows, null, (i) => `${name} line ${i + 2}`);
}

/** Rows as sent, the input they came from, and where the i-th of them is, or the one of a queue's interval. */
function source(rows, field, where) {
  const whereInterval = (queue, at) => {
    const i = rows.findIndex((r) => r.queue === queue && Date.parse(r.intervalStart) === Date.parse(at));
    const when = Number.isNaN(Date.parse(at)) ? at : timeLabel(at);
    return i < 0 ? `${queue}, ${when}` : `${where(i)} (${queue}, ${when})`;
  };
  return { field, where, whereInterval };
}

// ---------------------------------------------------------------- time: the center's, written one way

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
  const parts = Object.fromEntries(inZone.parts.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return Math.round((Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - ms) / 60000);
}

/** YYYY-MM-DD of an instant in the center's zone (what the date inputs and the API take). */
function localDate(ms) {
  return inZone.date.format(new Date(ms));
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A day as people read it, whatever the browser's language: Mon 7 Dec (from YYYY-MM-DD). */
function dayLabel(date) {
  const [y, m, d] = date.split('-').map(Number);
  return `${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${d} ${MONTHS[m - 1]}`;
}

/** HH:MM of an instant in the center's zone, a 24-hour clock whatever the browser's language. */
function clock(ms) {
  return inZone.clock.format(new Date(ms));
}

/** An instant as people read it: Mon 7 Dec, 08:00 in the center's zone. */
function timeLabel(iso) {
  const ms = Date.parse(iso);
  return `${dayLabel(localDate(ms))}, ${clock(ms)}`;
}

function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- small helpers

function download(id, header, rows) {
  const cell = (v) => (v == null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const csv = [header, ...rows].map((r) => r.map(cell).join(',')).join('\n');
  const link = $(id);
  withdraw(link);
  link.href = URL.createObjectURL(new Blob([`${csv}\n`], { type: 'text/csv' }));
  link.classList.remove('hidden');
}

/** A download link no longer offered: its file is let go. */
function withdraw(link) {
  if (link.href && link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
  link.removeAttribute('href');
  link.classList.add('hidden');
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

function capitalized(sentence) {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** Rounded to two decimals, as the forecast CSV writes it. */
/** {@code n} to six significant digits, as the command line's CSV files write figures. */
function sixDigits(n) {
  return n == null ? n : Number(Number(n).toPrecision(6));
}

function fixed(n) {
  return n == null ? '' : Number(n).toFixed(1);
}

function percent(fraction) {
  return fraction == null ? '' : `${(100 * fraction).toFixed(1)} %`;
}
