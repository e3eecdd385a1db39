// Who is on the line: on the offer popup a one-line summary (repeat caller?), after accepting the resident panel —
// earlier contacts and cases (a click opens the case), the repeat-caller flag, and for the 12349 line and one-touch
// alarms the elderly profile with the open alarms. desk.js fires civicline:offer and civicline:active-contact.
import { api, el } from '/ui/api.js';
import { t, channelName } from '/ui/i18n.js';

const $ = id => document.getElementById(id);
const views = new Map(); // contactId → the request for its resident, shared by the popup and the panel
let shown = null;

function residentOf(contactId, fresh = false) {
  if (fresh || !views.has(contactId)) {
    const request = api('GET', `/api/desk/residents/${encodeURIComponent(contactId)}`);
    request.catch(() => views.delete(contactId));
    views.set(contactId, request);
  }
  return views.get(contactId);
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'zh-CN',
    { hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }) : '';
}

function summary(view) {
  const earlier = view.contacts.filter(c => !c.current).length;
  const open = view.cases.filter(c => c.open).length;
  return earlier === 0 && view.cases.length === 0 ? t('firstContact')
    : `${t('earlierContactsOf')} ${earlier} ${t('times')} · ${t('casesOf')} ${view.cases.length}`
      + (open ? ` (${open} ${t('openCase')})` : '');
}

// ---- the offer popup

document.addEventListener('civicline:offer', async event => {
  const offer = event.detail;
  const line = $('offer-resident');
  line.replaceChildren();
  if (!offer.contactId) return;
  try {
    const view = await residentOf(offer.contactId);
    if ($('offer').dataset.offerId !== offer.offerId) return;
    line.replaceChildren(...(view.repeat.repeat ? [el('span', { class: 'repeat' }, t('repeatCaller')), ' '] : []),
      el('span', { class: 'muted' }, summary(view)));
  } catch (e) { /* the popup works without it */ }
});

// ---- the panel

document.addEventListener('civicline:active-contact', event => {
  const contactId = event.detail?.contactId ?? null;
  if (contactId === shown) return;
  shown = contactId;
  if (!contactId) { $('resident-panel').hidden = true; return; }
  show(contactId, false);
});

async function show(contactId, fresh) {
  const panel = $('resident-panel');
  panel.hidden = false;
  panel.dataset.contact = contactId;
  delete panel.dataset.loaded;
  try {
    const view = await residentOf(contactId, fresh);
    if (shown !== contactId) return;
    render(view);
    panel.dataset.loaded = 'true';
  } catch (e) {
    $('resident').replaceChildren(el('p', { class: 'error' }, e.message));
  }
}

/** The rule that raised the flag (RepeatCaller), in the page's language. */
function repeatReason(repeat) {
  const open = repeat.openCases || [];
  return (repeat.contactsInWindow >= 3 || !open.length ? t('repeatMany') : t('repeatOpen'))
    .replace('{n}', repeat.contactsInWindow).replace('{case}', open[0] ?? '');
}

function render(view) {
  const flag = $('resident-repeat');
  flag.hidden = !view.repeat.repeat;
  flag.textContent = view.repeat.repeat ? `${t('repeatCaller')} · ${repeatReason(view.repeat)}` : '';
  const who = view.resident;
  const earlier = view.contacts.filter(c => !c.current);
  const parts = [
    el('div', {}, el('strong', { class: 'sender' }, view.sender || '—'), ' ', channelName(view.channel),
      who?.name ? ` · ${who.name}` : '', who?.address ? ` · ${who.address}` : ''),
    el('div', { class: 'muted' }, `${t('contactsIn30Days')} ${view.repeat.contactsInWindow} ${t('times')} · `
      + summary(view)),
  ];
  if (view.elderlyLine && view.sender) parts.push(elderly(view.sender));
  parts.push(el('h3', {}, t('earlierContactsOf')));
  parts.push(earlier.length ? el('table', { class: 'history', id: 'resident-contacts' },
    el('tr', {}, el('th', {}, t('when')), el('th', {}, t('channel')), el('th', {}, t('description')),
      el('th', {}, t('caseNumber'))),
    earlier.map(c => el('tr', { 'data-contact': c.id }, el('td', {}, when(c.receivedAt)),
      el('td', {}, channelName(c.channel)), el('td', {}, c.text || ''),
      el('td', {}, c.caseNumber ? caseLink(c.caseNumber) : ''))))
    : el('p', { class: 'muted' }, t('noHistory')));
  parts.push(el('h3', {}, t('casesOf')));
  parts.push(view.cases.length ? el('table', { class: 'history', id: 'resident-cases' },
    el('tr', {}, el('th', {}, t('caseNumber')), el('th', {}, t('when')), el('th', {}, t('channel')),
      el('th', {}, t('category')), el('th', {}, t('state'))),
    view.cases.map(c => el('tr', { 'data-case': c.number }, el('td', {}, caseLink(c.number)),
      el('td', {}, when(c.createdAt)), el('td', {}, channelName(c.channel)),
      el('td', {}, c.categoryName || c.categoryCode || ''),
      el('td', {}, el('span', { class: 'badge' + (c.open ? ' open' : '') }, c.stateName)))))
    : el('p', { class: 'muted' }, t('none')));
  $('resident').replaceChildren(...parts);
}

/** The 12349 profile of the device with this SIM, and its open alarms; filled in when they arrive. */
function elderly(phone) {
  const box = el('div', { class: 'elderly', id: 'elderly' }, el('strong', {}, t('elderlyProfile')), ' ',
    el('span', { class: 'muted' }, t('loading')));
  Promise.all([api('GET', `/api/devices/profile?phone=${encodeURIComponent(phone)}`),
    api('GET', '/api/devices/open-alarms')]).then(([device, alarms]) => {
    const mine = alarms.filter(a => a.deviceId === device.deviceId);
    const age = device.birthYear ? new Date().getFullYear() - device.birthYear : null;
    box.replaceChildren(el('strong', {}, t('elderlyProfile')),
      el('dl', {},
        el('dt', {}, t('residentName')), el('dd', { class: 'name' }, device.residentName,
          age ? ` · ${t('age')} ${age}${t('years')}` : ''),
        el('dt', {}, t('address')), el('dd', {}, device.address),
        el('dt', {}, t('healthNotes')), el('dd', {}, device.healthNotes || '—'),
        el('dt', {}, t('emergencyContacts')), el('dd', {}, device.emergencyContacts
          .map(c => `${c.name}（${c.relation}）${c.phone}`).join('；')),
        el('dt', {}, t('device')), el('dd', {}, `${device.deviceId} · SIM ${device.simNumber}`),
        el('dt', {}, t('openAlarms')), el('dd', {}, mine.length ? mine.map(a => el('div', { class: 'alarm' },
          `${when(a.receivedAt)} ${a.typeName || a.type}`, a.caseNumber ? [' · ', caseLink(a.caseNumber)] : ''))
          : t('noOpenAlarms'))));
  }).catch(e => {
    box.replaceChildren(el('strong', {}, t('elderlyProfile')), ' ',
      el('span', { class: 'muted' }, e.status === 404 || /no device/.test(e.message) ? t('noProfile') : e.message));
  });
  return box;
}

function caseLink(number) {
  return el('a', { class: 'case-link', 'data-open-case': number, onclick: () => openCase(number) }, number);
}

// ---- one case, read-only, over the desk

async function openCase(number) {
  const modal = $('case-view');
  $('case-view-title').textContent = `${t('caseNo')} ${number}`;
  $('case-view-body').replaceChildren(el('p', { class: 'muted' }, t('loading')));
  modal.classList.add('open');
  modal.dataset.number = number;
  try {
    const c = await api('GET', `/api/cases/${encodeURIComponent(number)}`);
    $('case-view-body').replaceChildren(
      el('p', {}, el('span', { class: 'badge' + (c.state && !/CLOSED|MERGED|CANCELLED|RESOLVED|EVALUATED|FOLLOWED/
        .test(c.state) ? ' open' : '') }, `${c.state} ${c.stateName}`), ' ', channelName(c.channel), ' · ',
      c.categoryCode || '', c.assignee ? ` · ${t('assignee')} ${c.assignee}` : ''),
      el('p', {}, c.description || ''),
      el('p', { class: 'muted' }, c.address || ''),
      el('table', { class: 'history' }, el('tr', {}, el('th', {}, t('when')), el('th', {}, t('state')),
        el('th', {}, t('agent')), el('th', {}, t('why'))),
      (c.log || []).map(e => el('tr', {}, el('td', {}, when(e.at)), el('td', {}, e.toName || e.to || ''),
        el('td', {}, e.actor || ''), el('td', {}, [e.reason, e.note].filter(Boolean).join(' · '))))));
  } catch (e) {
    $('case-view-body').replaceChildren(el('p', { class: 'error' }, e.message));
  }
}

function closeCase() {
  $('case-view').classList.remove('open');
}

document.addEventListener('civicline:open-case', event => openCase(event.detail.number));
$('case-view-close').onclick = closeCase;
document.addEventListener('keydown', event => {
  if (event.key === 'Escape' && $('case-view').classList.contains('open')) { event.preventDefault(); closeCase(); }
});

// The history follows the desk's own steps: a case registered for this contact, then resolved, dispatched or merged.
const reload = () => { if (shown) show(shown, true); };
new MutationObserver(reload).observe($('case-actions'), { attributes: true, attributeFilter: ['data-number'] });
new MutationObserver(reload).observe($('action-result'), { attributes: true, attributeFilter: ['data-outcome'] });
document.addEventListener('civicline:case-changed', reload);
