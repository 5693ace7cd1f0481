// The application's DAG above the continuum's layers, with the placement drawn as links from each
// component to the resources that run its partitions (instance counts on the resources).
const SVG = 'http://www.w3.org/2000/svg';

function el(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function order(app) {
  const incoming = new Map(app.components.map((c) => [c.name, 0]));
  app.edges.forEach((e) => incoming.set(e.to, (incoming.get(e.to) || 0) + 1));
  const queue = [...incoming].filter(([, n]) => n === 0).map(([name]) => name);
  const result = [];
  while (queue.length) {
    const name = queue.shift();
    result.push(name);
    app.edges.filter((e) => e.from === name).forEach((e) => {
      incoming.set(e.to, incoming.get(e.to) - 1);
      if (incoming.get(e.to) === 0) queue.push(e.to);
    });
  }
  app.components.forEach((c) => { if (!result.includes(c.name)) result.push(c.name); });
  return result;
}

/** placement: {components: [{component, partitions: [{resource, instances}]}]} or null. */
export function topology(app, placement) {
  const width = 920;
  const laneHeight = 78;
  const top = 118;
  const layers = app.continuum.layers;
  const height = top + layers.length * laneHeight + 16;
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, class: 'topology', role: 'img', 'aria-label': 'DAG and continuum' });
  const defs = el('defs', {});
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto' });
  marker.append(el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#64748b' }));
  defs.append(marker);
  svg.append(defs);

  const names = order(app);
  const boxWidth = 150;
  const gap = names.length > 1 ? Math.min(220, (width - 140 - boxWidth) / (names.length - 1)) : 0;
  const start = (width - (boxWidth + gap * (names.length - 1))) / 2;
  const componentAt = new Map(names.map((name, i) => [name, { x: start + i * gap, y: 22 }]));
  const limits = new Map(app.local_constraints.map((c) => [c.component, c.max_response_time]));

  const resourceAt = new Map();
  layers.forEach((layer, li) => {
    const y = top + li * laneHeight;
    svg.append(el('rect', { x: 8, y, width: width - 16, height: laneHeight - 10, rx: 10, class: `lane lane-${layer.kind}` }));
    svg.append(el('text', { x: 20, y: y + 22, class: 'lane-title' }, layer.name));
    svg.append(el('text', { x: 20, y: y + 40, class: 'lane-kind' }, layer.kind.toUpperCase()));
    const w = 150;
    const spacing = Math.min(175, (width - 200) / Math.max(1, layer.resources.length));
    layer.resources.forEach((resource, ri) => {
      const x = 180 + ri * spacing;
      resourceAt.set(resource.name, { x, y: y + 12, w });
    });
  });

  const used = new Map();
  const links = [];
  (placement ? placement.components : []).forEach((component) => component.partitions.forEach((partition) => {
    used.set(partition.resource, partition.instances || 1);
    const from = componentAt.get(component.component);
    const to = resourceAt.get(partition.resource);
    if (from && to) {
      links.push(el('path', {
        d: `M${from.x + boxWidth / 2},${from.y + 44} C${from.x + boxWidth / 2},${from.y + 100} ${to.x + to.w / 2},${to.y - 40} ${to.x + to.w / 2},${to.y}`,
        class: 'link',
      }));
    }
  }));

  layers.forEach((layer) => layer.resources.forEach((resource) => {
    const at = resourceAt.get(resource.name);
    const active = used.has(resource.name);
    svg.append(el('rect', { x: at.x, y: at.y, width: at.w, height: 46, rx: 8, class: active ? 'resource used' : 'resource' }));
    svg.append(el('text', { x: at.x + 10, y: at.y + 19, class: 'resource-name' }, resource.name + (active && used.get(resource.name) > 1 ? ` ×${used.get(resource.name)}` : '')));
    svg.append(el('text', { x: at.x + 10, y: at.y + 36, class: 'resource-detail' }, `${resource.cost}/h · ${resource.memory} MB`));
  }));

  app.edges.forEach((edge) => {
    const a = componentAt.get(edge.from);
    const b = componentAt.get(edge.to);
    if (!a || !b) return;
    svg.append(el('line', { x1: a.x + boxWidth, y1: a.y + 22, x2: b.x - 4, y2: b.y + 22, class: 'edge', 'marker-end': 'url(#arrow)' }));
    svg.append(el('text', { x: (a.x + boxWidth + b.x) / 2, y: a.y + 15, class: 'edge-label', 'text-anchor': 'middle' }, `p=${edge.probability}`));
  });
  links.forEach((link) => svg.append(link));
  names.forEach((name) => {
    const at = componentAt.get(name);
    svg.append(el('rect', { x: at.x, y: at.y, width: boxWidth, height: 44, rx: 22, class: 'component' }));
    svg.append(el('text', { x: at.x + boxWidth / 2, y: at.y + 20, class: 'component-name', 'text-anchor': 'middle' }, name));
    if (limits.has(name)) {
      svg.append(el('text', { x: at.x + boxWidth / 2, y: at.y + 36, class: 'component-limit', 'text-anchor': 'middle' }, `≤ ${limits.get(name)} s`));
    }
  });
  return svg;
}
