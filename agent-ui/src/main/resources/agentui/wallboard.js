import { api, me, live, el } from '/ui/api.js';
import { applyTexts, t, presenceName, lang } from '/ui/i18n.js';
import { startMap } from '/ui/wallboard-map.js';
import { startOverdue } from '/ui/wallboard-overdue.js';
import { agentChanged, listenButton, startListenIn } from '/ui/wallboard-listen.js';

applyTexts();
const $ = id => document.getElementById(id);
const agents = new Map();
let chart = null;

function showLive(figures) {
  const waiting = Object.values(figures.waitingByChannel || {}).reduce((a, b) => a + b, 0);
  const longest = Math.max(0, ...Object.values(figures.longestWaitSeconds || {}));
  const alarms = (figures.waitingByChannel || {}).ONE_TOUCH || 0;
  $('waiting').textContent = waiting;
  $('longest').textContent = longest + ' ' + t('seconds');
  $('offers').textContent = figures.offersOutstanding;
  $('alarms').textContent = alarms;
  $('tile-alarms').classList.toggle('hot', alarms > 0);
}

function renderAgents() {
  const body = $('agents');
  body.replaceChildren();
  [...agents.values()].sort((a, b) => a.agentId.localeCompare(b.agentId)).forEach(a => {
    body.append(el('tr', { 'data-agent': a.agentId },
      el('td', {}, a.agentId),
      el('td', {}, el('span', { class: 'pill ' + a.presence }, presenceName(a.presence) + (a.reason ? ' · ' + a.reason : ''))),
      el('td', {}, (a.contactIds || []).length),
      el('td', {}, a.presence === 'OFFLINE' ? '' : el('button', { onclick: () => setAway(a.agentId) }, t('setAway')),
        listenButton(a))));
  });
}

async function setAway(agentId) {
  try { agents.set(agentId, await api('POST', `/api/supervisor/agents/${encodeURIComponent(agentId)}/away`)); renderAgents(); }
  catch (e) { alert(e.message); }
}

let refreshTimer = null;
function refreshDaySoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refreshDay, 1000);
}

async function refreshDay() {
  const now = new Date();
  const from = new Date(now); from.setHours(0, 0, 0, 0);
  const rows = await api('GET', `/api/routing/stats?period=interval&from=${from.toISOString()}&to=${now.toISOString()}`);
  const totals = rows.filter(r => r.channel === undefined || r.channel === null);
  const answered = totals.reduce((a, r) => a + r.answered, 0);
  const abandoned = totals.reduce((a, r) => a + r.abandoned, 0);
  $('answered').textContent = answered;
  $('abandoned').textContent = abandoned;
  const withSl = totals.filter(r => r.serviceLevel != null);
  const slCount = withSl.reduce((a, r) => a + r.answered + r.abandoned, 0);
  const sl = slCount ? withSl.reduce((a, r) => a + r.serviceLevel * (r.answered + r.abandoned), 0) / slCount : null;
  $('sl').textContent = sl == null ? '—' : Math.round(sl * 100) + '%';
  const asaRows = totals.filter(r => r.asaSeconds != null);
  const asa = answered ? asaRows.reduce((a, r) => a + r.asaSeconds * r.answered, 0) / answered : null;
  $('asa').textContent = asa == null ? '—' : Math.round(asa) + ' ' + t('seconds');
  if (window.echarts) {
    chart = chart || window.echarts.init($('chart'));
    const labels = totals.map(r => new Date(r.from).toTimeString().slice(0, 5));
    chart.setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { data: [t('arrivals'), t('serviceLevel')] },
      xAxis: { type: 'category', data: labels },
      yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }],
      series: [
        { name: t('arrivals'), type: 'bar', data: totals.map(r => r.offered), itemStyle: { color: '#0b5cad' } },
        { name: t('serviceLevel'), type: 'line', yAxisIndex: 1,
          data: totals.map(r => r.serviceLevel == null ? null : Math.round(r.serviceLevel * 100)), itemStyle: { color: '#1a7f37' } },
      ],
    });
  }
}

function alertLine(alert) {
  const list = $('alerts');
  list.prepend(el('li', {}, new Date(alert.at).toTimeString().slice(0, 8) + ' ' + alert.message));
  while (list.children.length > 20) list.lastChild.remove();
}

// Cases, workers and alarms are not on the live socket: the map and the overdue list read them every 30 s.
const CASE_VIEWS_EVERY_MS = 30000;
let refreshCaseViews = () => {};

async function startCaseViews() {
  const categories = new Map((await api('GET', '/api/categories').catch(() => [])).map(c => [c.code, c]));
  const categoryName = code => {
    const c = categories.get(code);
    return c ? (lang() === 'en' && c.nameEn ? c.nameEn : c.name) : code;
  };
  const views = await Promise.allSettled([
    window.L ? startMap($('map'), categoryName) : Promise.reject(new Error('Leaflet did not load')),
    startOverdue($('overdue'), $('overdue-status'), { categoryName, focus: number => map && map.focus(number) }),
  ]);
  const map = views[0].status === 'fulfilled' ? views[0].value : null;
  views.filter(v => v.status === 'rejected').forEach(v => alertLine({ at: Date.now(), message: v.reason.message }));
  refreshCaseViews = () => views.forEach(v => v.status === 'fulfilled' && v.value.refresh().catch(() => {}));
  setInterval(refreshCaseViews, CASE_VIEWS_EVERY_MS);
}

(async () => {
  const user = await me();
  if (user.role !== 'SUPERVISOR' && user.role !== 'ADMIN') { location.href = '/ui/login.html'; return; }
  $('user-name').textContent = user.name;
  startListenIn(user);
  showLive(await api('GET', '/api/routing/live'));
  (await api('GET', '/api/routing/agents')).forEach(a => agents.set(a.agentId, a));
  renderAgents();
  refreshDay().catch(() => {});
  live(frame => {
    if (frame.type === 'LiveFigures') showLive(frame.data);
    else if (frame.type === 'AgentStatus') { agents.set(frame.data.agentId, frame.data); renderAgents(); agentChanged(frame.data); }
    else if (frame.type === 'SupervisorAlert') { alertLine(frame.data); refreshCaseViews(); }
    else if (frame.type === 'ContactAssigned' || frame.type === 'OfferMade') refreshDaySoon();
  });
  await startCaseViews();
  document.body.dataset.ready = 'true';
})();
