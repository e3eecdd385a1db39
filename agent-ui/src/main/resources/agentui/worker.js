import { api, me, live, el } from '/ui/api.js';
import { applyTexts, t } from '/ui/i18n.js';
import { Outbox, problemText } from '/ui/worker-queue.js';

applyTexts();
const $ = id => document.getElementById(id);
const RANK = { OFFERED: 0, ACCEPTED: 1, ARRIVED: 2, HANDLED: 3, FINISHED: 4, REJECTED: 5 };
const TARGET = { accept: 'ACCEPTED', reject: 'REJECTED', arrive: 'ARRIVED', handle: 'HANDLED', finish: 'FINISHED' };
const POSITION_EVERY_MS = 60000;
const MAX_PHOTO_SIDE = 1600;
const state = { user: null, worker: null, tasks: [], cases: new Map(), categories: new Map(), errors: new Map(),
  drafts: JSON.parse(localStorage.getItem('civicline.worker.drafts') || '{}') };
let outbox;

function saveDrafts() {
  localStorage.setItem('civicline.worker.drafts', JSON.stringify(state.drafts));
}

function draft(taskId) {
  return state.drafts[taskId] || (state.drafts[taskId] = { note: '', reason: '', photos: [], lon: '', lat: '' });
}

/** The worker's own tasks, from the server, then the case behind each (cached). */
async function refresh() {
  try {
    const answer = await api('GET', `/api/grid/workers/${encodeURIComponent(state.user.workerId)}`);
    state.worker = answer.worker;
    state.tasks = answer.tasks;
    $('on-duty').checked = pendingDuty() ?? answer.worker.onDuty;
    await Promise.all(state.tasks.filter(task => !state.cases.has(task.caseNumber)).map(async task => {
      try { state.cases.set(task.caseNumber, await api('GET', `/api/cases/${encodeURIComponent(task.caseNumber)}`)); }
      catch (e) { /* shown with the number only */ }
    }));
    $('worker-error').textContent = '';
  } catch (e) {
    $('worker-error').textContent = `${t('offlineKept')} (${e.message})`;
  }
  render();
}

function pendingDuty() {
  const last = outbox.pending(i => i.kind === 'presence').pop();
  return last ? last.body.onDuty : null;
}

/** The stage shown: the server's, moved on by steps still waiting in the outbox. */
function stageOf(task) {
  let stage = task.stage;
  for (const item of outbox.pending(i => i.taskId === task.id && i.kind === 'step')) {
    if (RANK[TARGET[item.step]] > RANK[stage]) stage = TARGET[item.step];
  }
  return stage;
}

function render() {
  const box = $('tasks');
  // A live notice must not take the cursor away from a note being typed.
  const typing = box.contains(document.activeElement) && document.activeElement.matches('input:not([type=file]), textarea')
    ? { task: document.activeElement.closest('[data-task]')?.dataset.task, cls: document.activeElement.className } : null;
  box.replaceChildren();
  const shown = state.tasks.filter(task => !['REJECTED', 'FINISHED'].includes(stageOf(task)));
  if (!shown.length) { box.append(el('p', { class: 'muted' }, t('noTasks'))); return; }
  shown.forEach(task => box.append(card(task)));
  if (typing && typing.cls) {
    const again = box.querySelector(`[data-task="${CSS.escape(typing.task || '')}"] .${CSS.escape(typing.cls)}`);
    if (again) { again.focus(); again.selectionStart = again.selectionEnd = again.value.length; }
  }
}

function card(task) {
  const stage = stageOf(task);
  const c = state.cases.get(task.caseNumber);
  const d = draft(task.id);
  const waiting = outbox.pending(i => i.taskId === task.id).length;
  const node = el('article', { class: `task ${stage}`, 'data-task': task.id, 'data-stage': stage },
    el('span', { class: `pill stage ${stage}` }, t('STAGE_' + stage)),
    el('h2', {}, `${t('caseNo')} ${task.caseNumber}`),
    c ? el('div', {}, el('strong', {}, state.categories.get(c.categoryCode) || c.categoryCode || ''), ' · ',
      c.description) : '',
    el('div', { class: 'muted' }, `${t('address')}: ${c?.address || '—'}`),
    stage === 'OFFERED' && task.expiresAt
      ? el('div', { class: 'muted' }, `${t('acceptBy')} ${new Date(task.expiresAt).toLocaleTimeString()}`) : '',
    waiting ? el('div', { class: 'pending' }, `${t('waitingToSend')} (${waiting})`) : '',
    el('p', { class: 'error', role: 'alert' }, state.errors.get(task.id) || ''));
  const actions = el('div', { class: 'actions' });
  node.append(actions);
  if (stage === 'OFFERED') {
    const reason = el('input', { class: 'reason', placeholder: t('rejectReason'), 'aria-label': t('rejectReason') });
    reason.value = d.reason;
    reason.oninput = () => { d.reason = reason.value; saveDrafts(); };
    actions.append(el('button', { class: 'ok accept', onclick: () => step(task, 'accept') }, t('acceptTask')),
      el('button', { class: 'bad reject', onclick: () => {
        if (!reason.value.trim()) { showError(task.id, `${t('reason')}: ${t('required')}`); reason.focus(); return; }
        step(task, 'reject', { reason: reason.value.trim() });
      } }, t('rejectTask')), reason);
  }
  if (stage === 'ACCEPTED' || stage === 'ARRIVED') actions.append(...navigateLinks(task, c));
  if (stage === 'ACCEPTED') {
    const lon = el('input', { class: 'lon', inputmode: 'decimal', placeholder: t('longitude') });
    const lat = el('input', { class: 'lat', inputmode: 'decimal', placeholder: t('latitude') });
    lon.value = d.lon; lat.value = d.lat;
    lon.oninput = () => { d.lon = lon.value; saveDrafts(); };
    lat.oninput = () => { d.lat = lat.value; saveDrafts(); };
    const typed = el('div', { class: 'typed', hidden: d.typed ? undefined : '' }, lon, lat,
      el('button', { class: 'typed-arrive', onclick: () => arriveTyped(task, lon.value, lat.value) }, t('useTyped')));
    actions.append(el('button', { class: 'primary arrive', onclick: () => arrive(task) }, t('arrived')), typed);
  }
  if (stage === 'ACCEPTED' || stage === 'ARRIVED') actions.append(photoPicker(task, d));
  if (stage === 'ARRIVED') {
    const note = el('textarea', { class: 'note', placeholder: t('handleNote'), 'aria-label': t('handleNote') });
    note.value = d.note;
    note.oninput = () => { d.note = note.value; saveDrafts(); };
    actions.append(note, el('button', { class: 'ok finish', onclick: () => {
      if (!note.value.trim()) { showError(task.id, `${t('handleNote')}: ${t('required')}`); note.focus(); return; }
      step(task, 'handle', { note: note.value.trim(), photoIds: d.photos.map(p => p.id) });
      step(task, 'finish', {});
    } }, t('finishTask')));
  }
  if (stage === 'HANDLED') actions.append(el('button', { class: 'ok finish', onclick: () => step(task, 'finish', {}) },
    t('finishTask')));
  return node;
}

/** A geo: link for the phone's own map app, and a web map for phones without one (WGS84 positions). */
function navigateLinks(task, c) {
  const { longitude: lon, latitude: lat } = task.place;
  const label = encodeURIComponent(c?.address || task.caseNumber);
  return [el('a', { class: 'nav', href: `geo:${lat},${lon}?q=${lat},${lon}(${label})` }, t('navigate')),
    el('a', { class: 'nav', target: '_blank', rel: 'noopener',
      href: `https://uri.amap.com/marker?position=${lon},${lat}&name=${label}&coordinate=wgs84&callnative=1` },
    t('webMap'))];
}

function photoPicker(task, d) {
  const input = el('input', { type: 'file', accept: 'image/*', capture: 'environment', class: 'photo',
    'aria-label': t('takePhoto') });
  input.onchange = async () => {
    for (const file of input.files) {
      try {
        const dataUrl = await shrink(file);
        const id = outbox.add({ kind: 'photo', taskId: task.id, method: 'POST', contentType: 'image/jpeg',
          path: `/api/grid/tasks/${encodeURIComponent(task.id)}/photos`, dataUrl });
        d.photos.push({ id, preview: dataUrl.length < 400000 ? dataUrl : null });
        saveDrafts();
      } catch (e) {
        showError(task.id, `${t('photo')}: ${e.message}`);
      }
    }
    render();
  };
  return el('div', { class: 'photo-box' }, el('label', {}, t('takePhoto'), input),
    el('div', { class: 'photos', 'data-count': d.photos.length },
      d.photos.map(p => p.preview ? el('img', { src: p.preview, alt: t('photo') }) : el('span', {}, t('photo')))));
}

/** Phone photos are several megabytes: redrawn as a JPEG of at most 1600 px, so they pass a poor connection. */
function shrink(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(new Error(t('photoUnreadable')));
    reader.onload = () => {
      const img = new Image();
      img.onerror = () => reject(new Error(t('photoUnreadable')));
      img.onload = () => {
        const scale = Math.min(1, MAX_PHOTO_SIDE / Math.max(img.width, img.height));
        const canvas = document.createElement('canvas');
        canvas.width = Math.max(1, Math.round(img.width * scale));
        canvas.height = Math.max(1, Math.round(img.height * scale));
        canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
        resolve(canvas.toDataURL('image/jpeg', 0.8));
      };
      img.src = reader.result;
    };
    reader.readAsDataURL(file);
  });
}

function step(task, action, body = {}) {
  state.errors.delete(task.id);
  outbox.add({ kind: 'step', step: action, taskId: task.id, method: 'POST',
    path: `/api/grid/tasks/${encodeURIComponent(task.id)}/${action}`, body: { workerId: state.user.workerId, ...body } });
  render();
}

/** Arrival sends where the phone is; when the phone will not say, the worker types the position. */
function arrive(task) {
  if (!navigator.geolocation) { showTyped(task); return; }
  navigator.geolocation.getCurrentPosition(
    p => step(task, 'arrive', { longitude: p.coords.longitude, latitude: p.coords.latitude }),
    () => showTyped(task), { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 });
}

function showTyped(task) {
  draft(task.id).typed = true;
  saveDrafts();
  showError(task.id, t('gpsDenied'));
}

function arriveTyped(task, lon, lat) {
  const longitude = Number(lon), latitude = Number(lat);
  if (!lon || !Number.isFinite(longitude) || Math.abs(longitude) > 180) {
    showError(task.id, `${t('longitude')}: ${t('badNumber')}`); return;
  }
  if (!lat || !Number.isFinite(latitude) || Math.abs(latitude) > 90) {
    showError(task.id, `${t('latitude')}: ${t('badNumber')}`); return;
  }
  step(task, 'arrive', { longitude, latitude });
}

function showError(taskId, message) {
  state.errors.set(taskId, message);
  render();
}

/** Called for every answered outbox entry. A 409 on a step the task has already passed means an earlier try got through. */
async function answered(item, answer) {
  if (item.taskId && !answer.ok) {
    let passed = false;
    if (answer.status === 409 && item.kind === 'step') {
      try {
        const now = await api('GET', `/api/grid/tasks/${encodeURIComponent(item.taskId)}`);
        passed = now.assignee === state.user.workerId && RANK[now.stage] >= RANK[TARGET[item.step]];
      } catch (e) { /* reported below */ }
    }
    if (!passed) state.errors.set(item.taskId, `${t('STEP_' + item.step) || item.step}: ${problemText(answer.data)}`);
  } else if (!answer.ok) {
    $('worker-error').textContent = problemText(answer.data);
  }
  if (item.kind === 'step' && answer.ok && item.step === 'finish') delete state.drafts[item.taskId];
  saveDrafts();
  if (item.kind !== 'location') await refresh();
}

function setDuty(onDuty) {
  outbox.add({ kind: 'presence', method: 'PUT', path: `/api/grid/workers/${encodeURIComponent(state.user.workerId)}/presence`,
    body: { onDuty } }, 'presence');
  if (onDuty) reportPosition();
}

/** While on duty the position goes out every minute; only the latest waits in the outbox. */
function reportPosition() {
  if (!navigator.geolocation || !$('on-duty').checked) return;
  navigator.geolocation.getCurrentPosition(p => outbox.add({ kind: 'location', method: 'PUT',
    path: `/api/grid/workers/${encodeURIComponent(state.user.workerId)}/location`,
    body: { longitude: p.coords.longitude, latitude: p.coords.latitude } }, 'location'),
  () => { /* no position: presence alone still works */ }, { timeout: 15000, maximumAge: 60000 });
}

function showQueue(count) {
  $('queue').dataset.pending = String(count);
  $('queue').textContent = count ? `${t('waitingToSend')} ${count}` : t('allSent');
}

(async () => {
  state.user = await me();
  if (state.user.role !== 'GRID_WORKER') { location.href = '/ui/login.html'; return; }
  $('worker-name').textContent = `${state.user.name} (${state.user.workerId})`;
  outbox = new Outbox(`civicline.worker.outbox.${state.user.workerId}`, answered, showQueue);
  showQueue(outbox.pending().length);
  $('on-duty').onchange = () => setDuty($('on-duty').checked);
  try {
    (await api('GET', '/api/categories')).forEach(c => state.categories.set(c.code, c.name));
  } catch (e) { /* codes shown instead of names */ }
  live(frame => {
    if (frame.type === 'GridTaskChanged') {
      if (frame.data.stage === 'OFFERED' && navigator.vibrate) navigator.vibrate([200, 100, 200]);
      refresh();
    }
  }, () => {
    // Notices missed while the socket was down are read back from the server.
    $('connection').className = 'pill ONLINE';
    $('connection').textContent = t('online');
    outbox.kick();
    refresh();
  });
  window.addEventListener('offline', () => {
    $('connection').className = 'pill OFFLINE';
    $('connection').textContent = t('offlineKept');
  });
  setInterval(reportPosition, POSITION_EVERY_MS);
  await refresh();
  document.body.dataset.ready = 'true';
})();
