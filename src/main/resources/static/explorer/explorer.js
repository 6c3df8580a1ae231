// The convolution explorer: draws what POST /api/v1/explain says, nothing of its own. For the chosen output it lights
// up the input cells it meets, writes in each the kernel tap that meets it (so convolution's 180° rotation shows), and
// shows padded cells with the input cell their value came from. Its state lives in the URL's hash.
'use strict';

const FIELDS = ['op', 'rank', 'input', 'kernel', 'mode', 'boundary', 'stride', 'dilation', 'origin', 'selected'];
const DEFAULTS = { op: 'convolution', rank: '2', input: '7,7', kernel: '3,3', mode: 'same', boundary: 'fill', stride: '1',
  dilation: '1', origin: 'center', selected: '1,1' };
const MAX_CELLS = 4096;
const $ = (id) => document.getElementById(id);

function numbers(text) {
  return String(text).split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
}

function state() {
  const s = {};
  for (const f of FIELDS) s[f] = $(f).value;
  return s;
}

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  for (const f of FIELDS) {
    const v = params.get(f) ?? DEFAULTS[f];
    $(f).value = v;
  }
}

function writeHash(s) {
  const params = new URLSearchParams();
  for (const f of FIELDS) if (s[f] !== DEFAULTS[f]) params.set(f, s[f]);
  history.replaceState(null, '', params.toString() ? '#' + params : location.pathname);
}

/** Kernel symbols a, b, c, … row-major (t0, t1, … past 26 taps), nested to the kernel's rank. */
function symbols(shape) {
  const count = shape.reduce((a, b) => a * b, 1);
  const flat = Array.from({ length: count }, (_, i) => (count <= 26 ? String.fromCharCode(97 + i) : 't' + i));
  const nest = (offset, depth) => {
    if (depth === shape.length - 1) return flat.slice(offset, offset + shape[depth]);
    const step = shape.slice(depth + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: shape[depth] }, (_, i) => nest(offset + i * step, depth + 1));
  };
  return { nested: nest(0, 0), flat };
}

function request(s, op, outputs) {
  const rank = Number(s.rank);
  const inputShape = numbers(s.input);
  const kernelShape = numbers(s.kernel);
  const perAxis = (v) => (numbers(v).length === 1 ? numbers(v)[0] : numbers(v));
  const body = {
    operation: op === 'convolution' ? 'convolution' : 'cross-correlation', inputShape, kernelShape, mode: s.mode,
    boundary: s.boundary, stride: perAxis(s.stride), dilation: perAxis(s.dilation), indexOrigin: s.origin,
    kernelSymbols: symbols(kernelShape).nested,
  };
  if (op !== 'convolution') body.correlationConvention = op;
  if (outputs) body.outputs = outputs; else body.all = true;
  if (inputShape.length !== rank || kernelShape.length !== rank) {
    throw new Error(`the input and kernel shapes need ${rank} number${rank > 1 ? 's' : ''} (one per axis)`);
  }
  return body;
}

async function explain(body) {
  const r = await fetch('/api/v1/explain', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body) });
  const json = await r.json();
  if (!r.ok) throw new Error(json.detail ?? `HTTP ${r.status}`);
  return json;
}

const key = (label) => label.join(',');
const text = (label) => '[' + label.join(',') + ']';
const inputLabel = (p, n, origin) => (origin === 'center' ? p - Math.floor(n / 2) : p);

/** Every label per axis from lo to hi. */
function range(lo, hi) {
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/**
 * The input drawn as grids (rank 3: a slice per label of the first axis), covering the input and every padded
 * position the given entries meet; cells the selected entry meets carry its kernel symbols.
 */
function drawInput(target, s, inputShape, entries, selected, compact) {
  const rank = inputShape.length;
  const lo = inputShape.map((n) => inputLabel(0, n, s.origin));
  const hi = inputShape.map((n) => inputLabel(n - 1, n, s.origin));
  const inLo = [...lo];
  const inHi = [...hi];
  for (const e of entries) for (const t of e.terms) t.input.forEach((v, a) => { lo[a] = Math.min(lo[a], v); hi[a] = Math.max(hi[a], v); });
  const met = new Map();
  if (selected) for (const t of selected.terms) met.set(key(t.input), t);
  const cells = lo.reduce((n, l, a) => n * (hi[a] - l + 1), 1);
  target.replaceChildren();
  if (cells > MAX_CELLS) {
    target.textContent = `(${cells} cells: too many to draw; choose smaller shapes)`;
    return;
  }
  const slices = rank === 3 ? range(lo[0], hi[0]) : [null];
  for (const z of slices) {
    const rows = rank === 1 ? [null] : range(lo[rank - 2], hi[rank - 2]);
    const cols = range(lo[rank - 1], hi[rank - 1]);
    const grid = document.createElement('div');
    grid.className = 'grid' + (compact ? ' compact' : '');
    grid.setAttribute('role', 'grid');
    grid.setAttribute('aria-label', z === null ? 'input' : `input slice x[${z}, ·, ·]`);
    grid.style.gridTemplateColumns = `repeat(${cols.length}, var(--cell))`;
    for (const r of rows) {
      for (const c of cols) {
        const label = [z, r, c].filter((v) => v !== null);
        const inside = label.every((v, a) => v >= inLo[a] && v <= inHi[a]);
        const term = met.get(key(label));
        const cell = document.createElement('div');
        cell.className = 'cell ' + (inside ? 'in' : 'pad') + (term ? ' met' : '');
        cell.dataset.label = key(label);
        cell.setAttribute('role', 'gridcell');
        let description = (inside ? 'input ' : 'padding ') + 'x' + text(label);
        cell.innerHTML = `<span class="label">${text(label)}</span>`;
        if (term) {
          cell.dataset.symbol = term.symbol;
          cell.insertAdjacentHTML('beforeend', `<span class="symbol">${term.symbol}</span>`);
          description += `, met by kernel tap h${text(term.kernel)} = ${term.symbol}`;
        }
        if (!inside && term) {
          const from = term.source ? 'x' + text(term.source) : s.boundary === 'fill' ? 'fill value' : '';
          cell.insertAdjacentHTML('beforeend', `<span class="source">← ${from}</span>`);
          description += `, its value from ${from}`;
        }
        cell.setAttribute('aria-label', description);
        grid.append(cell);
      }
    }
    if (z !== null) {
      const h = document.createElement('h3');
      h.textContent = `x[${z}, ·, ·]`;
      target.append(h);
    }
    target.append(grid);
  }
}

function drawKernel(target, s, kernelShape) {
  const { flat } = symbols(kernelShape);
  const rank = kernelShape.length;
  target.replaceChildren();
  const slices = rank === 3 ? range(0, kernelShape[0] - 1) : [null];
  const strides = kernelShape.map((_, a) => kernelShape.slice(a + 1).reduce((p, q) => p * q, 1));
  const klabel = (k, n) => (s.origin === 'center' ? k - Math.floor(n / 2) : k);
  for (const z of slices) {
    const rows = rank === 1 ? [null] : range(0, kernelShape[rank - 2] - 1);
    const cols = range(0, kernelShape[rank - 1] - 1);
    const grid = document.createElement('div');
    grid.className = 'grid';
    grid.setAttribute('role', 'grid');
    grid.setAttribute('aria-label', 'kernel');
    grid.style.gridTemplateColumns = `repeat(${cols.length}, var(--cell))`;
    for (const r of rows) {
      for (const c of cols) {
        const index = [z, r, c].filter((v) => v !== null);
        const label = index.map((k, a) => klabel(k, kernelShape[a]));
        const symbol = flat[index.reduce((p, k, a) => p + k * strides[a], 0)];
        const cell = document.createElement('div');
        cell.className = 'cell kernel';
        cell.setAttribute('role', 'gridcell');
        cell.setAttribute('aria-label', `kernel h${text(label)} = ${symbol}`);
        cell.innerHTML = `<span class="label">${text(label)}</span><span class="symbol">${symbol}</span>`;
        grid.append(cell);
      }
    }
    target.append(grid);
  }
}

/** The outputs as a grid of buttons (rank 3: the slice of the chosen output's first label); arrow keys move. */
function drawOutput(target, entries, selectedKey, onSelect) {
  const rank = entries[0].output.length;
  const z = rank === 3 ? Number(selectedKey.split(',')[0]) : null;
  const shown = rank === 3 ? entries.filter((e) => e.output[0] === z) : entries;
  const axis = (a) => [...new Set(shown.map((e) => e.output[a]))].sort((p, q) => p - q);
  const rows = rank === 1 ? [null] : axis(rank - 2);
  const cols = axis(rank - 1);
  const byKey = new Map(shown.map((e) => [key(e.output), e]));
  target.replaceChildren();
  if (rows.length * cols.length > MAX_CELLS) {
    target.textContent = '(too many outputs to draw)';
    return;
  }
  const grid = document.createElement('div');
  grid.className = 'grid';
  grid.setAttribute('role', 'grid');
  grid.setAttribute('aria-label', 'output: choose a cell');
  grid.style.gridTemplateColumns = `repeat(${cols.length}, var(--cell))`;
  rows.forEach((r, ri) => cols.forEach((c, ci) => {
    const label = [z, r, c].filter((v) => v !== null);
    const e = byKey.get(key(label));
    const cell = document.createElement('button');
    cell.type = 'button';
    cell.className = 'cell out' + (key(label) === selectedKey ? ' chosen' : '');
    cell.dataset.label = key(label);
    cell.tabIndex = key(label) === selectedKey ? 0 : -1;
    cell.setAttribute('aria-label', `output y${text(label)}`);
    cell.setAttribute('aria-pressed', String(key(label) === selectedKey));
    cell.innerHTML = `<span class="label">${text(label)}</span>`;
    cell.disabled = !e;
    cell.addEventListener('click', () => onSelect(label));
    cell.addEventListener('keydown', (ev) => {
      const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
      const m = moves[ev.key];
      if (!m) return;
      ev.preventDefault();
      const nr = Math.min(rows.length - 1, Math.max(0, ri + m[0]));
      const nc = Math.min(cols.length - 1, Math.max(0, ci + m[1]));
      onSelect([z, rows[nr], cols[nc]].filter((v) => v !== null), true);
    });
    grid.append(cell);
  }));
  target.append(grid);
}

let generation = 0;

async function render(focusOutput) {
  const s = state();
  writeHash(s);
  const mine = ++generation;
  $('status').textContent = '';
  let response;
  try {
    response = await explain(request(s, s.op));
  } catch (e) {
    if (mine !== generation) return;
    $('status').textContent = e.message;
    for (const id of ['input-grid', 'kernel-grid', 'output-grid', 'compare']) $(id).replaceChildren();
    $('formula').textContent = '';
    return;
  }
  if (mine !== generation) return;
  const entries = response.outputs;
  let selected = entries.find((e) => key(e.output) === key(numbers(s.selected)));
  if (!selected) {
    selected = entries[Math.floor(entries.length / 2)];
    $('selected').value = key(selected.output);
    writeHash(state());
  }
  $('formula').textContent = selected.formula;
  drawInput($('input-grid'), s, response.inputShape, entries, selected, false);
  drawKernel($('kernel-grid'), s, response.kernelShape);
  drawOutput($('output-grid'), entries, key(selected.output), (label, keyboard) => {
    $('selected').value = key(label);
    render(keyboard);
  });
  if (focusOutput) $('output-grid').querySelector('button.chosen')?.focus();
  compare(s, selected.output, mine);
}

/** The chosen output label under the three operations, each from its own explain request. */
async function compare(s, label, mine) {
  const panels = [];
  for (const op of ['convolution', 'sliding', 'mirrored']) {
    const title = op === 'convolution' ? 'convolution' : `cross-correlation, ${op}`;
    const labels = [label, ...(op === 'mirrored' ? [label.map((v) => -v)] : [])];
    for (const l of labels) {
      let entry = null;
      let error = null;
      try {
        entry = (await explain(request(s, op, [l]))).outputs[0];
      } catch (e) {
        error = e.message;
      }
      panels.push({ op, title, label: l, entry, error });
    }
  }
  if (mine !== generation) return;
  const target = $('compare');
  target.replaceChildren();
  for (const p of panels) {
    const box = document.createElement('div');
    box.className = 'panel';
    box.dataset.op = p.op;
    box.dataset.label = key(p.label);
    box.innerHTML = `<h3>${p.title} at y${text(p.label)}</h3>`;
    if (p.entry) {
      const grid = document.createElement('div');
      drawInput(grid, s, numbers(s.input), [p.entry], p.entry, true);
      box.append(grid);
      box.insertAdjacentHTML('beforeend', `<p class="formula">${p.entry.formula}</p>`);
    } else {
      box.insertAdjacentHTML('beforeend', `<p class="help">${p.error}</p>`);
    }
    target.append(box);
  }
}

readHash();
window.addEventListener('hashchange', () => { readHash(); render(); });
for (const f of FIELDS) $(f).addEventListener('change', () => render());
$('controls').addEventListener('submit', (e) => { e.preventDefault(); render(); });
$('rank').addEventListener('change', () => {
  const rank = Number($('rank').value);
  const seed = { 1: ['7', '3', '1'], 2: ['7,7', '3,3', '1,1'], 3: ['5,5,5', '3,3,3', '0,0,0'] }[rank];
  [$('input').value, $('kernel').value, $('selected').value] = seed;
  render();
});
render();
