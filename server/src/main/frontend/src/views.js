// The pages: application list and upload, one application (topology, design, run), a design, a live run.
import { api, follow } from './api.js';
import { h, errorBox, number, when, badge } from './ui.js';
import { topology } from './topology.js';
import { RunCharts } from './charts.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function applicationsView(view) {
  const apps = await api.get('/applications');
  const message = h('div', { id: 'upload-message' });
  const form = h('form', { id: 'upload', class: 'inline', onsubmit: async (event) => {
    event.preventDefault();
    const file = event.target.elements.file.files[0];
    if (!file) return;
    message.replaceChildren(h('span', { class: 'muted' }, `uploading ${file.name}…`));
    try {
      const stored = await api.upload(file);
      location.hash = `#/app/${stored.id}`;
    } catch (error) {
      message.replaceChildren(errorBox(error));
    }
  } },
  h('input', { type: 'file', name: 'file', accept: '.zip,.tar,.tgz,.gz,.json', 'aria-label': 'application archive' }),
  h('button', { type: 'submit' }, 'Upload'));
  view.replaceChildren(
    h('section', { class: 'card' },
      h('h1', {}, 'Applications'),
      h('p', { class: 'muted' }, 'Upload a zip or tar of an AI-SPRINT application folder (the one holding common_config/), or a SPACE4AI-D system JSON.'),
      form, message),
    h('section', { class: 'card' },
      apps.length === 0 ? h('p', { class: 'muted' }, 'No application yet.')
        : h('table', { class: 'list', id: 'applications' },
          h('thead', {}, h('tr', {}, h('th', {}, 'name'), h('th', {}, 'id'), h('th', {}, 'source'), h('th', {}, 'valid'), h('th', {}, 'uploaded'))),
          h('tbody', {}, apps.map((app) => h('tr', {},
            h('td', {}, h('a', { href: `#/app/${app.id}` }, app.name)), h('td', { class: 'mono' }, app.id), h('td', {}, app.source),
            h('td', {}, app.valid ? badge('valid') : badge('invalid')), h('td', {}, when(app.created_ms))))))));
}

function field(label, input) {
  return h('label', { class: 'field' }, h('span', {}, label), input);
}

export async function applicationView(view, id) {
  const app = await api.get(`/applications/${id}`);
  if (!app.valid) {
    const report = await api.get(`/applications/${id}/validation`);
    view.replaceChildren(h('section', { class: 'card' }, h('h1', {}, app.name, ' ', badge('invalid')),
      h('ul', { class: 'problems' }, report.problems.map((p) => h('li', {}, h('span', { class: 'mono' }, `${p.file} ${p.location || ''}`), ' ', p.message)))));
    return null;
  }
  const [designs, runs] = await Promise.all([api.get(`/applications/${id}/designs`), api.get(`/applications/${id}/runs`)]);
  const latest = [...designs].reverse().find((d) => d.status === 'done' && d.result && d.result.feasible);
  const message = h('div', {});
  const designForm = h('form', { id: 'design-form', class: 'inline', onsubmit: async (event) => {
    event.preventDefault();
    const f = event.target.elements;
    const body = { method: f.method.value, time_limit: Number(f.time_limit.value) };
    if (f.lambda.value) body.lambda = Number(f.lambda.value);
    try {
      const started = await api.post(`/applications/${id}/designs`, body);
      location.hash = `#/design/${started.id}`;
    } catch (error) { message.replaceChildren(errorBox(error)); }
  } },
  field('method', h('select', { name: 'method' }, ['auto', 'rg', 'ls', 'tabu', 'sa', 'exact'].map((m) => h('option', {}, m)))),
  field('λ (req/s)', h('input', { name: 'lambda', type: 'number', step: 'any', min: '0', placeholder: String(app.lambda) })),
  field('time limit (s)', h('input', { name: 'time_limit', type: 'number', step: 'any', min: '0.05', value: '3' })),
  h('button', { type: 'submit' }, 'Design'));
  const runForm = h('form', { id: 'run-form', class: 'inline', onsubmit: async (event) => {
    event.preventDefault();
    const f = event.target.elements;
    const body = { duration: Number(f.duration.value), time_scale: Number(f.time_scale.value) };
    if (f.lambda.value) body.lambda = Number(f.lambda.value);
    if (f.profile.value.trim()) {
      body.load_profile = f.profile.value.trim().split(/[;\n]/).map((step) => {
        const [time, lambda] = step.split(',').map(Number);
        return { time_s: time, lambda };
      });
    }
    try {
      const started = await api.post(`/applications/${id}/runs`, body);
      location.hash = `#/run/${started.id}`;
    } catch (error) { message.replaceChildren(errorBox(error)); }
  } },
  field('λ (req/s)', h('input', { name: 'lambda', type: 'number', step: 'any', min: '0', placeholder: 'or a profile' })),
  field('load profile (t,λ; …)', h('input', { name: 'profile', placeholder: '0,2; 20,4' })),
  field('duration (s)', h('input', { name: 'duration', type: 'number', min: '1', value: '60' })),
  field('time scale', h('input', { name: 'time_scale', type: 'number', step: 'any', min: '0.05', value: '0.5' })),
  h('button', { type: 'submit' }, 'Run'));
  view.replaceChildren(
    h('section', { class: 'card' },
      h('div', { class: 'title-row' }, h('h1', {}, app.name), badge('valid'), h('span', { class: 'mono muted' }, app.id)),
      h('p', { class: 'muted' }, `${app.components.length} components · λ ${app.lambda} req/s · ${app.continuum.layers.length} layers · `,
        latest ? `placement of design ${latest.id}, cost ${number(latest.result.total_cost, 4)}` : 'no design yet'),
      h('div', { class: 'topology-box', id: 'topology' }, topology(app, latest ? latest.result : null))),
    h('section', { class: 'card two' },
      h('div', {}, h('h2', {}, 'Design (SPACE4AI-D)'), designForm),
      h('div', {}, h('h2', {}, 'Run on the embedded continuum'), runForm)),
    message,
    h('section', { class: 'card two' },
      h('div', {}, h('h2', {}, 'Designs'), jobTable(designs, 'design', (d) => (d.result ? `cost ${number(d.result.total_cost, 4)}` : d.error || ''))),
      h('div', {}, h('h2', {}, 'Runs'), jobTable(runs, 'run', (r) => (r.summary ? `${r.summary.requests_completed}/${r.summary.requests_in} done, ${r.summary.replacements.length} re-placement(s)` : r.error || '')))));
  return null;
}

function jobTable(rows, kind, detail) {
  if (!rows.length) return h('p', { class: 'muted' }, 'none yet');
  return h('table', { class: 'list' }, h('tbody', {}, [...rows].reverse().map((row) => h('tr', {},
    h('td', {}, h('a', { href: `#/${kind}/${row.id}`, class: 'mono' }, row.id)), h('td', {}, badge(row.status)),
    h('td', { class: 'muted' }, detail(row)), h('td', { class: 'muted' }, when(row.created_ms))))));
}

export async function designsView(view) {
  const designs = await api.get('/designs');
  view.replaceChildren(h('section', { class: 'card' }, h('h1', {}, 'Designs'), jobTable(designs, 'design', (d) => (d.result ? `cost ${number(d.result.total_cost, 4)}` : d.error || ''))));
}

export async function runsView(view) {
  const runs = await api.get('/runs');
  view.replaceChildren(h('section', { class: 'card' }, h('h1', {}, 'Runs'), jobTable(runs, 'run', (r) => (r.summary ? `${r.summary.requests_in} requests, ${r.summary.replacements.length} re-placement(s)` : r.error || ''))));
}

export async function designView(view, id) {
  let stopped = false;
  const app = await api.get(`/applications/${(await api.get(`/designs/${id}`)).application_id}`);
  const bar = h('div', { class: 'progress' }, h('div', { class: 'progress-fill' }));
  const status = h('div', { id: 'design-status' });
  const body = h('div', {});
  view.replaceChildren(h('section', { class: 'card' }, h('div', { class: 'title-row' }, h('h1', {}, `Design of ${app.name}`), h('span', { class: 'mono muted' }, id)), bar, status, body));
  (async () => {
    while (!stopped) {
      const design = await api.get(`/designs/${id}`);
      const fraction = design.status === 'done' ? 1 : design.progress ? design.progress.fraction : 0;
      bar.firstChild.style.width = `${Math.round(100 * fraction)}%`;
      status.replaceChildren(badge(design.status), ' ', design.progress ? `${number(design.progress.elapsed_s, 1)} s of ${design.progress.time_limit_s} s · best cost ${number(design.progress.best_cost, 4)}` : '');
      if (!['queued', 'running'].includes(design.status)) {
        body.replaceChildren(designResult(app, design));
        return;
      }
      await sleep(400);
    }
  })().catch((error) => body.replaceChildren(errorBox(error)));
  return () => { stopped = true; };
}

function designResult(app, design) {
  if (design.status !== 'done') return h('div', { class: 'error' }, design.error || design.status);
  const r = design.result;
  if (!r.feasible) {
    return h('div', { class: 'error', id: 'design-result' }, h('strong', {}, 'No feasible placement'), h('ul', {}, r.explanation.map((e) => h('li', {}, e))));
  }
  return h('div', { id: 'design-result' },
    h('div', { class: 'stats' },
      stat('total cost', number(r.total_cost, 4)), stat('λ', `${r.lambda} req/s`),
      stat('optimality', r.proved_optimal ? 'proved optimal' : `lower bound ${number(r.lower_bound, 4)}`),
      stat('search', `${r.method}, ${number(r.elapsed_s, 2)} s`), r.max_lambda ? stat('max λ', number(r.max_lambda, 3)) : null),
    h('div', { class: 'topology-box' }, topology(app, r)),
    h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, h('th', {}, 'component / path'), h('th', {}, 'placed on'), h('th', {}, 'response s'), h('th', {}, 'limit s'))),
      h('tbody', {},
        r.components.map((c) => h('tr', {}, h('td', {}, c.component), h('td', {}, c.partitions.map((p) => `${p.partition} on ${p.resource}${p.instances > 1 ? ` ×${p.instances}` : ''}`).join(', ')),
          h('td', {}, number(c.response_time)), h('td', {}, number(c.response_time_limit)))),
        r.global_constraints.map((g) => h('tr', {}, h('td', {}, g.name), h('td', { class: 'muted' }, g.components.join(' → ')), h('td', {}, number(g.response_time)), h('td', {}, number(g.response_time_limit)))))),
    deploymentDownloads(design.id),
    h('p', {}, h('a', { href: `#/app/${design.application_id}` }, '← back to the application')));
}

// The design's placement as deployment files (zip); a target the generators refuse shows the server's reason.
function deploymentDownloads(id) {
  const message = h('div', { id: 'deployment-message' });
  const targets = [['k8s', 'Kubernetes manifests'], ['tosca', 'TOSCA (IM)'], ['fdl', 'OSCAR FDL'], ['containers', 'container recipes']];
  return h('div', { id: 'deployments', class: 'inline' }, h('strong', {}, 'Deployment files: '),
    targets.map(([target, label]) => h('button', { type: 'button', 'data-target': target, onclick: async () => {
      message.replaceChildren();
      try {
        const blob = await api.blob(`/designs/${id}/deployments/${target}`);
        const link = h('a', { href: URL.createObjectURL(blob), download: `${id}-${target}.zip` });
        link.click();
        message.replaceChildren(h('span', { class: 'muted' }, `${id}-${target}.zip downloaded`));
      } catch (error) { message.replaceChildren(errorBox(error)); }
    } }, label)), message);
}

function stat(label, value) {
  return h('div', { class: 'stat' }, h('div', { class: 'stat-label' }, label), h('div', { class: 'stat-value' }, value));
}

export async function runView(view, id) {
  const run = await api.get(`/runs/${id}`);
  const app = await api.get(`/applications/${run.application_id}`);
  const header = h('div', { class: 'stats', id: 'run-stats' });
  const status = h('span', { id: 'run-status' }, badge(run.status));
  const chartsBox = h('div', { class: 'charts', id: 'charts' });
  const log = h('ol', { class: 'replacements', id: 'replacements' });
  const report = h('div', { id: 'report-box' });
  const topo = h('div', { class: 'topology-box' });
  const stop = h('button', { class: 'danger', id: 'stop', onclick: async () => { await api.del(`/runs/${id}`); stop.disabled = true; } }, 'Stop');
  const openReport = h('button', { id: 'open-report', disabled: true, onclick: async () => {
    const blob = await api.blob(`/runs/${id}/report`);
    report.replaceChildren(h('iframe', { src: URL.createObjectURL(blob), class: 'report', title: 'run report', sandbox: '' }));
  } }, 'Open report');
  view.replaceChildren(
    h('section', { class: 'card' },
      h('div', { class: 'title-row' }, h('h1', {}, `Run of ${app.name}`), status, h('span', { class: 'mono muted' }, id), h('span', { class: 'grow' }), stop, openReport),
      header),
    h('section', { class: 'card' }, h('h2', {}, 'Placement now'), topo),
    h('section', { class: 'card' }, chartsBox),
    h('section', { class: 'card' }, h('h2', {}, 'Re-placements'), log, h('p', { class: 'muted', id: 'no-replacement' }, 'none yet')),
    report);
  const charts = new RunCharts(chartsBox);
  const ended = (state) => {
    status.replaceChildren(badge(state.status));
    stop.disabled = true;
    openReport.disabled = state.status !== 'done';
    if (state.error) header.append(h('div', { class: 'muted' }, state.error));
  };
  const unfollow = follow(`/runs/${id}/events`, (event, data) => {
    if (event === 'started') {
      charts.started(data);
      topo.replaceChildren(topology(app, data.placement));
      status.replaceChildren(badge('running'));
    } else if (event === 'tick') {
      charts.tick(data);
      header.replaceChildren(stat('time', `${number(data.time, 1)} s`), stat('λ observed', `${number(data.lambda_observed, 2)} req/s`),
        stat('cost', `${number(data.cost_per_hour, 4)} /h`), stat('requests', `${data.completed} done · ${data.failed} failed · ${data.in_flight} in flight`),
        stat('QoS', data.violating.length ? `violated: ${data.violating.join(', ')}` : 'ok'), stat('re-placements', data.replacements));
    } else if (event === 'replacement') {
      charts.replacement(data);
      topo.replaceChildren(topology(app, data.placement));
      document.getElementById('no-replacement')?.remove();
      log.append(h('li', { class: 'replacement' }, h('strong', {}, `t=${number(data.time, 1)} s `), data.reason,
        h('div', { class: 'muted' }, `${data.before} → ${data.after}; cost ${number(data.cost_per_hour_before, 4)} → ${number(data.cost_per_hour_after, 4)} /h, ${data.moves} move(s)`)));
    } else if (event === 'end') {
      ended(data);
    }
  }, (error) => { if (error) header.append(errorBox(error)); });
  return () => { unfollow(); charts.destroy(); };
}

export async function gpuView(view) {
  const { Gantt } = await import('./gantt.js');
  const message = h('div', {});
  const table = h('tbody', {});
  const canvasBox = h('div', { class: 'chart gantt' }, h('canvas', { id: 'gantt' }));
  const form = h('form', { id: 'gpu-form', class: 'inline', onsubmit: async (event) => {
    event.preventDefault();
    const f = event.target.elements;
    const body = { id: f.id.value, epochs: Number(f.epochs.value), due_in_seconds: Number(f.due.value), priority: Number(f.priority.value), job: f.job.value };
    if (f.profile.value.trim()) {
      body.profile = Object.fromEntries(f.profile.value.split(',').map((pair) => pair.split('=')).map(([k, v]) => [k.trim(), Number(v)]));
    }
    try { await api.post('/gpu/jobs', body); message.replaceChildren(); } catch (error) { message.replaceChildren(errorBox(error)); }
  } },
  field('id', h('input', { name: 'id', required: true, placeholder: 'train-1' })),
  field('epochs', h('input', { name: 'epochs', type: 'number', min: '1', value: '20' })),
  field('due in (s)', h('input', { name: 'due', type: 'number', min: '1', value: '3600' })),
  field('priority', h('input', { name: 'priority', type: 'number', min: '1', max: '5', value: '3' })),
  field('profile (conf=s/epoch)', h('input', { name: 'profile', placeholder: 'K80x1=0.5,K80x2=0.3' })),
  field('job', h('select', { name: 'job' }, h('option', {}, 'java'), h('option', {}, 'djl'))),
  h('button', { type: 'submit' }, 'Submit'));
  view.replaceChildren(
    h('section', { class: 'card' }, h('h1', {}, 'GPU jobs'),
      h('p', { class: 'muted' }, 'Training jobs on the server\'s GPU cluster: the scheduler decides where, on how many GPUs and when; bars show where each job ran.'),
      form, message),
    h('section', { class: 'card' }, canvasBox),
    h('section', { class: 'card' }, h('table', { class: 'list', id: 'gpu-jobs' },
      h('thead', {}, h('tr', {}, h('th', {}, 'job'), h('th', {}, 'state'), h('th', {}, 'where'), h('th', {}, 'progress (scheduler estimate)'), h('th', {}))), table)));
  let gantt = null;
  let stopped = false;
  (async () => {
    while (!stopped) {
      try {
        const state = await api.get('/gpu/jobs');
        if (!gantt) gantt = new Gantt(document.getElementById('gantt'));
        gantt.update(state);
        table.replaceChildren(...state.jobs.map((job) => h('tr', {},
          h('td', { class: 'mono' }, job.id), h('td', {}, badge(job.state)),
          h('td', {}, job.node ? `${job.node} ${job.configuration}` : '–'),
          h('td', {}, job.completed !== undefined ? `${Math.round(100 * job.completed)} %` : '–'),
          h('td', {}, ['waiting', 'running', 'profiling'].includes(job.state)
            ? h('button', { class: 'danger small', onclick: () => api.del(`/gpu/jobs/${job.id}`).catch((error) => message.replaceChildren(errorBox(error))) }, 'Cancel') : ''))));
      } catch (error) {
        message.replaceChildren(errorBox(error));
        if (error.status === 503) return;
      }
      await sleep(1000);
    }
  })();
  return () => { stopped = true; if (gantt) gantt.destroy(); };
}
