// The dicomsql web console: an editor, a paged result table, a schema browser and a slice
// viewer over the server's /api/ endpoints. Every API request carries the page's CSRF token.
'use strict';

const TOKEN = document.querySelector('meta[name="csrf-token"]').content;
const PAGE_SIZE = 100;
const HISTORY_KEY = 'dicomsql.history';
const HISTORY_KEPT = 100;
const KEYWORDS = new Set(('SELECT FROM WHERE GROUP BY ORDER HAVING LIMIT OFFSET JOIN LEFT RIGHT '
  + 'INNER OUTER FULL CROSS ON USING AS AND OR NOT IN IS NULL LIKE BETWEEN DISTINCT CASE WHEN '
  + 'THEN ELSE END UNION ALL WITH EXPLAIN PLAN FOR DESC ASC CAST NULLS LAST FIRST TRUE FALSE '
  + 'EXISTS INTERVAL').split(' '));

const $ = (id) => document.getElementById(id);
const editor = $('sql');
const state = { page: 0, last: false, running: false, functions: new Set(), error: null };

async function api(path, body) {
  const options = { headers: { 'X-CSRF-Token': TOKEN } };
  if (body !== undefined) {
    options.method = 'POST';
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch('/api/' + path, options);
  if (!response.ok) {
    let error = { message: 'HTTP ' + response.status };
    try {
      error = (await response.json()).error;
    } catch (ignored) {
      // Not a JSON answer: the status says enough.
    }
    throw error;
  }
  return response;
}

// --- Editor: highlighting mirrors the textarea in a <pre> underneath it.

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;',
    '"': '&quot;' }[c]));
}

function highlightPart(text) {
  const token = /(--[^\n]*|\/\*[\s\S]*?\*\/)|('(?:[^']|'')*'?)|(\b\d+(?:\.\d+)?\b)|([A-Za-z_][A-Za-z0-9_]*)/g;
  let html = '';
  let at = 0;
  for (let match; (match = token.exec(text)) !== null;) {
    html += escapeHtml(text.slice(at, match.index));
    const [all, comment, string, number, word] = match;
    let kind = comment ? 'com' : string ? 'str' : number ? 'num' : null;
    if (word) {
      kind = KEYWORDS.has(word.toUpperCase()) ? 'kw'
        : state.functions.has(word.toLowerCase()) ? 'fn' : null;
    }
    html += kind ? '<span class="' + kind + '">' + escapeHtml(all) + '</span>' : escapeHtml(all);
    at = match.index + all.length;
  }
  return html + escapeHtml(text.slice(at));
}

function highlight() {
  const text = editor.value;
  const error = state.error;
  let html;
  if (error && error.end <= text.length) {
    html = highlightPart(text.slice(0, error.start))
      + '<mark>' + escapeHtml(text.slice(error.start, Math.max(error.end, error.start + 1)) || ' ')
      + '</mark>' + highlightPart(text.slice(Math.max(error.end, error.start + 1)));
  } else {
    html = highlightPart(text);
  }
  $('highlight').innerHTML = html + '\n';
  $('highlight').scrollTop = editor.scrollTop;
}

/** The offset in the text of a 1-based line and column. */
function offsetOf(text, line, column) {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) {
    offset += lines[i].length + 1;
  }
  return Math.min(text.length, offset + column - 1);
}

editor.addEventListener('input', () => {
  state.error = null;
  highlight();
  closeCompletions();
});
editor.addEventListener('scroll', () => { $('highlight').scrollTop = editor.scrollTop; });
editor.addEventListener('keydown', (event) => {
  const list = $('completions');
  if (!list.hidden) {
    const items = [...list.children];
    const active = items.findIndex((li) => li.classList.contains('active'));
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = (active + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      items.forEach((li, i) => li.classList.toggle('active', i === next));
      items[next].scrollIntoView({ block: 'nearest' });
      return;
    }
    if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      items[Math.max(0, active)].click();
      return;
    }
    if (event.key === 'Escape') {
      closeCompletions();
      return;
    }
  }
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    run();
  } else if (event.key === ' ' && event.ctrlKey) {
    event.preventDefault();
    complete();
  }
});

// --- Completion.

async function complete() {
  const cursor = editor.selectionStart;
  const answer = await (await api('complete', { text: editor.value, cursor })).json();
  const list = $('completions');
  list.innerHTML = '';
  if (answer.candidates.length === 0) {
    closeCompletions();
    return;
  }
  answer.candidates.forEach((candidate, i) => {
    const item = document.createElement('li');
    item.textContent = candidate.text;
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = candidate.kind + (candidate.detail ? ' · ' + candidate.detail : '');
    item.appendChild(kind);
    item.classList.toggle('active', i === 0);
    item.addEventListener('mousedown', (event) => event.preventDefault());
    item.addEventListener('click', () => {
      const text = editor.value;
      editor.value = text.slice(0, answer.from) + candidate.text + text.slice(cursor);
      const at = answer.from + candidate.text.length;
      editor.setSelectionRange(at, at);
      closeCompletions();
      highlight();
      editor.focus();
    });
    list.appendChild(item);
  });
  const lines = editor.value.slice(0, cursor).split('\n');
  list.style.top = (lines.length * 1.4 + 0.6) + 'em';
  list.style.left = Math.min(lines[lines.length - 1].length * 0.62, 40) + 'em';
  list.hidden = false;
}

function closeCompletions() {
  $('completions').hidden = true;
}

// --- History, kept in this browser.

function history() {
  try {
    return JSON.parse(localStorage.getItem(HISTORY_KEY)) || [];
  } catch (ignored) {
    return [];
  }
}

function remember(sql) {
  const kept = [sql, ...history().filter((s) => s !== sql)].slice(0, HISTORY_KEPT);
  localStorage.setItem(HISTORY_KEY, JSON.stringify(kept));
  showHistory();
}

function showHistory() {
  const select = $('history');
  select.length = 1;
  for (const sql of history()) {
    const option = document.createElement('option');
    option.value = sql;
    option.textContent = sql.length > 80 ? sql.slice(0, 80) + '…' : sql;
    select.appendChild(option);
  }
}

$('history').addEventListener('change', (event) => {
  if (event.target.value) {
    editor.value = event.target.value;
    highlight();
    event.target.value = '';
  }
});

// --- Running, paging, cancelling.

function status(text, isError) {
  $('status').textContent = text;
  $('status').classList.toggle('error', !!isError);
}

function showError(error) {
  status((error.sqlState ? '[' + error.sqlState + '] ' : '') + error.message, true);
  if (error.position) {
    const text = editor.value;
    const [line, column, endLine, endColumn] = error.position;
    const start = offsetOf(text, line, column);
    let end = offsetOf(text, endLine, endColumn) + 1;
    if (end === start + 1) {
      // A position without an end: mark the word that starts there.
      const word = /^[A-Za-z0-9_]+/.exec(text.slice(start));
      end = start + (word ? word[0].length : 1);
    }
    state.error = { start, end };
    highlight();
  }
}

function busy(running) {
  state.running = running;
  $('run').disabled = running;
  $('cancel').disabled = !running;
}

async function run() {
  const sql = editor.value;
  if (state.running || !sql.trim()) {
    return;
  }
  remember(sql.trim());
  state.error = null;
  highlight();
  $('plan').hidden = true;
  busy(true);
  status('running…');
  try {
    const page = await (await api('query', { sql, pageSize: PAGE_SIZE })).json();
    showPage(page);
  } catch (error) {
    showError(error);
  } finally {
    busy(false);
  }
}

async function goTo(n) {
  busy(true);
  try {
    const started = performance.now();
    const page = await (await api('page?n=' + n)).json();
    page.elapsedMs = performance.now() - started;
    showPage(page);
  } catch (error) {
    showError(error);
  } finally {
    busy(false);
  }
}

function showPage(page) {
  state.page = Math.floor(page.first / PAGE_SIZE);
  state.last = page.last;
  state.columns = page.columns;
  const shown = page.rows.length;
  const total = page.last ? page.read + ' rows' : 'at least ' + page.read + ' rows';
  status(total + ' · ' + page.elapsedMs.toFixed(1) + ' ms');
  $('page-label').textContent = shown === 0 ? 'no rows'
    : 'rows ' + (page.first + 1) + '–' + (page.first + shown) + (page.last ? ' of ' + page.read : '');
  $('pager').hidden = page.first === 0 && page.last;
  $('previous').disabled = page.first === 0;
  $('next').disabled = page.last;
  renderTable(page);
}

function viewerTarget(columns, row) {
  const at = (name) => columns.findIndex((c) => c.name.toLowerCase() === name);
  const rtss = at('rtss_uid');
  const roi = at('roi_number');
  const series = at('series_uid');
  if (rtss >= 0 && roi >= 0 && row[rtss] !== null && row[roi] !== null) {
    return { rtss: row[rtss], roi: row[roi] };
  }
  if (series >= 0 && row[series] !== null) {
    return { series: row[series] };
  }
  return null;
}

function renderTable(page) {
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  head.appendChild(document.createElement('th'));
  for (const column of page.columns) {
    const th = document.createElement('th');
    th.textContent = column.name;
    th.title = column.type;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const row of page.rows) {
    const tr = body.insertRow();
    const first = tr.insertCell();
    const target = viewerTarget(page.columns, row);
    if (target) {
      const button = document.createElement('button');
      button.className = 'view';
      button.type = 'button';
      button.textContent = 'view';
      button.addEventListener('click', () => openViewer(target));
      first.appendChild(button);
    }
    row.forEach((value) => {
      const td = tr.insertCell();
      if (value === null) {
        td.className = 'null';
        td.textContent = 'NULL';
      } else if (typeof value === 'object' && value.png) {
        const img = document.createElement('img');
        img.src = 'data:image/png;base64,' + value.png;
        td.appendChild(img);
      } else if (typeof value === 'object') {
        td.textContent = value.hex;
      } else {
        td.textContent = String(value);
        td.title = String(value);
        if (typeof value === 'number') {
          td.className = 'number';
        }
      }
    });
  }
  $('results').replaceChildren(table);
}

async function cancel() {
  try {
    await api('cancel', {});
  } catch (error) {
    showError(error);
  }
}

async function explain() {
  busy(true);
  try {
    const answer = await (await api('explain', { sql: editor.value })).json();
    const tree = (nodes) => {
      const ul = document.createElement('ul');
      for (const node of nodes) {
        const li = document.createElement('li');
        li.textContent = node.label;
        if (node.inputs.length) {
          li.appendChild(tree(node.inputs));
        }
        ul.appendChild(li);
      }
      return ul;
    };
    $('plan').replaceChildren(tree(answer.tree));
    $('plan').hidden = false;
    status('plan');
  } catch (error) {
    showError(error);
  } finally {
    busy(false);
  }
}

async function download(format) {
  status('downloading…');
  try {
    const blob = await (await api('download?format=' + format, { sql: editor.value })).blob();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'result.' + format;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    status('downloaded result.' + format + ' (' + blob.size + ' bytes)');
  } catch (error) {
    showError(error);
  }
}

$('run').addEventListener('click', run);
$('cancel').addEventListener('click', cancel);
$('explain').addEventListener('click', explain);
$('download-csv').addEventListener('click', () => download('csv'));
$('download-json').addEventListener('click', () => download('json'));
$('previous').addEventListener('click', () => goTo(state.page - 1));
$('next').addEventListener('click', () => goTo(state.page + 1));

// --- Schema browser.

async function loadSchema() {
  const schema = await (await api('schema')).json();
  const tables = $('tables');
  for (const table of schema.tables) {
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = table.name;
    summary.title = table.remarks;
    details.appendChild(summary);
    for (const column of table.columns) {
      const div = document.createElement('div');
      div.className = 'column' + (column.keySeq ? ' key' : '');
      div.textContent = column.name + ' ' + column.type + (column.nullable ? '' : ' NOT NULL')
        + (column.keySeq ? ' PK' + column.keySeq : '')
        + (column.references ? ' → ' + column.references : '');
      details.appendChild(div);
    }
    tables.appendChild(details);
  }
  for (const fn of schema.functions) {
    state.functions.add(fn.name.toLowerCase());
    const details = document.createElement('details');
    details.className = 'function';
    const summary = document.createElement('summary');
    summary.textContent = fn.name;
    summary.title = fn.meaning;
    const signature = document.createElement('div');
    signature.textContent = fn.signature;
    const doc = document.createElement('div');
    doc.className = 'doc';
    doc.textContent = fn.meaning;
    details.append(summary, signature, doc);
    $('functions').appendChild(details);
  }
  highlight();
}

// --- Viewer.

// selected: the ROI the viewer was opened from; hidden: the ROIs whose outline is toggled off.
const viewer = { series: null, index: 0, selected: null, hidden: new Set(),
  images: new Map() };

function roiKey(roi) {
  return roi.rtss + ':' + roi.number;
}

// The ROIs outlined, in the order drawn: the selected one last, so that it shows on top.
function outlined() {
  const selected = viewer.selected ? roiKey(viewer.selected) : null;
  const keys = viewer.series.rois.map(roiKey).filter((key) => !viewer.hidden.has(key));
  return keys.filter((key) => key !== selected)
    .concat(keys.filter((key) => key === selected));
}

function sliceKey(index) {
  return viewer.series.series + '|' + index + '|' + $('window').value + '|' + outlined();
}

function sliceImage(index) {
  const key = sliceKey(index);
  if (!viewer.images.has(key)) {
    const outlines = outlined().map((roi) => '&outline=' + encodeURIComponent(roi)).join('');
    viewer.images.set(key, api('slice?series=' + encodeURIComponent(viewer.series.series)
      + '&index=' + index + '&window=' + $('window').value + outlines)
      .then((response) => response.blob())
      .then((blob) => URL.createObjectURL(blob)));
  }
  return viewer.images.get(key);
}

function showLegend() {
  const legend = $('legend');
  legend.replaceChildren();
  for (const roi of viewer.series.rois) {
    const key = roiKey(roi);
    const item = document.createElement('li');
    item.dataset.roi = key;
    item.classList.toggle('selected', viewer.selected !== null
      && key === roiKey(viewer.selected));
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = !viewer.hidden.has(key);
    box.addEventListener('change', () => {
      if (box.checked) {
        viewer.hidden.delete(key);
      } else {
        viewer.hidden.add(key);
      }
      showSlice(viewer.index);
    });
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = 'rgb(' + roi.color.join(',') + ')';
    label.append(box, swatch, roi.name || ('ROI ' + roi.number));
    label.title = 'ROI ' + roi.number + ' of ' + roi.rtss + ', on ' + roi.slices.length
      + ' slices of this series';
    item.appendChild(label);
    legend.appendChild(item);
  }
}

async function showSlice(index) {
  const count = viewer.series.slices.length;
  viewer.index = Math.max(0, Math.min(count - 1, index));
  const shown = viewer.index;
  $('slice-label').textContent = 'slice ' + (shown + 1) + ' / ' + count + ' · '
    + viewer.series.slices[shown].position.toFixed(1) + ' mm';
  const key = sliceKey(shown);
  const url = await sliceImage(shown);
  if (viewer.index === shown && sliceKey(shown) === key) {
    $('slice').src = url;
    $('slice').dataset.index = String(shown);
    $('slice').dataset.key = key;
  }
  for (const near of [shown + 1, shown - 1, shown + 2, shown - 2]) {
    if (near >= 0 && near < count) {
      sliceImage(near);
    }
  }
}

async function loadSeries(query, keepPosition) {
  const series = await (await api('series?' + query)).json();
  const position = keepPosition && viewer.series
    ? viewer.series.slices[viewer.index].position : null;
  viewer.series = series;
  showLegend();
  $('viewer-title').textContent = (series.roi ? series.roi.name + ' on ' : '')
    + (series.description || series.series) + (series.phase ? ' (phase ' + series.phase + ')' : '');
  const phase = $('phase');
  phase.replaceChildren();
  for (const other of series.phases) {
    const option = document.createElement('option');
    option.value = other.seriesUid;
    option.textContent = (other.phase || '?') + ' · ' + (other.description || other.seriesUid);
    option.selected = other.seriesUid === series.series;
    phase.appendChild(option);
  }
  let index = Math.floor(series.slices.length / 2);
  if (position !== null) {
    index = nearestSlice(position);
  } else if (series.roi && series.roi.slices.length) {
    index = series.roi.slices[Math.floor(series.roi.slices.length / 2)];
  }
  await showSlice(index);
}

function nearestSlice(position) {
  let best = 0;
  viewer.series.slices.forEach((slice, i) => {
    if (Math.abs(slice.position - position)
        < Math.abs(viewer.series.slices[best].position - position)) {
      best = i;
    }
  });
  return best;
}

function roiQuery() {
  return viewer.selected ? '&rtss=' + encodeURIComponent(viewer.selected.rtss) + '&roi='
    + viewer.selected.number : '';
}

async function openViewer(target) {
  $('viewer').hidden = false;
  $('hu').textContent = '';
  viewer.selected = target.series ? null : { rtss: target.rtss, number: target.roi };
  viewer.hidden.clear();
  try {
    const query = target.series ? 'series=' + encodeURIComponent(target.series)
      : 'rtss=' + encodeURIComponent(target.rtss) + '&roi=' + target.roi;
    await loadSeries(query, false);
  } catch (error) {
    $('viewer-title').textContent = error.message;
  }
}

$('phase').addEventListener('change', async (event) => {
  await loadSeries('series=' + encodeURIComponent(event.target.value) + roiQuery(), true);
});
$('window').addEventListener('change', () => showSlice(viewer.index));
$('viewer-close').addEventListener('click', () => {
  $('viewer').hidden = true;
  for (const url of viewer.images.values()) {
    url.then(URL.revokeObjectURL, () => {});
  }
  viewer.images.clear();
});
$('viewer-body').addEventListener('wheel', (event) => {
  event.preventDefault();
  showSlice(viewer.index + (event.deltaY > 0 ? 1 : -1));
}, { passive: false });
document.addEventListener('keydown', (event) => {
  if ($('viewer').hidden) {
    return;
  }
  const step = { ArrowUp: -1, ArrowLeft: -1, ArrowDown: 1, ArrowRight: 1, PageUp: -5,
    PageDown: 5 }[event.key];
  if (step) {
    event.preventDefault();
    showSlice(viewer.index + step);
  } else if (event.key === 'Escape') {
    $('viewer-close').click();
  }
});

let huPending = null;
$('slice').addEventListener('mousemove', (event) => {
  const img = event.target;
  const column = Math.floor(event.offsetX * img.naturalWidth / img.clientWidth);
  const row = Math.floor(event.offsetY * img.naturalHeight / img.clientHeight);
  clearTimeout(huPending);
  huPending = setTimeout(async () => {
    try {
      const answer = await (await api('value?series=' + encodeURIComponent(viewer.series.series)
        + '&index=' + viewer.index + '&row=' + row + '&column=' + column)).json();
      $('hu').textContent = '(' + column + ', ' + row + ') ' + answer.value.toFixed(0) + ' HU';
    } catch (error) {
      $('hu').textContent = '';
    }
  }, 30);
});

showHistory();
highlight();
loadSchema().catch(showError);
