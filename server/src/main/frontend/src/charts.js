// Live charts of a run (Chart.js): response time against its limit per component and path, load,
// cost and utilisation, with a vertical marker at every re-placement.
import { Chart, LineController, LineElement, PointElement, LinearScale, Legend, Tooltip, Title, Filler } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip, Title, Filler);
Chart.defaults.font.family = 'Inter, system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
Chart.defaults.color = '#475569';
Chart.defaults.animation = false;

const COLOURS = ['#2563eb', '#16a34a', '#9333ea', '#db2777', '#0891b2', '#ca8a04', '#dc2626'];

/** Draws the re-placement markers kept in chart.options.plugins.replacements.times. */
const replacementMarkers = {
  id: 'replacements',
  afterDatasetsDraw(chart, args, options) {
    const { ctx, chartArea, scales } = chart;
    (options.times || []).forEach((time, i) => {
      const x = scales.x.getPixelForValue(time);
      if (x < chartArea.left || x > chartArea.right) return;
      ctx.save();
      ctx.strokeStyle = '#f97316';
      ctx.lineWidth = 2;
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#f97316';
      ctx.font = '600 11px system-ui, sans-serif';
      ctx.fillText(`re-placement ${i + 1}`, x + 4, chartArea.top + 12);
      ctx.restore();
    });
  },
};
Chart.register(replacementMarkers);

function chart(canvas, title, yLabel, datasets) {
  return new Chart(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', intersect: false },
      elements: { point: { radius: 0 }, line: { borderWidth: 2, tension: 0.2 } },
      scales: {
        x: { type: 'linear', title: { display: true, text: 'application time (s)' }, min: 0 },
        y: { type: 'linear', beginAtZero: true, title: { display: true, text: yLabel } },
      },
      plugins: {
        title: { display: true, text: title, align: 'start', font: { size: 14, weight: '600' }, color: '#0f172a' },
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        replacements: { times: [] },
      },
    },
  });
}

/** All charts of one run; feed it the SSE events. */
export class RunCharts {
  constructor(container) {
    this.container = container;
    this.responseCharts = new Map();
    this.limits = {};
    this.replacementTimes = [];
    this.load = chart(this.canvas('load'), 'Load', 'requests / s', [
      { label: 'offered λ', data: [], borderColor: '#94a3b8', borderDash: [6, 4], stepped: true },
      { label: 'observed λ', data: [], borderColor: '#2563eb' },
    ]);
    this.cost = chart(this.canvas('cost'), 'Cost', 'per hour', [
      { label: 'cost per hour', data: [], borderColor: '#16a34a', stepped: true, fill: { target: 'origin' }, backgroundColor: 'rgba(22,163,74,0.08)' },
    ]);
    this.utilisation = chart(this.canvas('utilisation'), 'Utilisation', 'busy share', []);
    this.utilisation.options.scales.y.max = 1;
    this.charts = [this.load, this.cost, this.utilisation];
  }

  canvas(name) {
    const box = document.createElement('div');
    box.className = `chart chart-${name}`;
    const canvas = document.createElement('canvas');
    canvas.dataset.chart = name;
    box.append(canvas);
    this.container.append(box);
    return canvas;
  }

  started(event) {
    this.limits = event.limits || {};
    Object.keys(this.limits).forEach((name) => this.responseChart(name));
  }

  responseChart(name) {
    if (!this.responseCharts.has(name)) {
      const limit = this.limits[name];
      const c = chart(this.canvas(`rt-${name}`), `${name}${limit ? ` — limit ${limit} s` : ''}`, 'response time (s)', [
        { label: 'p95', data: [], borderColor: '#9333ea' },
        { label: 'mean (what the QoS rule checks)', data: [], borderColor: '#2563eb' },
        { label: 'limit', data: [], borderColor: '#dc2626', borderDash: [6, 4], borderWidth: 1.5 },
      ]);
      c.canvas.closest('.chart').classList.add('rt');
      this.responseCharts.set(name, c);
      this.container.insertBefore(c.canvas.closest('.chart'), this.load.canvas.closest('.chart'));
      this.charts.push(c);
    }
    return this.responseCharts.get(name);
  }

  tick(event) {
    const t = event.time;
    Object.entries(event.response_times).forEach(([name, stats]) => {
      const c = this.responseChart(name);
      if (stats.p95 !== null) c.data.datasets[0].data.push({ x: t, y: stats.p95 });
      if (stats.mean !== null) c.data.datasets[1].data.push({ x: t, y: stats.mean });
      if (this.limits[name] !== undefined) c.data.datasets[2].data.push({ x: t, y: this.limits[name] });
    });
    this.load.data.datasets[0].data.push({ x: t, y: event.lambda_target });
    this.load.data.datasets[1].data.push({ x: t, y: event.lambda_observed });
    this.cost.data.datasets[0].data.push({ x: t, y: event.cost_per_hour });
    Object.entries(event.utilisation).forEach(([resource, busy]) => {
      let dataset = this.utilisation.data.datasets.find((d) => d.label === resource);
      if (!dataset) {
        dataset = { label: resource, data: [], borderColor: COLOURS[this.utilisation.data.datasets.length % COLOURS.length] };
        this.utilisation.data.datasets.push(dataset);
      }
      dataset.data.push({ x: t, y: busy });
    });
    this.scheduleUpdate();
  }

  replacement(event) {
    this.replacementTimes.push(event.time);
    this.charts.forEach((c) => { c.options.plugins.replacements.times = this.replacementTimes; });
    this.scheduleUpdate();
  }

  /** Redraws at most once per animation frame, however many events arrive (a late client gets the whole history at once). */
  scheduleUpdate() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.charts.forEach((c) => c.update('none'));
    });
  }

  destroy() {
    this.charts.forEach((c) => c.destroy());
  }
}
