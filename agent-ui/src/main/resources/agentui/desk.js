import { api, me, live, el } from '/ui/api.js';
import { applyTexts, t, presenceName, channelName } from '/ui/i18n.js';

applyTexts();
const state = { user: null, offer: null, contacts: new Map(), active: null, wrapUpUntil: null };
const $ = id => document.getElementById(id);

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
  try {
    await api('POST', `/api/desk/offers/${encodeURIComponent(offer.offerId)}/answer`, { accept });
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
  try {
    showPresence(await api('POST', `/api/desk/contacts/${encodeURIComponent(contactId)}/finish`));
    state.contacts.delete(contactId);
    if (state.active === contactId) state.active = state.contacts.keys().next().value ?? null;
    renderContacts();
  } catch (e) { alert(e.message); }
}

async function outcome(contactId, result) {
  try {
    await api('POST', `/api/desk/callbacks/${encodeURIComponent(contactId)}/outcome`, { result });
    if (result !== 'REACHED') { state.contacts.delete(contactId); renderContacts(); }
  } catch (e) { alert(e.message); }
}

async function loadCategories() {
  const list = await api('GET', '/api/categories');
  const options = $('categories');
  list.filter(c => c.parentCode).forEach(c => options.append(el('option', { value: `${c.code} ${c.name}` })));
}

$('case-form').addEventListener('submit', async event => {
  event.preventDefault();
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
  };
  try {
    const created = await api('POST', '/api/cases', body);
    $('case-result').textContent = `${t('caseCreated')} ${created.number}`;
    $('case-result').dataset.number = created.number;
    $('case-form').reset();
  } catch (e) {
    $('case-error').textContent = e.message;
  }
});

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

(async () => {
  state.user = await me();
  if (state.user.role !== 'AGENT') { location.href = '/ui/login.html'; return; }
  $('agent-name').textContent = `${state.user.name} (${state.user.agentId})`;
  showPresence(await api('GET', '/api/desk/me'));
  const socket = live(frame => {
    if (frame.type === 'OfferMade') { state.offerShownAt = new Date().toISOString(); showOffer(frame.data); }
    else if (frame.type === 'OfferWithdrawn' && state.offer && frame.data.offerId === state.offer.offerId) closeOffer();
    else if (frame.type === 'ContactAssigned') addContact(frame.data);
    else if (frame.type === 'AgentStatus') showPresence(frame.data);
  });
  setInterval(() => socket.send({ type: 'heartbeat' }), 10000);
  loadCategories().catch(() => {});
  document.body.dataset.ready = 'true';
})();
