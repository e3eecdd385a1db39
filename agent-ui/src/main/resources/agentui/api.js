// The pages' one way to talk to the server: JSON over fetch with the CSRF token, and the live WebSocket.
let csrf = null;

export async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin' });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (response.status === 401) {
    location.href = '/ui/login.html';
    throw new Error('signed out');
  }
  if (!response.ok) {
    const problems = data && data.problems ? ': ' + data.problems.map(p => p.field + ' ' + p.message).join('; ') : '';
    const error = new Error((data && data.error ? data.error : response.statusText) + problems);
    error.status = response.status;
    error.data = data;
    throw error;
  }
  return data;
}

export function useCsrf(token) {
  csrf = token;
  sessionStorage.setItem('civicline.csrf', token);
}

/** Who is signed in; sends the browser to the sign-in page when nobody is. */
export async function me() {
  const answer = await api('GET', '/api/auth/me');
  useCsrf(answer.csrfToken);
  return answer.user;
}

/**
 * Opens the live socket and keeps it open; onFrame gets every {type, data} frame. command(frame) sends a command
 * (answer, finish) on the socket and resolves with the server's {status, body}, or with null when the socket is not
 * open or closed before the reply came — then the caller uses the HTTP route instead.
 */
export function live(onFrame, onOpen) {
  let socket;
  let retry = 500;
  let nextRef = 1;
  const waiting = new Map();
  const connect = () => {
    socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
    socket.onopen = () => { retry = 500; onOpen && onOpen(socket); };
    socket.onmessage = event => {
      const frame = JSON.parse(event.data);
      if (frame.type === 'Reply' && frame.data && waiting.has(frame.data.ref)) {
        const resolve = waiting.get(frame.data.ref);
        waiting.delete(frame.data.ref);
        resolve(frame.data);
        return;
      }
      onFrame(frame);
    };
    socket.onclose = () => {
      waiting.forEach(resolve => resolve(null));
      waiting.clear();
      setTimeout(connect, retry); retry = Math.min(retry * 2, 10000);
    };
  };
  connect();
  const open = () => socket && socket.readyState === 1;
  return {
    send: frame => open() && socket.send(JSON.stringify(frame)),
    command: frame => new Promise(resolve => {
      if (!open()) { resolve(null); return; }
      const ref = 'c' + nextRef++;
      waiting.set(ref, resolve);
      socket.send(JSON.stringify({ ...frame, ref }));
    })
  };
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => {
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v); else if (v !== undefined) node.setAttribute(k, v);
  });
  children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(String(c ?? ''))));
  return node;
}
