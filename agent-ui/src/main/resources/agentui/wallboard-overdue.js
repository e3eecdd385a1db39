// The supervision list (督办) on the wallboard: overdue cases, with urge (催办) and reassign (改派).
import { api, el } from '/ui/api.js';
import { t } from '/ui/i18n.js';

// The department's clock runs in these states (HandlingStep.RUNNING): only then is there someone to urge.
const URGEABLE = ['DISPATCHED', 'IN_PROGRESS', 'REOPENED'];
// The workflow re-dispatches only a case nobody has signed for yet (CaseState: DISPATCHED → DISPATCHED).
const REASSIGNABLE = ['DISPATCHED', 'RETURNED', 'REOPENED'];

export function startOverdue(body, status, { categoryName, focus }) {
  let departments = [];

  async function act(button, request, doneText) {
    button.disabled = true;
    status.classList.remove('error');
    try {
      await request();
      status.textContent = doneText;
    } catch (e) {
      status.classList.add('error');
      status.textContent = e.message;
    }
    await refresh();
  }

  function row(entry) {
    const number = encodeURIComponent(entry.number);
    const urge = el('button', { 'data-action': 'urge',
      title: URGEABLE.includes(entry.state) ? '' : t('urgeOnlyHandling') }, t('urge'));
    urge.disabled = !URGEABLE.includes(entry.state);
    urge.addEventListener('click', () => act(urge, () => api('POST', `/api/supervisor/cases/${number}/urge`, {}),
      `${t('urged')}: ${entry.number}`));
    const target = el('select', { 'aria-label': t('reassign') },
      departments.filter(d => d.name !== entry.assignee).map(d => el('option', { value: d.name }, d.name)));
    const reassign = el('button', { 'data-action': 'reassign',
      title: REASSIGNABLE.includes(entry.state) ? '' : t('reassignOnlyDispatched') }, t('reassign'));
    reassign.disabled = target.disabled = !REASSIGNABLE.includes(entry.state);
    reassign.addEventListener('click', () => act(reassign, () => api('POST', `/api/cases/${number}/dispatch`,
      { department: target.value }), `${t('reassigned')}: ${entry.number} → ${target.value}`));
    return el('tr', { 'data-case': entry.number },
      el('td', {}, el('a', { href: '#map', onclick: () => focus(entry.number) }, entry.number)),
      el('td', {}, categoryName(entry.categoryCode)), el('td', {}, entry.assignee || '—'),
      el('td', {}, entry.why === 'HANDLING' ? t('handlingOverdue') : t('verificationOverdue')),
      el('td', {}, (entry.overdueWorkingMinutes / 60).toFixed(1)),
      el('td', {}, `${entry.reminders} / ${entry.supervisions}`), el('td', {}, urge, ' ', target, ' ', reassign));
  }

  async function refresh() {
    const list = await api('GET', '/api/supervisor/supervision');
    body.replaceChildren(...(list.length ? list.map(row)
      : [el('tr', {}, el('td', { colspan: 7, class: 'muted' }, t('none')))]));
    body.dataset.count = list.length;
  }

  return (async () => {
    departments = await api('GET', '/api/departments').catch(() => []);
    await refresh();
    return { refresh };
  })();
}
