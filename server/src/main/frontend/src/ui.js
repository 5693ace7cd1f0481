// Small DOM helpers: h() builds elements, errorBox() shows the server's error shape.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (key === 'class') element.className = value;
    else if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) element.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function errorBox(error) {
  const body = error.body || {};
  return h('div', { class: 'error', role: 'alert' },
    h('strong', {}, body.code ? `${body.code}: ` : 'error: ', error.message),
    body.where ? h('div', { class: 'muted' }, `where: ${body.where}`) : null,
    (body.problems || []).length ? h('ul', {}, body.problems.map((p) => h('li', {}, `${p.where}: ${p.message}`))) : null,
    body.hint ? h('div', { class: 'hint' }, body.hint) : null);
}

export const number = (value, digits = 3) => (value === null || value === undefined || Number.isNaN(value) ? '–' : Number(value).toFixed(digits));

export function when(ms) {
  return ms ? new Date(ms).toLocaleString() : '–';
}

export function badge(status) {
  return h('span', { class: `badge ${status}` }, status);
}
