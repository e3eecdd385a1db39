// The phone's outbox: every action is kept in localStorage and sent in order until the server answers, so a worker
// in a basement or a lift loses nothing. Network failures and 5xx are retried with a growing pause; any other answer
// (2xx, 4xx) ends the entry. Steps are not idempotent on the server (a repeated accept answers 409), so a 409 is
// reported to the caller, which checks whether the task is already past that step.
const RETRY_MIN = 2000;
const RETRY_MAX = 30000;

export class Outbox {
  constructor(key, onAnswer, onChange) {
    this.key = key;
    this.onAnswer = onAnswer;
    this.onChange = onChange;
    this.items = JSON.parse(localStorage.getItem(key) || '[]');
    this.results = JSON.parse(localStorage.getItem(key + '.results') || '{}');
    this.retry = RETRY_MIN;
    this.timer = null;
    this.sending = false;
    window.addEventListener('online', () => this.kick());
  }

  /** Adds an action; {replace: kind} drops an older unsent one of the same kind (only the last position counts). */
  add(item, replace) {
    if (replace) this.items = this.items.filter((old, i) => i === 0 && this.sending || old.kind !== replace);
    item.id = item.id || `q${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    this.items.push(item);
    this.save();
    this.kick();
    return item.id;
  }

  pending(filter = () => true) {
    return this.items.filter(filter);
  }

  result(id) {
    return this.results[id];
  }

  save() {
    localStorage.setItem(this.key, JSON.stringify(this.items));
    localStorage.setItem(this.key + '.results', JSON.stringify(this.results));
    this.onChange(this.items.length);
  }

  kick() {
    clearTimeout(this.timer);
    this.timer = null;
    this.retry = RETRY_MIN;
    this.drain();
  }

  async drain() {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.items.length) {
        const item = this.items[0];
        let answer;
        try {
          answer = await send(item, this);
        } catch (e) {
          answer = null; // no connection: try again later
        }
        if (!answer || answer.status >= 500 || answer.status === 0) {
          this.timer = setTimeout(() => { this.timer = null; this.drain(); }, this.retry);
          this.retry = Math.min(this.retry * 2, RETRY_MAX);
          return;
        }
        this.retry = RETRY_MIN;
        this.items.shift();
        if (answer.ok && item.kind === 'photo') this.results[item.id] = answer.data;
        this.save();
        await this.onAnswer(item, answer);
      }
    } finally {
      this.sending = false;
    }
  }
}

async function send(item, outbox) {
  const headers = { 'Accept': 'application/json' };
  const csrf = sessionStorage.getItem('civicline.csrf');
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let body;
  if (item.kind === 'photo') {
    headers['Content-Type'] = item.contentType;
    body = bytesOf(item.dataUrl);
  } else if (item.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    const b = { ...item.body };
    // Photos are named by the server when their upload is answered, after this step was queued.
    if (b.photoIds) { b.photos = b.photoIds.map(id => outbox.result(id)).filter(Boolean); delete b.photoIds; }
    body = JSON.stringify(b);
  }
  const response = await fetch(item.path, { method: item.method, headers, body, credentials: 'same-origin' });
  if (response.status === 401) { location.href = '/ui/login.html'; return { status: 401, ok: false }; }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = { error: text }; }
  return { status: response.status, ok: response.ok, data };
}

/** A data: URL back to bytes (fetch of data: URLs is closed by the page's content policy). */
function bytesOf(dataUrl) {
  const raw = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** "field message; field message" of a 400 answer, or its error. */
export function problemText(data) {
  if (data && data.problems) return data.problems.map(p => `${p.field}: ${p.message}`).join('; ');
  return data && data.error ? data.error : '';
}
