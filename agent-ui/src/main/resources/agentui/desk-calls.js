// The current call's controls beside the contacts: hold/resume, transfer to an agent or a department's number, hang
// up, and dialling out (a number, or a callback's resident). Every control goes through the server to the PBX (AMI);
// the buttons follow the call's state, and refusals are shown in the bar in the desk's language.
//
// Shortcuts, beside the desk's own (Enter accept, Esc reject, F2 ready, F3 break, F9 finish):
//   F4 hold / resume · F6 transfer · F7 dial · F9 hang up (a live call; afterwards F9 finishes the contact as before)
import { api, el } from '/ui/api.js';
import { t, channelName } from '/ui/i18n.js';

const bar = document.getElementById('call-bar');
/** The call on the desk: { contactId, channel, number, callback, state: TALKING | HELD | ENDED }, or null. */
let call = null;
let busy = false;
let message = { text: '', error: false };

const isCall = assigned => Boolean(assigned.call) || assigned.callback;

/** Tells phone.js that the agent's phone is about to ring because of the agent (resume, dial). */
function phoneWillRing(detail) {
  document.dispatchEvent(new CustomEvent('civicline:accepted', { detail }));
}

function explain(e) {
  const detail = e.data?.problems ? e.data.problems.map(p => `${p.field}: ${p.message}`).join('; ')
    : (e.data?.error || e.message);
  const key = { 400: 'badInput', 404: 'callGone', 409: 'callRefused', 503: 'noPbx' }[e.status];
  return key ? `${t(key)} — ${detail}` : detail;
}

async function act(work, done) {
  if (busy) return;
  busy = true;
  message = { text: '', error: false };
  render();
  try {
    await work();
    message = { text: done, error: false };
  } catch (e) {
    message = { text: explain(e), error: true };
  } finally {
    busy = false;
    render();
  }
}

const control = (operation, target) => api('POST',
  `/api/desk/calls/${encodeURIComponent(call.contactId)}/control`, { operation, target });

function hold() {
  if (!call || call.state !== 'TALKING') return;
  act(async () => { await control('HOLD'); call.state = 'HELD'; }, t('onHold'));
}

function resume() {
  if (!call || call.state !== 'HELD') return;
  act(async () => {
    phoneWillRing({ contactId: call.contactId, channel: call.channel, reason: 'resume' });
    await control('UNHOLD');
    call.state = 'TALKING';
  }, t('onCall'));
}

function transfer() {
  const target = bar.querySelector('#transfer-target');
  if (!call || call.state === 'ENDED' || !target) return;
  const to = target.value.trim();
  if (!to) { target.focus(); return; }
  const operation = bar.querySelector('#transfer-kind').value;
  act(() => control(operation, to), `${t('transferred')} ${to}`);
}

function hangUp() {
  if (!call || call.state === 'ENDED') return;
  act(() => control('HANG_UP'), t('hungUp'));
}

function dial() {
  const number = bar.querySelector('#dial-number');
  if (live() || !number) return;
  const phone = number.value.trim();
  const callback = call && call.callback && call.state !== 'ENDED' ? call.contactId : undefined;
  if (!phone && !callback) { number.focus(); return; }
  act(async () => {
    phoneWillRing({ contactId: callback, reason: 'dial' });
    await api('POST', '/api/desk/dial', { phone: phone || undefined, contactId: callback });
  }, t('dialled'));
}

const live = () => call && (call.state === 'TALKING' || call.state === 'HELD') && !call.callback;

function render() {
  const kept = { target: bar.querySelector('#transfer-target')?.value ?? '',
    kind: bar.querySelector('#transfer-kind')?.value, number: bar.querySelector('#dial-number')?.value };
  bar.replaceChildren();
  bar.dataset.state = call ? call.state : 'NONE';
  if (call) {
    const stateText = { TALKING: t('onCall'), HELD: t('onHold'), ENDED: t('callEnded') }[call.state];
    bar.append(el('div', { class: 'call-line' },
      el('strong', {}, channelName(call.channel)), ' · ', el('span', { class: 'call-number' }, call.number || '—'),
      el('span', { class: 'pill call-state ' + call.state, id: 'call-state' }, stateText)));
    const ended = call.state === 'ENDED';
    const button = (id, key, kbd, onclick, disabled, cls = '') => el('button', { id, class: cls, onclick,
      ...(disabled || busy ? { disabled: '' } : {}) }, t(key), el('kbd', {}, kbd));
    const kind = el('select', { id: 'transfer-kind', 'aria-label': t('transferTarget') },
      el('option', { value: 'TRANSFER_TO_AGENT' }, t('toAgent')),
      el('option', { value: 'TRANSFER_TO_NUMBER' }, t('toDepartment')));
    if (kept.kind) kind.value = kept.kind;
    const target = el('input', { id: 'transfer-target', placeholder: t('transferTarget'),
      'aria-label': t('transferTarget'), ...(ended ? { disabled: '' } : {}) });
    target.value = kept.target;
    // A callback the PBX dialled is not followed as a hotline call: redial and the outcome buttons serve it.
    if (!call.callback) bar.append(el('div', { class: 'call-controls' },
      call.state === 'HELD' ? button('resume', 'resume', 'F4', resume, false, 'ok')
        : button('hold', 'hold', 'F4', hold, call.state !== 'TALKING'),
      kind, target, button('transfer', 'transfer', 'F6', transfer, ended),
      button('hang-up', 'hangUp', 'F9', hangUp, ended, 'bad')));
  }
  const number = el('input', { id: 'dial-number', inputmode: 'tel', placeholder: t('dialNumber'),
    'aria-label': t('dialNumber'), ...(live() ? { disabled: '' } : {}) });
  number.value = kept.number ?? '';
  if (!number.value && call?.callback && call.state !== 'ENDED') number.placeholder = call.number || t('dialNumber');
  bar.append(el('div', { class: 'call-controls' }, number,
    el('button', { id: 'dial', onclick: dial, ...(live() || busy ? { disabled: '' } : {}) }, t('dial'),
      el('kbd', {}, 'F7'))));
  bar.append(el('p', { id: 'call-message', class: message.error ? 'error' : 'muted', role: 'alert' }, message.text));
}

document.addEventListener('civicline:frame', ({ detail: frame }) => {
  if (frame.type === 'ContactAssigned' && isCall(frame.data)) {
    const a = frame.data;
    call = { contactId: a.contactId, channel: a.channel, callback: a.callback,
      number: a.callback ? a.callbackPhone : null, state: 'TALKING' };
    message = { text: '', error: false };
    render();
    api('GET', `/api/desk/contacts/${encodeURIComponent(a.contactId)}`).then(c => {
      if (call && call.contactId === a.contactId && !call.number) { call.number = c.sender; render(); }
    }).catch(() => {});
  } else if (frame.type === 'AgentStatus' && call && call.state !== 'ENDED'
      && !(frame.data.contactIds || []).includes(call.contactId)) {
    // The router no longer counts the call as the agent's: it ended in the PBX or was handed over.
    call.state = 'ENDED';
    render();
  }
});

// F9 on a live call hangs it up in the PBX rather than only closing the contact on the desk.
document.addEventListener('civicline:finishing', event => {
  if (call && event.detail.contactId === call.contactId && live()) {
    event.preventDefault();
    hangUp();
  }
});
document.addEventListener('civicline:finished', ({ detail }) => {
  if (call && detail.contactId === call.contactId) { call = null; message = { text: '', error: false }; render(); }
});

document.addEventListener('keydown', event => {
  if (document.querySelector('#offer.open')) return; // Enter/Esc belong to the offer then
  const keys = { F4: () => (call?.state === 'HELD' ? resume() : hold()), F6: transfer, F7: dial };
  if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
  // F9 that the desk did not take (a reloaded desk lists no contact): hang the call up, or close it once ended.
  if (event.key === 'F9' && !event.defaultPrevented && call) {
    event.preventDefault();
    if (live()) hangUp();
    else if (call.state === 'ENDED') {
      document.dispatchEvent(new CustomEvent('civicline:finish', { detail: { contactId: call.contactId } }));
    }
  }
});

render();

// A reloaded desk: a call the agent still holds comes back to the bar (shown as on call; the PBX keeps the truth).
(async () => {
  const status = await api('GET', '/api/desk/me');
  for (const id of status.contactIds || []) {
    const contact = await api('GET', `/api/desk/contacts/${encodeURIComponent(id)}`).catch(() => null);
    if (contact && contact.call && !call) {
      call = { contactId: id, channel: contact.channel, callback: false, number: contact.sender, state: 'TALKING' };
      render();
    }
  }
})().catch(() => {});
