// Small formatting helpers shared by the pages.

/** "m:ss" (or "h:mm:ss") from a number of seconds. */
export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** A threshold as people say it: "20 s", "5 min", "4 h", "1 h 30 min". */
export function span(seconds) {
  if (seconds < 60 || seconds % 60 !== 0) return `${seconds} s`;
  const minutes = seconds / 60;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/**
 * The state as staff think of it: READY with a contact in hand is "ON_CONTACT" (the API says READY: the agent can
 * still take more, up to its capacity).
 */
export function shownStatus(status, contactsInHand) {
  return status === 'READY' && contactsInHand > 0 ? 'ON_CONTACT' : status;
}

/** Seconds since an ISO-8601 instant. */
export function secondsSince(iso) {
  return iso ? (Date.now() - Date.parse(iso)) / 1000 : 0;
}

/** An amount in minor units as money: 25050, RUB -> "250.50 RUB". */
export function money(minor, currency) {
  return `${(minor / 100).toFixed(2)} ${currency}`;
}

/** A local date and time from an ISO-8601 instant. */
export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** An element with text (never HTML: what the center sends is shown, not run). */
export function el(tag, text, className) {
  const element = document.createElement(tag);
  if (text !== undefined && text !== null) element.textContent = String(text);
  if (className) element.className = className;
  return element;
}

/** Replaces the rows of a table body with one row per item, cells from columns(item). */
export function fillRows(tbody, items, columns) {
  tbody.replaceChildren(...items.map((item) => {
    const row = document.createElement('tr');
    for (const cell of columns(item)) row.append(cell instanceof Node ? wrap(cell) : el('td', cell));
    return row;
  }));
}

function wrap(node) {
  const td = document.createElement('td');
  td.append(node);
  return td;
}
