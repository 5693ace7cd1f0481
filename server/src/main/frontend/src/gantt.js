// GPU jobs as a Gantt chart: one row per GPU of a node, one floating bar per stretch a job ran there.
import { Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip, Title } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip, Title);
const COLOURS = ['#2563eb', '#16a34a', '#9333ea', '#db2777', '#0891b2', '#ca8a04', '#dc2626', '#4f46e5'];

export class Gantt {
  constructor(canvas) {
    this.chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        parsing: { xAxisKey: 'x', yAxisKey: 'y' },
        scales: {
          x: { type: 'linear', min: 0, title: { display: true, text: 'seconds since the cluster started' } },
          y: { type: 'category', stacked: true },
        },
        plugins: {
          title: { display: true, text: 'GPU jobs', align: 'start', font: { size: 14, weight: '600' }, color: '#0f172a' },
          legend: { position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.raw.x[0].toFixed(1)}–${item.raw.x[1].toFixed(1)} s${item.raw.profiling ? ' (profiling)' : ''} ${item.raw.configuration}` } },
        },
      },
    });
  }

  update(state) {
    const rows = [];
    const jobs = new Map();
    state.segments.forEach((segment) => {
      segment.gpus.forEach((gpu) => {
        const row = `${segment.node} · GPU ${gpu}`;
        if (!rows.includes(row)) rows.push(row);
        if (!jobs.has(segment.job)) jobs.set(segment.job, []);
        jobs.get(segment.job).push({ x: [segment.start, segment.end], y: row, profiling: segment.profiling, configuration: segment.configuration });
      });
    });
    rows.sort();
    this.chart.data.labels = rows;
    this.chart.data.datasets = [...jobs].map(([job, bars], i) => ({
      label: job, data: bars, backgroundColor: COLOURS[i % COLOURS.length], borderRadius: 4, barPercentage: 0.7, grouped: false,
    }));
    const first = Math.min(...state.segments.map((segment) => segment.start), state.time);
    this.chart.options.scales.x.min = Math.max(0, Math.floor(first - 1));
    this.chart.options.scales.x.max = Math.max(this.chart.options.scales.x.min + 10, Math.ceil(state.time));
    this.chart.update('none');
  }

  destroy() {
    this.chart.destroy();
  }
}
