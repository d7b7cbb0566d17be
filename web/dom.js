// Small DOM helpers. The application builds every element with h() and never
// assigns HTML strings, so record values can never inject markup, and nothing
// needs an inline script or style (the server's Content Security Policy forbids both).

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k === 'text') el.textContent = v;
      else if (k === 'value' && (tag === 'input' || tag === 'select' || tag === 'textarea')) el.value = v;
      else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden') el[k] = true;
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, String(v));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/* h() for SVG: an element in the SVG namespace, attributes set as given (null, undefined and false
   left out), children appended as by append(). */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined && v !== false) el.setAttribute(k, String(v));
  return append(el, children);
}

export function clear(el) { el.replaceChildren(); return el; }

/* A hash route: route('states', 'SAU') -> '#/states/SAU'; params: object or URLSearchParams. */
export function route(...parts) {
  let params = null;
  if (parts.length && parts[parts.length - 1] !== null && typeof parts[parts.length - 1] === 'object') {
    params = parts.pop();
  }
  let s = '#/' + parts.filter((p) => p !== null && p !== undefined && p !== '')
    .map((p) => encodeURIComponent(String(p))).join('/');
  if (params) {
    const q = params instanceof URLSearchParams ? params : new URLSearchParams(
      Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== ''));
    const qs = q.toString();
    if (qs) s += '?' + qs;
  }
  return s;
}

let uid = 0;
export function uniqueId(prefix = 'id') { uid += 1; return `${prefix}-${uid}`; }

/* Text in a language that may differ from the page's: marks it with lang (and
   dir="auto" so a Latin name inside an Arabic page keeps its own direction). */
export function textIn(text, textLang, pageLang) {
  if (!textLang || textLang === pageLang) return document.createTextNode(text);
  return h('span', { lang: textLang, dir: 'auto' }, text);
}
