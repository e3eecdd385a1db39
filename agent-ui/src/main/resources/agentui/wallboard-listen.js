// Listen-in (监听) from the wallboard: an agent on a call gets a "Listen" button; the supervisor's own phone (the
// extension users.yaml names, or one typed here) rings and, once answered, hears the call through the PBX's ChanSpy.
// The answer comes when the phone is answered, so the line below the field says what is going on meanwhile.
import { api, el } from '/ui/api.js';
import { t } from '/ui/i18n.js';

const $ = id => document.getElementById(id);
let pending = null;
/** The agent listened to now, so the line can say when their call (and the listening) is over. */
let listeningTo = null;

export function startListenIn(user) {
  if (user.extension && !$('my-extension').value) $('my-extension').value = user.extension;
}

function status(text, kind) {
  const line = $('listen-status');
  line.textContent = text;
  line.className = kind === 'error' ? 'error' : 'muted';
  line.dataset.outcome = kind;
}

function why(e) {
  if (e.status === 503) return t('listenNoPbx');
  if (e.status === 409 && /no live call/.test(e.data?.error || '')) return t('listenNoCall');
  if (e.status === 409) return `${t('listenFailed')} — ${e.data?.error || e.message}`;
  if (e.status === 400) return `${t('badInput')} — ${(e.data?.problems || []).map(p => p.message).join('; ') || e.message}`;
  return `${t('listenFailed')} — ${e.message}`;
}

async function listen(agentId) {
  if (pending) return;
  pending = agentId;
  const extension = $('my-extension').value.trim() || undefined;
  status(`${t('listenRinging')} ${extension || ''} (${agentId})`, 'ringing');
  try {
    const done = await api('POST', `/api/supervisor/agents/${encodeURIComponent(agentId)}/listen`, { extension });
    status(`${t('listening')} ${agentId} · ${done.channel}`, 'listening');
    listeningTo = agentId;
  } catch (e) {
    status(`${agentId}: ${why(e)}`, 'error');
  } finally {
    pending = null;
  }
}

/** An agent's new state: when the one listened to is no longer busy, their call and the listening have ended. */
export function agentChanged(agent) {
  if (agent.agentId === listeningTo && agent.presence !== 'BUSY') {
    listeningTo = null;
    status(`${t('listenEnded')} ${agent.agentId}`, 'ended');
  }
}

/** The button for one agent's row: only while the agent is busy (on a call, or full). */
export function listenButton(agent) {
  if (agent.presence !== 'BUSY') return '';
  return el('button', { class: 'listen', 'data-listen': agent.agentId, onclick: () => listen(agent.agentId) },
    t('listen'));
}
