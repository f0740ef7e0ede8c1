// charts.js - the dashboard's charts over Chart.js (npm chart.js, embedded at build time as
// /assets/vendor/chart.js and loaded before the modules as window.Chart). Charts are drawn
// without animation, so what a screenshot shows is what the data says.
const PALETTE = ['#1f4e79', '#c0504d', '#4f8f3a', '#8064a2', '#d9822b', '#2c9fa3', '#7f7f7f', '#b5a33a'];

export function color(i, alpha) {
  const c = PALETTE[i % PALETTE.length];
  if (alpha === undefined) return c;
  const n = parseInt(c.slice(1), 16);
  return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
}

// A chart in a sized box with a text alternative; returns {box, chart} (chart.destroy() on leave).
export function chart(config, label, height) {
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  const box = document.createElement('div');
  box.className = 'chart';
  box.style.height = (height || 300) + 'px';
  box.append(canvas);
  if (!window.Chart) {
    box.textContent = 'The chart library did not load.';
    return { box, chart: null };
  }
  config.options = Object.assign({
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
  }, config.options || {});
  // Chart.js measures its box: draw once the box is in the document.
  const c = { box, chart: null };
  const draw = (tries) => {
    if (box.isConnected) {
      c.chart = new window.Chart(canvas, config);
      box.dataset.ready = '1';
    } else if (tries < 200) {
      requestAnimationFrame(() => draw(tries + 1));
    }
  };
  requestAnimationFrame(() => draw(0));
  return c;
}

// Destroys the charts of a page (its cleanup).
export function destroyAll(list) {
  for (const c of list) if (c && c.chart) c.chart.destroy();
  list.length = 0;
}
