// The department handler's desk: the cases assigned to their department, and sign-for, feedback, extension, return.
import { api, me, el } from '/ui/api.js';
import { applyTexts, t, lang } from '/ui/i18n.js';

applyTexts();
const $ = id => document.getElementById(id);
const categories = new Map();
let department = null;
let cases = [];
let selected = null;

// What each state allows, as the workflow (CaseState) and Extensions decide it: the page offers only those steps,
// so a handler is not shown a button the server would refuse.
const ACTIONS = {
  DISPATCHED: ['accept', 'extension', 'return'],
  REOPENED: ['accept', 'extension'],
  IN_PROGRESS: ['feedback', 'extension', 'return'],
};
// Extensions count working hours; the calendar's working day has eight (09–12, 13–18).
const HOURS_PER_DAY = 8;

const path = (number, step) => `/api/cases/${encodeURIComponent(number)}/${step}`;
const when = at => new Date(at).toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN',
  { dateStyle: 'short', timeStyle: 'short' });
const stateName = c => (lang() === 'en' ? c.state.replace('_', ' ').toLowerCase() : c.stateName);

function categoryName(code) {
  const c = categories.get(code);
  return c ? (lang() === 'en' && c.nameEn ? c.nameEn : c.name) : code;
}

/** "2026-11-25 17:00 · 剩余 30 小时" in calendar hours; the server's limit counts working time. */
function deadlineText(deadline) {
  if (!deadline) return ['—', false];
  const hours = Math.round((new Date(deadline) - Date.now()) / 3600000);
  const left = hours >= 0 ? `${t('remaining')} ${hours} ${t('hours')}` : `${t('overdue')} ${-hours} ${t('hours')}`;
  return [`${when(deadline)} · ${left}`, hours < 0];
}

function flags(c) {
  const list = [];
  if (c.reminders) list.push(el('span', { class: 'flag hot' }, `${t('reminded')} ×${c.reminders}`));
  if (c.supervised) list.push(el('span', { class: 'flag hot' }, t('supervised')));
  if (c.extensionPending) list.push(el('span', { class: 'flag' }, t('extensionPending')));
  if (c.returns) list.push(el('span', { class: 'flag' }, `${t('returned')} ×${c.returns}`));
  return list;
}

function renderList() {
  const body = $('cases');
  body.replaceChildren(...cases.map(c => {
    const [deadline, late] = deadlineText(c.deadline);
    return el('tr', { 'data-case': c.number, 'data-state': c.state, class: c.number === selected ? 'selected' : '',
      onclick: () => select(c.number) },
    el('td', {}, c.number), el('td', {}, categoryName(c.categoryCode)),
    el('td', {}, (c.description || '').slice(0, 40)), el('td', { class: late ? 'late' : '' }, deadline),
    el('td', {}, flags(c)), el('td', {}, stateName(c)));
  }));
  $('empty').hidden = cases.length > 0;
}

async function renderDetail() {
  const c = cases.find(x => x.number === selected);
  $('pick').hidden = !!c;
  $('case').hidden = !c;
  if (!c) return;
  const allowed = ACTIONS[c.state] || [];
  $('case-title').textContent = `${c.number} · ${categoryName(c.categoryCode)} · ${stateName(c)}`;
  $('case').dataset.state = c.state;
  $('case-description').textContent = c.description || '';
  $('case-address').textContent = c.address || '';
  const [deadline, late] = deadlineText(c.deadline);
  $('case-deadline').textContent = `${t('deadline')}: ${deadline}`;
  $('case-deadline').className = late ? 'late' : '';
  $('accept').hidden = !allowed.includes('accept');
  $('feedback-form').hidden = !allowed.includes('feedback');
  $('extension-form').hidden = !allowed.includes('extension') || c.extensionPending;
  $('return-form').hidden = !allowed.includes('return');
  try {
    const view = await api('GET', `/api/cases/${encodeURIComponent(c.number)}`);
    $('log').replaceChildren(...view.log.map(e => el('li', {},
      `${when(e.at)} ${e.actor} ${e.toName}${e.note ? ' · ' + e.note : ''}`)));
  } catch (e) {
    $('log').replaceChildren();
  }
}

function select(number) {
  if (selected !== number) {
    $('error').textContent = '';
    $('result').textContent = '';
  }
  selected = number;
  renderList();
  renderDetail();
}

async function load() {
  cases = await api('GET', `/api/departments/${encodeURIComponent(department)}/cases`);
  renderList();
  await renderDetail();
  document.body.dataset.count = cases.length;
}

/** Runs one step on the selected case, then shows the list as the server now has it. */
async function step(name, body, form) {
  const number = selected;
  $('error').textContent = '';
  $('result').textContent = '';
  try {
    await api('POST', path(number, name), { department, ...body });
    if (form) form.reset();
    await load();
    // A case the department no longer holds (returned) leaves the list: say so without its state.
    const now = cases.find(c => c.number === number);
    $('result').textContent = `${t('done')}: ${number}${now ? ' → ' + stateName(now) : ''}`;
  } catch (e) {
    $('error').textContent = e.message;
    await load().catch(() => {});
  }
}

$('accept').addEventListener('click', () => step('accept', {}));
$('feedback-form').addEventListener('submit', event => {
  event.preventDefault();
  step('feedback', { text: $('feedback-text').value.trim(), publicReply: $('public-reply').value.trim() || undefined },
    event.target);
});
$('extension-form').addEventListener('submit', event => {
  event.preventDefault();
  step('extension', { workingHours: Number($('extension-days').value) * HOURS_PER_DAY,
    reason: $('extension-reason').value.trim() }, event.target);
});
$('return-form').addEventListener('submit', event => {
  event.preventDefault();
  step('return', { reason: $('return-reason').value.trim() }, event.target);
});
$('refresh').addEventListener('click', () => load().catch(e => { $('error').textContent = e.message; }));
// No socket feeds this page: it reads the list again whenever the handler comes back to the tab.
document.addEventListener('visibilitychange', () => { if (!document.hidden) load().catch(() => {}); });

(async () => {
  const user = await me();
  if (user.role !== 'DEPARTMENT' || !user.department) { location.href = '/ui/login.html'; return; }
  department = user.department;
  $('user-name').textContent = user.name;
  $('department-name').textContent = department;
  (await api('GET', '/api/categories').catch(() => [])).forEach(c => categories.set(c.code, c));
  await load();
  document.body.dataset.ready = 'true';
})();
