// The live event stream for the staff pages: reconnects by itself and resumes where it left off (?since=seq);
// asks the page to re-read everything when the center no longer holds the missed events.

/**
 * Opens the stream. onEvent(event) for each event; onStatus('live' | 'reconnecting' | 'signed-out', detail);
 * onResync() when the page must re-read its state over HTTP (also after every reconnect).
 */
export function connectEvents({ onEvent, onStatus, onResync }) {
  let since = null;
  let attempt = 0;
  let socket = null;
  let stopped = false;

  function open() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const query = since === null ? '' : `?since=${since}`;
    socket = new WebSocket(`${scheme}//${location.host}/api/v1/events${query}`);
    socket.onmessage = (message) => {
      const event = JSON.parse(message.data);
      if (event.type === 'Subscribed') {
        attempt = 0;
        if (since === null) since = event.seq;
        onStatus('live');
        onResync();
        return;
      }
      if (event.type === 'ResyncRequired') {
        since = event.seq;
        onResync();
        return;
      }
      if (typeof event.seq === 'number') since = event.seq;
      onEvent(event);
    };
    socket.onclose = (close) => {
      if (stopped) return;
      if (close.code === 4401) {
        onStatus('signed-out', close.reason);
        location.assign('/');
        return;
      }
      attempt += 1;
      const delay = Math.min(10000, 500 * 2 ** Math.min(attempt, 5));
      onStatus('reconnecting', `reconnecting in ${Math.round(delay / 1000)} s`);
      setTimeout(open, delay);
    };
  }

  open();
  return { close() { stopped = true; if (socket) socket.close(); } };
}

/** Shows the stream's state in a banner element: hidden while live. */
export function bannerFor(element) {
  return (status, detail) => {
    if (status === 'live') {
      if (!element.classList.contains('hidden')) {
        element.textContent = 'Connected again: the page is up to date.';
        element.classList.remove('down');
        setTimeout(() => element.classList.add('hidden'), 2500);
      }
      return;
    }
    element.textContent = status === 'reconnecting'
      ? `Connection to the center lost: ${detail}. What you see may be out of date.`
      : 'Signed out.';
    element.classList.add('down');
    element.classList.remove('hidden');
  };
}
