// The knowledge base for supervisors: search, create, change and delete articles and canned answers. A change names
// the version it was made to; when someone else saved meanwhile the server refuses it and the page shows theirs.
import { api, requireSession, signOut } from '/assets/api.js';
import { connectEvents, bannerFor } from '/assets/events.js';
import { el, when } from '/assets/format.js';

const $ = (id) => document.getElementById(id);
const session = await requireSession(['supervisor', 'admin']);
const FIELDS = ['title', 'tags', 'body'];
let editing = null; // the entry as last read, or null for a new one

$('who').textContent = `${session.name} (${session.role})`;
$('sign-out').addEventListener('click', () => signOut());
$('search').addEventListener('submit', (e) => { e.preventDefault(); list(); });
$('new').addEventListener('click', () => edit(null));
$('editor').addEventListener('submit', (e) => { e.preventDefault(); save(); });
$('delete').addEventListener('click', () => remove());

async function list() {
  try {
    const found = await api.get(`/api/v1/knowledge?limit=100&q=${encodeURIComponent($('q').value.trim())}`);
    $('list').replaceChildren(...found.articles.map(row));
    if (found.articles.length === 0) {
      const empty = document.createElement('tr');
      const cell = el('td', 'Nothing found.', 'muted');
      cell.colSpan = 3;
      empty.append(cell);
      $('list').replaceChildren(empty);
    }
    $('error').textContent = '';
  } catch (e) {
    $('error').textContent = e.message;
  }
}

function row(article) {
  const tr = document.createElement('tr');
  tr.tabIndex = 0;
  tr.dataset.article = article.id;
  tr.setAttribute('aria-selected', String(editing !== null && editing.id === article.id));
  tr.append(el('td', article.title), el('td', article.kind), el('td', `${when(article.updatedAt)} · ${article.updatedBy}`));
  const open = () => edit(article);
  tr.addEventListener('click', open);
  tr.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
  return tr;
}

function edit(article) {
  editing = article;
  $('editor-title').textContent = article ? `Edit “${article.title}” (version ${article.version})` : 'New entry';
  $('kind').value = article ? article.kind : 'answer';
  $('title').value = article ? article.title : '';
  $('tags').value = article ? article.tags.join(' ') : '';
  $('body').value = article ? article.body : '';
  $('delete').disabled = article === null;
  $('saved').textContent = '';
  clearErrors();
  for (const tr of $('list').children) tr.setAttribute('aria-selected', String(!!article && tr.dataset.article === article.id));
  $('title').focus();
}

function clearErrors() {
  FIELDS.forEach((f) => { $(`${f}-error`).textContent = ''; $(f).removeAttribute('aria-invalid'); });
  $('editor-error').textContent = '';
}

function fieldError(name, message) {
  $(`${name}-error`).textContent = message;
  $(name).setAttribute('aria-invalid', 'true');
  return false;
}

/** What the browser can check before asking: the same rules the server applies, shown next to each field. */
function valid(entry) {
  let ok = true;
  if (!entry.title) ok = fieldError('title', 'A title is required.');
  if (entry.title.length > 200) ok = fieldError('title', 'At most 200 characters.');
  if (!entry.body) ok = fieldError('body', 'The text is required.');
  const badTag = entry.tags.find((t) => !/^[\p{L}\p{N}-]{1,40}$/u.test(t));
  if (badTag) ok = fieldError('tags', `“${badTag}” is not a tag: one word of letters, digits or dashes, 40 at most.`);
  if (entry.tags.length > 16) ok = fieldError('tags', 'At most 16 tags.');
  return ok;
}

async function save() {
  clearErrors();
  const entry = {
    kind: $('kind').value,
    title: $('title').value.trim(),
    body: $('body').value.trim(),
    tags: $('tags').value.split(/[\s,]+/).filter((t) => t),
  };
  if (!valid(entry)) return;
  try {
    const saved = editing
      ? await api.put(`/api/v1/knowledge/${editing.id}`, { ...entry, version: editing.version })
      : await api.post('/api/v1/knowledge', entry);
    await list();
    edit(saved);
    $('saved').textContent = `Saved (version ${saved.version}).`;
  } catch (e) {
    showRefusal(e);
  }
}

/** The server's refusal next to the field it names, or under the form. */
function showRefusal(e) {
  if (e.error === 'stale') {
    $('editor-error').textContent = `${e.message}. Your text is still here: copy what you need, then reopen the entry.`;
    return;
  }
  if (e.error === 'title_taken') {
    fieldError('title', e.message);
    return;
  }
  const field = FIELDS.find((f) => e.message.toLowerCase().includes(f === 'tags' ? 'tag' : f));
  if (e.status === 400 && field) fieldError(field, e.message);
  else $('editor-error').textContent = e.message;
}

async function remove() {
  if (!editing || !confirm(`Delete “${editing.title}”?`)) return;
  try {
    await api.del(`/api/v1/knowledge/${editing.id}?version=${editing.version}`);
    edit(null);
    await list();
  } catch (e) {
    showRefusal(e);
  }
}

edit(null);
await list();

// the connection to the center: said when it drops; once back, the list is read again (someone may have saved meanwhile)
connectEvents({ onEvent: () => {}, onStatus: bannerFor($('banner')), onResync: () => list() });
