// The browser as the agent's phone (JsSIP over WSS, WebRTC audio), only when ui.sipWebSocketUrl is set; otherwise
// this file does nothing and the agent's desk phone rings.
//
// Registers as the agent's PJSIP endpoint (SIP user = the agent id, e.g. 8001, domain = the WebSocket URL's host)
// and answers the call CivicLine sends after the agent accepts an offer.
//
// Contract with the desk: fire, on document, whenever the agent's phone is about to ring because of the agent
//   document.dispatchEvent(new CustomEvent('civicline:accepted', { detail }));
// desk.js fires it with the offer as detail ({ offerId, contactId, channel, callback, … }) when the agent accepts;
// desk-calls.js with { contactId, channel, reason: 'resume' | 'dial' } before resuming a held call (the PBX rings the
// agent again) or dialling out. An accepted chat (a detail whose channel carries no call) does not arm the phone.
// The next INVITE within ANSWER_WINDOW_MS is answered;
// other INVITEs are refused (486 Busy Here). Until the desk has fired the event once, every INVITE is answered:
// the sample dialplan sends calls to an agent's extension only from CivicLine's own Redirect/Originate (the
// [agents] context, reached after an accept), never straight from the hotline numbers.
import { api, me } from '/ui/api.js';

const ANSWER_WINDOW_MS = 60_000;
const PASSWORD_KEY = 'civicline.sipPassword';

let armedUntil = 0;
let deskFiresAccepted = false;

/** Channels whose contacts are phone calls; a one-touch alarm may be a call from the device. */
const CALL_CHANNELS = new Set(['HOTLINE_12345', 'HOTLINE_8890', 'ELDER_12349', 'ONE_TOUCH']);

document.addEventListener('civicline:accepted', ({ detail }) => {
  deskFiresAccepted = true;
  const ringsThePhone = !detail || !detail.channel || detail.callback || detail.reason
    || CALL_CHANNELS.has(detail.channel);
  if (ringsThePhone) armedUntil = Date.now() + ANSWER_WINDOW_MS;
});

function loadJsSip() {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/ui/vendor/jssip.min.js';
    script.onload = () => (window.JsSIP ? resolve(window.JsSIP) : reject(new Error('JsSIP did not load')));
    script.onerror = () => reject(new Error('/ui/vendor/jssip.min.js is missing (built without npm?)'));
    document.head.append(script);
  });
}

function status(text, ok) {
  let pill = document.getElementById('sip-phone');
  if (!pill) {
    pill = document.createElement('span');
    pill.id = 'sip-phone';
    pill.className = 'muted';
    const bar = document.querySelector('header.bar');
    if (bar) bar.append(pill);
  }
  pill.textContent = text;
  pill.title = ok ? '' : text;
}

function playRemoteAudio(session) {
  const audio = new Audio();
  audio.autoplay = true;
  session.connection.addEventListener('track', event => { audio.srcObject = event.streams[0]; });
  session.on('ended', () => { audio.srcObject = null; });
  session.on('failed', () => { audio.srcObject = null; });
}

function onIncoming(session) {
  const expected = !deskFiresAccepted || Date.now() < armedUntil;
  if (!expected) {
    session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
    return;
  }
  armedUntil = 0;
  if (session.connection) playRemoteAudio(session);
  else session.on('peerconnection', () => playRemoteAudio(session));
  session.answer({ mediaConstraints: { audio: true, video: false } });
}

async function start() {
  const settings = await api('GET', '/api/ui/settings');
  if (!settings.sipWebSocketUrl) return; // the desk phone rings
  const user = await me();
  if (!user.agentId) return;
  let JsSIP;
  try {
    JsSIP = await loadJsSip();
  } catch (e) {
    console.warn('browser phone unavailable, the desk phone rings:', e.message);
    status('话机: 桌面电话 desk phone', false);
    return;
  }
  const domain = new URL(settings.sipWebSocketUrl).hostname;
  let password = sessionStorage.getItem(PASSWORD_KEY);
  if (password === null) {
    password = prompt(`SIP 密码 (分机 ${user.agentId}) / SIP password for extension ${user.agentId}`) || '';
    sessionStorage.setItem(PASSWORD_KEY, password);
  }
  const ua = new JsSIP.UA({
    sockets: [new JsSIP.WebSocketInterface(settings.sipWebSocketUrl)],
    uri: `sip:${user.agentId}@${domain}`,
    password,
    register: true,
  });
  ua.on('registered', () => status(`话机: 浏览器 ${user.agentId} browser phone`, true));
  ua.on('unregistered', () => status('话机: 未注册 not registered', false));
  ua.on('registrationFailed', e => status(`话机: 注册失败 registration failed (${e.cause})`, false));
  ua.on('newRTCSession', e => { if (e.originator === 'remote') onIncoming(e.session); });
  ua.start();
  addEventListener('beforeunload', () => ua.stop());
}

start().catch(e => console.warn('browser phone:', e.message));
