import { api, homeOf, setCsrfToken } from '/assets/api.js';

const form = document.getElementById('sign-in');
const error = document.getElementById('error');
const submit = document.getElementById('submit');

// Already signed in: straight to work.
api.get('/api/v1/session').then((session) => location.assign(homeOf(session.role)), () => {});

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  error.textContent = '';
  const name = form.name.value.trim();
  const password = form.password.value;
  if (!name || !password) {
    error.textContent = 'Enter your user name and password.';
    return;
  }
  submit.disabled = true;
  try {
    const session = await api.post('/api/v1/session', { name, password });
    setCsrfToken(session.csrfToken);
    location.assign(homeOf(session.role));
  } catch (failure) {
    error.textContent = failure.status === 401 ? 'Wrong user name or password.' : failure.message;
    form.password.value = '';
    form.password.focus();
  } finally {
    submit.disabled = false;
  }
});
