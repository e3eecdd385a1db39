// The case form's helpers: the category picker (pinyin initials, Chinese, code; keyboard), where the address lies
// (gazetteer), similar cases with merging, and the knowledge base with one-click answers.
import { api, el } from '/ui/api.js';
import { t } from '/ui/i18n.js';

const $ = id => document.getElementById(id);
const MAX_SHOWN = 12;
const state = { categories: [], byCode: new Map(), registered: null, similar: [], similarAsked: 0,
  pendingAnswer: null };

function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

// ---- category picker

/** Lower is better, null for no match; the server computed each name's pinyin initials (路灯照明 → ldzm). */
function rank(c, q) {
  const initials = c.initials || [];
  if (c.code === q || c.name === q) return 0;
  if (/^\d+$/.test(q)) return c.code.startsWith(q) ? 1 : null;
  if (c.name.includes(q)) return 2;
  if (/^[a-z]+$/.test(q) && initials.some(i => i.startsWith(q))) return 3;
  if ((c.keywords || []).some(k => k.includes(q))) return 4;
  if (/^[a-z]+$/.test(q) && initials.some(i => i.includes(q))) return 5;
  if (q.length >= 3 && (c.nameEn || '').toLowerCase().includes(q)) return 6;
  return null;
}

function matching(text) {
  const q = text.trim().toLowerCase().replace(/\s+/g, '');
  if (!q) return [];
  return state.categories.map((c, order) => ({ c, order, r: rank(c, q) }))
    .filter(h => h.r !== null)
    .sort((a, b) => a.r - b.r || (a.c.parentCode ? 0 : 1) - (b.c.parentCode ? 0 : 1) || a.order - b.order)
    .slice(0, MAX_SHOWN).map(h => h.c);
}

/**
 * A text field with a list of choices under it (WAI-ARIA combobox): typing asks {@code find} for the choices, the
 * arrow keys move, Enter chooses (instead of submitting the form), Esc closes.
 */
function combobox(input, list, find, render, choose, attributes = () => ({})) {
  const box = { shown: [], highlighted: -1 };
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    box.shown = [];
    box.highlighted = -1;
  };
  const highlight = index => {
    box.highlighted = index;
    list.querySelectorAll('li[role=option]').forEach((li, i) => {
      li.setAttribute('aria-selected', String(i === index));
      if (i === index) {
        li.scrollIntoView({ block: 'nearest' });
        input.setAttribute('aria-activedescendant', li.id);
      }
    });
  };
  const pick = item => { close(); choose(item); };
  const show = items => {
    box.shown = items;
    list.replaceChildren(...(items.length ? items.map((item, i) => el('li', { ...attributes(item), role: 'option',
      id: `${list.id}-${i}`, 'aria-selected': String(i === 0),
      onmousedown: event => { event.preventDefault(); pick(item); } }, render(item)))
      : [el('li', { class: 'muted' }, list.dataset.empty || '')]));
    list.hidden = items.length === 0 && !list.dataset.empty;
    input.setAttribute('aria-expanded', String(!list.hidden));
    highlight(items.length ? 0 : -1);
  };
  const refresh = async () => {
    const asked = input.value;
    const items = await find(asked);
    if (input.value === asked && document.activeElement === input) show(items);
  };
  input.addEventListener('input', refresh);
  input.addEventListener('keydown', event => {
    const open = !list.hidden && box.shown.length > 0;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) refresh();
      else highlight((box.highlighted + 1) % box.shown.length);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      highlight((box.highlighted - 1 + box.shown.length) % box.shown.length);
    } else if (event.key === 'Enter' && open && box.highlighted >= 0) {
      event.preventDefault(); // choosing is not submitting the form
      pick(box.shown[box.highlighted]);
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });
  input.addEventListener('blur', close);
}

$('category-list').dataset.empty = t('noCategory');
combobox($('category'), $('category-list'), async text => matching(text), c => [
  el('span', { class: 'code' }, c.code), el('span', {}, c.name),
  el('span', { class: 'parent' }, c.parentCode ? state.byCode.get(c.parentCode)?.name ?? '' : '')], c => {
  $('category').value = `${c.code} ${c.name}`;
  searchKnowledge();
  refreshSimilar();
}, c => ({ 'data-code': c.code }));

/** The category the form holds: one chosen from the list, or a code typed in front. */
function chosenCategory() {
  const code = $('category').value.trim().split(/\s+/)[0];
  return state.byCode.has(code) ? code : null;
}

// ---- where the address lies, from the gazetteer

const locate = debounce(async () => {
  const address = $('address').value.trim();
  const box = $('place-found');
  delete $('address').dataset.grid;
  delete $('address').dataset.lon;
  delete $('address').dataset.lat;
  if (address.length < 2) { box.textContent = ''; refreshSimilar(); return; }
  try {
    const found = await api('GET', `/api/grid/resolve?address=${encodeURIComponent(address)}`);
    if ($('address').value.trim() !== address) return; // typed on meanwhile
    if (found.grid) {
      $('address').dataset.grid = found.grid.code;
      if (found.grid.center) {
        $('address').dataset.lon = found.grid.center.longitude;
        $('address').dataset.lat = found.grid.center.latitude;
      }
      box.textContent = `${t('placeFound')}: ${found.matched || ''} → ${found.grid.code} ${found.grid.name}`;
      box.dataset.grid = found.grid.code;
    }
  } catch (e) {
    box.textContent = `${t('placeFound')}: ${t('placeUnknown')}`;
    delete box.dataset.grid;
  }
  refreshSimilar();
}, 400);
$('address').addEventListener('input', locate);
combobox($('address'), $('address-list'), async text => {
  if (text.trim().length < 2) return [];
  try {
    return (await api('GET', `/api/grid/places?q=${encodeURIComponent(text.trim().slice(0, 50))}`)).results;
  } catch (e) { return []; }
}, p => [el('span', {}, p.text), el('span', { class: 'parent' }, p.kind === 'place' ? p.grid : `${p.kind} · ${p.grid}`)],
p => {
  // A road needs its house number: the field keeps the road and the agent types on.
  $('address').value = p.text;
  $('address').focus();
  locate();
}, p => ({ 'data-grid': p.grid }));

// ---- similar cases

const refreshSimilar = debounce(async () => {
  const category = chosenCategory();
  const text = `${$('description').value} ${$('address').value}`.trim();
  const grid = $('address').dataset.grid;
  if (!category && text.length < 4) { renderSimilar(null); return; }
  const params = new URLSearchParams();
  if (category) params.set('category', category);
  if (text) params.set('text', text.slice(0, 600));
  if (grid) params.set('grid', grid);
  // Only the grid's centre is known for a typed address: the same cell counts as near, the centre gives the order.
  if ($('address').dataset.lon) {
    params.set('lon', $('address').dataset.lon);
    params.set('lat', $('address').dataset.lat);
  }
  const asked = ++state.similarAsked;
  try {
    const found = (await api('GET', `/api/desk/similar-cases?${params}`)).results;
    if (asked === state.similarAsked) renderSimilar(found); // a later question may have been answered first
  } catch (e) {
    $('similar').replaceChildren(el('li', { class: 'error' }, e.message));
  }
}, 500);
$('description').addEventListener('input', refreshSimilar);

function renderSimilar(results) {
  if (results !== undefined) state.similar = results;
  const list = $('similar');
  if (!state.similar) { list.replaceChildren(el('li', { class: 'muted' }, t('similarHint'))); return; }
  const shown = state.similar.filter(c => c.number !== state.registered);
  if (!shown.length) { list.replaceChildren(el('li', { class: 'muted' }, t('noSimilar'))); return; }
  list.replaceChildren(...shown.map(c => {
    const why = c.near ? `${t('near')}${c.distanceMeters >= 0 ? ' ' + c.distanceMeters + ' ' + t('meters') : ''}`
      : `${t('sameText')} ${Math.round(c.textOverlap * 100)}%`;
    const row = el('li', { 'data-case': c.number },
      el('div', {},
        el('a', { class: 'case-link', onclick: () => openCase(c.number) }, c.number), ' ',
        el('span', { class: 'badge' + (c.open ? ' open' : '') }, c.stateName), ' ',
        el('span', { class: 'muted' }, categoryName(c.categoryCode), ' · ', why)),
      el('div', { class: 'body' }, [c.address, c.description].filter(Boolean).join(' · ')));
    if (state.registered && c.open) {
      row.append(el('button', { class: 'merge', onclick: () => merge(c.number, row) }, t('mergeInto')));
    }
    return row;
  }));
}

/** The case just registered is the duplicate: it ends as MERGED and follows {@code into}. */
async function merge(into, row) {
  try {
    const duplicate = state.registered;
    await api('POST', `/api/cases/${encodeURIComponent(duplicate)}/merge`, { into, reason: t('mergeReason') });
    row.querySelectorAll('button').forEach(b => b.remove());
    row.append(el('div', { class: 'merged', 'data-merged': duplicate }, `${duplicate} ${t('merged')} ${into}`));
    document.dispatchEvent(new CustomEvent('civicline:case-changed', { detail: { number: duplicate } }));
  } catch (e) {
    row.append(el('div', { class: 'error' }, e.message));
  }
}

function categoryName(code) {
  return code ? `${code} ${state.byCode.get(code)?.name ?? ''}` : '';
}

function openCase(number) {
  document.dispatchEvent(new CustomEvent('civicline:open-case', { detail: { number } }));
}

// ---- knowledge base

const searchKnowledge = debounce(async () => {
  const q = $('kb-q').value.trim();
  const category = chosenCategory();
  const list = $('kb-results');
  if (!q && !category) { list.replaceChildren(); return; }
  const path = q ? `/api/knowledge?q=${encodeURIComponent(q.slice(0, 200))}`
    : `/api/knowledge?category=${encodeURIComponent(category)}`;
  try {
    const found = (await api('GET', path)).results;
    if ($('kb-q').value.trim() !== q || chosenCategory() !== category) return; // asked again meanwhile
    if (!found.length) { list.replaceChildren(el('li', { class: 'muted' }, t('kbNone'))); return; }
    list.replaceChildren(...found.slice(0, 8).map(({ article }) => el('li', { 'data-article': article.id },
      el('div', {}, el('span', { class: 'title' }, article.title), ' ',
        el('span', { class: 'muted' }, categoryName(article.categoryCode))),
      el('div', { class: 'body' }, article.body),
      el('button', { class: 'to-answer', onclick: event => useAnswer(article, 'answer', event.target) }, t('toAnswer')),
      el('button', { class: 'to-description', onclick: event => useAnswer(article, 'description', event.target) },
        t('toDescription')))));
  } catch (e) {
    list.replaceChildren(el('li', { class: 'error' }, e.message));
  }
}, 250);
$('kb-q').addEventListener('input', searchKnowledge);

/** Into the answer of "resolve on contact" (kept until the case is registered), or the description. */
function useAnswer(article, where, button) {
  if (where === 'description') {
    const box = $('description');
    box.value = box.value.trim() ? `${box.value.trim()}\n${article.body}` : article.body;
    box.dispatchEvent(new Event('input'));
  } else if ($('case-actions').hidden) {
    state.pendingAnswer = article.body;
  } else {
    $('resolve-answer').value = article.body;
  }
  navigator.clipboard?.writeText(article.body).catch(() => {});
  button.textContent = t('copied');
}

// ---- after registering: merge offers and the answer kept for it

new MutationObserver(() => {
  const number = $('case-actions').dataset.number;
  if (!number || number === state.registered) return;
  state.registered = number;
  if (state.pendingAnswer) { $('resolve-answer').value = state.pendingAnswer; state.pendingAnswer = null; }
  renderSimilar();
}).observe($('case-actions'), { attributes: true, attributeFilter: ['data-number'] });

$('case-form').addEventListener('reset', () => {
  ['grid', 'lon', 'lat'].forEach(k => delete $('address').dataset[k]);
  $('place-found').textContent = '';
});

(async () => {
  state.categories = await api('GET', '/api/categories');
  state.categories.forEach(c => state.byCode.set(c.code, c));
  $('case-panel').dataset.categories = String(state.categories.length);
})().catch(() => {});
