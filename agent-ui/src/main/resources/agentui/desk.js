import { api, me, live, el } from '/ui/api.js';
import { applyTexts, t, presenceName, channelName } from '/ui/i18n.js';

applyTexts();
const state = { user: null, offer: null, contacts: new Map(), active: null, wrapUpUntil: null };
const $ = id => document.getElementById(id);
let socket = null;

/**
 * Answer and finish go on the live socket (no HTTP request per contact); when it is not open, over HTTP. Either way
 * the result, or an Error with the status, as api() gives.
 */
async function deskCommand(frame, path, body) {
  const reply = socket ? await socket.command(frame) : null;
  if (!reply) return api('POST', path, body);
  if (reply.status >= 200 && reply.status < 300) return reply.body;
  const error = new Error(reply.body && reply.body.error ? reply.body.error : 'HTTP ' + reply.status);
  error.status = reply.status;
  error.data = reply.body;
  throw error;
}

function showPresence(status) {
  const pill = $('presence');
  pill.className = 'pill ' + status.presence;
  pill.textContent = presenceName(status.presence) + (status.reason ? ' · ' + status.reason : '');
  pill.dataset.presence = status.presence;
  state.wrapUpUntil = status.presence === 'WRAP_UP' && status.until ? Date.parse(status.until) : null;
}

async function setPresence(presence, reason) {
  try {
    showPresence(await api('POST', '/api/desk/presence', { presence, reason }));
  } catch (e) {
    alert(e.message);
  }
}

// The ring: a soft two-tone from WebAudio, no sound files to ship.
let ringer = null;
function ring(on) {
  if (!on) { if (ringer) { ringer.stop(); ringer = null; } return; }
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 440; gain.gain.value = 0.05;
    osc.connect(gain).connect(ctx.destination); osc.start();
    const flip = setInterval(() => { osc.frequency.value = osc.frequency.value === 440 ? 480 : 440; }, 400);
    ringer = { stop: () => { clearInterval(flip); osc.stop(); ctx.close(); } };
  } catch (e) { /* no audio device: the popup is enough */ }
}

function showOffer(offer) {
  state.offer = offer;
  $('offer-channel').textContent = channelName(offer.channel) + (offer.callback ? ' · ' + t('callback') : '');
  $('offer-sender').textContent = offer.sender || '—';
  $('offer').classList.add('open');
  $('offer').dataset.offerId = offer.offerId;
  document.dispatchEvent(new CustomEvent('civicline:offer', { detail: offer })); // desk-resident.js: who is calling
  $('accept').focus();
  ring(true);
}

function closeOffer() {
  state.offer = null;
  $('offer').classList.remove('open');
  ring(false);
}

async function answer(accept) {
  const offer = state.offer;
  if (!offer) return;
  closeOffer();
  // Before the accept reaches the server: the phone (phone.js) must expect the call the PBX sends right after it.
  if (accept) document.dispatchEvent(new CustomEvent('civicline:accepted', { detail: { ...offer } }));
  try {
    await deskCommand({ type: 'answer', offerId: offer.offerId, accept },
      `/api/desk/offers/${encodeURIComponent(offer.offerId)}/answer`, { accept });
  } catch (e) {
    alert(e.message);
  }
}

async function addContact(assigned) {
  let details = null;
  try { details = await api('GET', `/api/desk/contacts/${encodeURIComponent(assigned.contactId)}`); } catch (e) { /* shown without details */ }
  state.contacts.set(assigned.contactId, { assigned, details });
  state.active = assigned.contactId;
  renderContacts();
}

function renderContacts() {
  const box = $('contacts');
  box.replaceChildren();
  // desk-resident.js shows the resident of the contact the case form is for.
  const current = state.active ? state.contacts.get(state.active) : null;
  document.dispatchEvent(new CustomEvent('civicline:active-contact', { detail: current ? { contactId: state.active,
    channel: current.assigned.channel, sender: current.details?.sender } : null }));
  if (state.contacts.size === 0) {
    box.append(el('p', { class: 'muted' }, t('none')));
    return;
  }
  for (const [id, { assigned, details }] of state.contacts) {
    const actions = [el('button', { class: 'primary', onclick: () => finish(id) }, t('finish'), el('kbd', {}, 'F9'))];
    if (assigned.callback) {
      for (const [result, key] of [['REACHED', 'callbackReached'], ['NO_ANSWER', 'callbackNoAnswer'],
        ['BUSY', 'callbackBusy'], ['WRONG_NUMBER', 'callbackWrong']]) {
        actions.push(el('button', { onclick: () => outcome(id, result) }, t(key)));
      }
    }
    box.append(el('div', { class: 'contact' + (state.active === id ? ' active' : ''), 'data-contact': id,
      onclick: () => { state.active = id; renderContacts(); } },
    el('div', {}, el('strong', {}, channelName(assigned.channel)), ' · ', details?.sender || assigned.callbackPhone || ''),
    el('div', { class: 'muted' }, details?.text || (assigned.callback ? t('callback') + ' ' + assigned.callbackPhone : '')),
    el('div', {}, actions)));
  }
}

async function finish(contactId) {
  // desk-calls.js cancels this for a live call: F9 then hangs the call up through the PBX instead.
  if (!document.dispatchEvent(new CustomEvent('civicline:finishing', { cancelable: true, detail: { contactId } }))) return;
  const drop = () => {
    state.contacts.delete(contactId);
    if (state.active === contactId) state.active = state.contacts.keys().next().value ?? null;
    renderContacts();
    document.dispatchEvent(new CustomEvent('civicline:finished', { detail: { contactId } }));
  };
  try {
    showPresence(await deskCommand({ type: 'finish', contactId },
      `/api/desk/contacts/${encodeURIComponent(contactId)}/finish`));
    drop();
  } catch (e) {
    if (e.status === 404) drop(); // already finished: the call ended in the PBX
    else alert(e.message);
  }
}
// Hooks for desk-calls.js and desk-chats.js: finish a contact, or make it the one the case form is for.
document.addEventListener('civicline:finish', e => finish(e.detail.contactId));
document.addEventListener('civicline:activate', e => {
  if (state.contacts.has(e.detail.contactId)) { state.active = e.detail.contactId; renderContacts(); }
});

async function outcome(contactId, result) {
  try {
    await api('POST', `/api/desk/callbacks/${encodeURIComponent(contactId)}/outcome`, { result });
    if (result !== 'REACHED') { state.contacts.delete(contactId); renderContacts(); }
  } catch (e) { alert(e.message); }
}

/** Like api(), but a refusal keeps its status and problems, so each message goes beside its own field. */
async function ask(method, path, body) {
  const headers = { 'Accept': 'application/json', 'Content-Type': 'application/json' };
  const csrf = sessionStorage.getItem('civicline.csrf');
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin' });
  if (response.status === 401) { location.href = '/ui/login.html'; throw new Error('signed out'); }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = { error: text }; }
  return { ok: response.ok, status: response.status, data };
}

/** Puts each problem under its field in {@code box}; what no field shows goes to {@code general}. */
function showProblems(box, general, answer, alias = {}) {
  box.querySelectorAll('[data-error]').forEach(p => { p.textContent = ''; });
  general.textContent = '';
  const problems = answer.data?.problems || [];
  const rest = [];
  for (const p of problems) {
    const spot = box.querySelector(`[data-error="${CSS.escape(alias[p.field] || p.field)}"]`);
    if (spot) spot.textContent = p.message; else rest.push(`${p.field}: ${p.message}`);
  }
  if (!problems.length || rest.length) general.textContent = [answer.data?.error || answer.status, ...rest].join(' — ');
}

$('case-form').addEventListener('submit', async event => {
  event.preventDefault();
  $('case-form').querySelectorAll('[data-error]').forEach(p => { p.textContent = ''; });
  $('case-error').textContent = '';
  const active = state.active ? state.contacts.get(state.active) : null;
  const sender = active?.details?.sender;
  const body = {
    channel: active ? active.assigned.channel : 'HOTLINE_12345',
    categoryCode: ($('category').value.trim().split(/\s+/)[0]) || undefined,
    priority: $('priority').value,
    description: $('description').value,
    address: $('address').value || undefined,
    contactId: active ? active.assigned.contactId : undefined,
    citizenPhone: sender && /^\+?[0-9-]{3,20}$/.test(sender) ? sender : undefined,
    citizenId: active?.details?.citizenId || undefined,
    gridCode: $('address').dataset.grid || undefined, // where desk-caseform.js found the address
  };
  try {
    const answer = await ask('POST', '/api/cases', body);
    if (!answer.ok) { showProblems($('case-form'), $('case-error'), answer); return; }
    const created = answer.data;
    $('case-result').textContent = `${t('caseCreated')} ${created.number}`;
    $('case-result').dataset.number = created.number;
    $('case-form').reset();
    offerActions(created);
  } catch (e) {
    $('case-error').textContent = e.message;
  }
});

// After registering: resolve on contact, dispatch to the category's (or a named) department, or to the grid.
function offerActions(created) {
  state.created = created;
  const box = $('case-actions');
  box.hidden = false;
  box.dataset.number = created.number;
  $('action-case').textContent = created.number;
  $('action-result').textContent = '';
  delete $('action-result').dataset.outcome;
  box.querySelectorAll('[data-error]').forEach(p => { p.textContent = ''; });
  $('action-error').textContent = '';
  ['resolve-answer', 'department', 'grid-point'].forEach(id => { $(id).value = ''; });
  $('grid-found').textContent = '';
  if (created.address) {
    // Where the gazetteer places the address, so the agent sees the grid before sending it there.
    ask('GET', `/api/grid/resolve?address=${encodeURIComponent(created.address)}`).then(found => {
      $('grid-found').textContent = found.ok && found.data.grid
        ? `${t('gridFound')}: ${found.data.grid.code} ${found.data.grid.name}`
        : `${t('gridFound')}: ${found.data?.reason || '—'}`;
    }).catch(() => {});
  }
}

async function caseAction(path, body, done) {
  const box = $('case-actions');
  const buttons = box.querySelectorAll('button');
  buttons.forEach(b => { b.disabled = true; });
  try {
    const answer = await ask('POST', path, body);
    if (!answer.ok) {
      showProblems(box, $('action-error'), answer, { latitude: 'longitude', location: 'longitude' });
      return;
    }
    box.querySelectorAll('[data-error]').forEach(p => { p.textContent = ''; });
    $('action-error').textContent = '';
    $('action-result').textContent = done(answer.data);
    $('action-result').dataset.outcome = path.split('/').pop();
    $('action-result').scrollIntoView({ block: 'nearest' });
  } catch (e) {
    $('action-error').textContent = e.message;
  } finally {
    buttons.forEach(b => { b.disabled = false; });
  }
}

const number = () => encodeURIComponent($('case-actions').dataset.number);
$('resolve').onclick = () => caseAction(`/api/cases/${number()}/resolve-on-contact`,
  { answer: $('resolve-answer').value.trim() || undefined }, c => `${t('caseResolved')} (${c.stateName})`);
$('dispatch-department').onclick = () => caseAction(`/api/cases/${number()}/dispatch`,
  { department: $('department').value.trim() || undefined }, c => `${t('caseDispatched')} ${c.assignee}`);
$('dispatch-grid').onclick = () => {
  const body = { caseNumber: $('case-actions').dataset.number };
  const point = $('grid-point').value.trim();
  if (point) {
    const [lon, lat] = point.split(/[\s,，]+/).map(Number);
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
      showProblems($('case-actions'), $('action-error'), { data: { problems: [
        { field: 'longitude', message: '经度, 纬度 — longitude, latitude in degrees' }] } });
      return;
    }
    body.longitude = lon;
    body.latitude = lat;
  }
  caseAction('/api/grid/dispatch', body, r => `${t('gridTask')} ${r.taskId}`);
};

$('ready').onclick = () => setPresence('AVAILABLE');
$('break').onclick = () => setPresence('BREAK', $('break-reason').value);
$('offline').onclick = () => setPresence('OFFLINE');
$('accept').onclick = () => answer(true);
$('reject').onclick = () => answer(false);
document.addEventListener('keydown', event => {
  if (state.offer && event.key === 'Enter') { event.preventDefault(); answer(true); }
  else if (state.offer && event.key === 'Escape') { event.preventDefault(); answer(false); }
  else if (event.key === 'F2') { event.preventDefault(); setPresence('AVAILABLE'); }
  else if (event.key === 'F3') { event.preventDefault(); setPresence('BREAK', $('break-reason').value); }
  else if (event.key === 'F9' && state.active) { event.preventDefault(); finish(state.active); }
});

// Countdowns: the offer's time left and the wrap-up's, redrawn four times a second.
setInterval(() => {
  if (state.offer) {
    const left = Date.parse(state.offer.expiresAt) - Date.now();
    const total = Date.parse(state.offer.expiresAt) - Date.parse(state.offerShownAt || state.offer.expiresAt) || 1;
    $('offer-countdown').style.width = Math.max(0, Math.min(100, 100 * left / Math.max(total, 1))) + '%';
    $('offer-waited').textContent = Math.round((Date.now() - Date.parse(state.offer.waitingSince)) / 1000);
    if (left <= 0) closeOffer();
  }
  $('wrap-up').textContent = state.wrapUpUntil
    ? `${t('wrapUp')} ${Math.max(0, Math.ceil((state.wrapUpUntil - Date.now()) / 1000))} ${t('seconds')}` : '';
}, 250);

/**
 * After the socket (re)opens, on whichever node: what was sent while it was down is read back — presence, the offer
 * still standing, and the router is told the agent is here (a heartbeat), as a node that took the router over needs.
 */
async function resume() {
  const status = await api('GET', '/api/desk/me');
  showPresence(status);
  // What changed while the socket was away (a call ended, a chat went back to the queue) reaches the call bar and tabs.
  document.dispatchEvent(new CustomEvent('civicline:frame', { detail: { type: 'AgentStatus', data: status } }));
  const standing = (await api('GET', '/api/desk/offer')).offer;
  if (standing && (!state.offer || state.offer.offerId !== standing.offerId)) {
    state.offerShownAt = new Date().toISOString();
    showOffer(standing);
  } else if (!standing && state.offer) {
    closeOffer();
  }
}

(async () => {
  state.user = await me();
  if (state.user.role !== 'AGENT') { location.href = '/ui/login.html'; return; }
  $('agent-name').textContent = `${state.user.name} (${state.user.agentId})`;
  showPresence(await api('GET', '/api/desk/me'));
  socket = live(frame => {
    if (frame.type === 'OfferMade') { state.offerShownAt = new Date().toISOString(); showOffer(frame.data); }
    else if (frame.type === 'OfferWithdrawn' && state.offer && frame.data.offerId === state.offer.offerId) closeOffer();
    else if (frame.type === 'ContactAssigned') addContact(frame.data);
    else if (frame.type === 'AgentStatus') showPresence(frame.data);
    document.dispatchEvent(new CustomEvent('civicline:frame', { detail: frame }));
  }, () => resume().catch(() => {}));
  setInterval(() => socket.send({ type: 'heartbeat' }), 10000);
  document.body.dataset.ready = 'true';
})();
