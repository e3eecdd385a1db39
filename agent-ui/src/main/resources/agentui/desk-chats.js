// Chats (WeChat, SMS, the city app) in tabs beside the call: each tab shows the conversation — the resident's earlier
// contacts, then this one's messages and replies — and a reply box; several at once, up to what the router gives
// the agent. A resident's new message arrives over the live socket (ConversationTurn frames), never by polling.
// Closing a tab finishes the contact (the desk's finish, so wrap-up follows as for any contact).
import { api, me, el } from '/ui/api.js';
import { t, channelName } from '/ui/i18n.js';

const box = document.getElementById('chats');
/** contactId → { contactId, channel, sender, turns, earlier, unread, ended, error, draft } */
const tabs = new Map();
let active = null;
let myAgentId = null;

const isChat = assigned => !assigned.call && !assigned.callback;
const time = at => new Date(at).toTimeString().slice(0, 5);

async function open(contactId, channel, sender) {
  if (tabs.has(contactId)) return;
  const tab = { contactId, channel, sender, turns: [], earlier: [], unread: 0, ended: false, error: '', draft: '' };
  tabs.set(contactId, tab);
  if (!active) active = contactId;
  render();
  try {
    const view = await api('GET', `/api/desk/contacts/${encodeURIComponent(contactId)}/conversation`);
    // Turns pushed while the history was on its way are kept, each once.
    const seen = new Set(view.turns.map(key));
    tab.turns = [...view.turns, ...tab.turns.filter(x => !seen.has(key(x)))];
    tab.earlier = view.earlier;
    tab.sender = view.sender || sender;
  } catch (e) {
    tab.error = e.message;
  }
  render();
}

const key = turn => `${turn.from}|${turn.at}|${turn.text}`;

function select(contactId) {
  active = contactId;
  const tab = tabs.get(contactId);
  if (tab) tab.unread = 0;
  document.dispatchEvent(new CustomEvent('civicline:activate', { detail: { contactId } }));
  render();
  box.querySelector('.reply-text')?.focus();
}

async function send(tab) {
  const area = box.querySelector(`[data-chat="${CSS.escape(tab.contactId)}"] .reply-text`);
  const text = area.value.trim();
  if (!text) { tab.error = t('replyEmpty'); render(); return; }
  tab.error = '';
  tab.sending = true;
  render();
  try {
    const sent = await api('POST', `/api/desk/contacts/${encodeURIComponent(tab.contactId)}/reply`, { text });
    if (sent && sent.status === 'failed') {
      tab.error = `${t('replyFailed')} — ${sent.detail || ''}`;
    } else {
      tab.turns.push({ contactId: tab.contactId, from: 'AGENT', agentId: myAgentId, text, at: new Date().toISOString() });
      tab.draft = '';
    }
  } catch (e) {
    tab.error = `${t('replyFailed')} — ${e.data?.problems ? e.data.problems.map(p => p.message).join('; ') : e.message}`;
  } finally {
    tab.sending = false;
    render();
  }
}

function close(tab) {
  if (tab.ended) { remove(tab.contactId); return; }
  document.dispatchEvent(new CustomEvent('civicline:finish', { detail: { contactId: tab.contactId } }));
}

function remove(contactId) {
  tabs.delete(contactId);
  if (active === contactId) active = tabs.keys().next().value ?? null;
  render();
}

function turnView(turn) {
  return el('div', { class: 'turn ' + turn.from, 'data-from': turn.from },
    el('div', { class: 'muted' }, (turn.from === 'AGENT' ? `${t('agentSaid')} ${turn.agentId || ''}` : t('resident'))
      + ' · ' + time(turn.at)),
    el('div', { class: 'turn-text' }, turn.text));
}

function render() {
  box.hidden = tabs.size === 0;
  box.replaceChildren();
  if (!tabs.size) return;
  const strip = el('div', { class: 'tabs', role: 'tablist' });
  for (const tab of tabs.values()) {
    strip.append(el('button', { role: 'tab', class: 'tab' + (tab.contactId === active ? ' active' : ''),
      'aria-selected': String(tab.contactId === active), 'data-chat-tab': tab.contactId,
      onclick: () => select(tab.contactId) },
    channelName(tab.channel), ' · ', (tab.sender || '').slice(0, 12),
    tab.unread ? el('span', { class: 'badge' }, tab.unread) : ''));
  }
  box.append(el('h2', {}, t('chats')), strip);
  const tab = tabs.get(active);
  if (!tab) return;
  const log = el('div', { class: 'chat-log', 'data-chat-log': tab.contactId });
  if (tab.earlier.length) {
    log.append(el('details', { class: 'earlier' }, el('summary', {}, `${t('earlierContacts')} (${tab.earlier.length})`),
      ...tab.earlier.map(e => el('div', { class: 'earlier-contact' },
        el('div', { class: 'muted' }, e.caseNumber ? `${t('caseNo')} ${e.caseNumber}` : e.contactId),
        ...e.turns.map(turnView)))));
  }
  tab.turns.forEach(turn => log.append(turnView(turn)));
  const area = el('textarea', { class: 'reply-text', maxlength: '2000', 'aria-label': t('reply'),
    placeholder: t('replyHint'), ...(tab.ended ? { disabled: '' } : {}) });
  area.value = tab.draft || '';
  // The draft lives with the tab, so a redraw (a new message, another tab) never loses what is being typed.
  area.addEventListener('input', () => { tab.draft = area.value; });
  area.addEventListener('keydown', e => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); send(tab); }
  });
  box.append(el('div', { class: 'chat', 'data-chat': tab.contactId, 'data-ended': String(tab.ended) }, log,
    tab.ended ? el('p', { class: 'muted' }, t('chatEnded')) : '',
    area,
    el('p', { class: 'error', role: 'alert' }, tab.error),
    el('div', { class: 'chat-actions' },
      el('button', { class: 'primary reply-send', onclick: () => send(tab),
        ...(tab.ended || tab.sending ? { disabled: '' } : {}) }, t('send'), el('kbd', {}, 'Ctrl+Enter')),
      el('button', { class: 'chat-close', onclick: () => close(tab) }, t('finishChat')))));
  log.scrollTop = log.scrollHeight;
}

document.addEventListener('civicline:frame', ({ detail: frame }) => {
  if (frame.type === 'ContactAssigned' && isChat(frame.data)) {
    open(frame.data.contactId, frame.data.channel, null);
    select(frame.data.contactId);
  } else if (frame.type === 'ConversationTurn') {
    const tab = tabs.get(frame.data.contactId);
    // The agent's own replies are shown when sent; another agent's (or the resident's) come here.
    if (!tab || (frame.data.from === 'AGENT' && frame.data.agentId === myAgentId)) return;
    if (tab.turns.some(x => key(x) === key(frame.data))) return;
    tab.turns.push(frame.data);
    if (tab.contactId !== active) tab.unread++;
    render();
  } else if (frame.type === 'AgentStatus') {
    const held = new Set(frame.data.contactIds || []);
    let changed = false;
    for (const tab of tabs.values()) {
      if (!tab.ended && !held.has(tab.contactId)) { tab.ended = true; changed = true; }
    }
    if (changed) render();
  }
});
document.addEventListener('civicline:finished', ({ detail }) => remove(detail.contactId));

// A reloaded desk: the chats the agent still holds come back as tabs.
(async () => {
  const user = await me();
  myAgentId = user.agentId;
  const status = await api('GET', '/api/desk/me');
  for (const id of status.contactIds || []) {
    const contact = await api('GET', `/api/desk/contacts/${encodeURIComponent(id)}`).catch(() => null);
    if (contact && !contact.call) open(id, contact.channel, contact.sender);
  }
})().catch(() => {});
