import { api, useCsrf } from '/ui/api.js';
import { applyTexts } from '/ui/i18n.js';

const HOME = { AGENT: '/ui/desk.html', SUPERVISOR: '/ui/wallboard.html', ADMIN: '/ui/wallboard.html',
  GRID_WORKER: '/ui/worker.html', DEPARTMENT: '/ui/department.html' };

applyTexts();
document.getElementById('form').addEventListener('submit', async event => {
  event.preventDefault();
  const error = document.getElementById('error');
  error.textContent = '';
  try {
    const answer = await api('POST', '/api/auth/login', {
      username: document.getElementById('username').value.trim(),
      password: document.getElementById('password').value,
    });
    useCsrf(answer.csrfToken);
    location.href = HOME[answer.user.role] || '/ui/desk.html';
  } catch (e) {
    error.textContent = e.message;
  }
});
