// ECharts, from its webjar (served by the dashboard under /assets/webjars), loaded on first use. Charts only
// illustrate: every figure is also in a table next to them, so a chart that cannot load loses nothing.
const observed = new WeakSet();
let library;

function echarts() {
  library ??= import('/assets/webjars/echarts/echarts.esm.min.js');
  return library;
}

export async function draw(element, option) {
  if (!element) return null;
  try {
    const lib = await echarts();
    const chart = lib.getInstanceByDom(element) ?? lib.init(element, null, { renderer: 'canvas' });
    // data-rendered tells when the picture is complete (animations done): screenshots and tests wait for it
    element.dataset.rendered = 'false';
    chart.off('finished');
    chart.on('finished', () => { element.dataset.rendered = 'true'; });
    const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    chart.setOption({ aria: { enabled: true }, animation: !still, animationDuration: 300, ...option }, { notMerge: true });
    if (!observed.has(element) && 'ResizeObserver' in window) {
      observed.add(element);
      new ResizeObserver(() => chart.resize()).observe(element);
    }
    return chart;
  } catch (e) {
    element.hidden = true;
    console.warn('chart not drawn', e);
    return null;
  }
}

/** On a narrow screen category names are slanted and shortened so they do not run into each other. */
export function categoryLabels(narrow) {
  return narrow ? { interval: 0, rotate: 35, width: 70, overflow: 'truncate', fontSize: 10 }
    : { interval: 0, width: 90, overflow: 'truncate' };
}

/** Frees the charts inside a container that is about to be replaced. */
export async function disposeIn(container) {
  if (!library) return;
  const lib = await library;
  container.querySelectorAll('.chart').forEach((el) => lib.getInstanceByDom(el)?.dispose());
}
