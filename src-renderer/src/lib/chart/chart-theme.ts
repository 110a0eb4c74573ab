// Colours for canvas charts, read from the page's CSS variables so a chart follows the
// light or dark scheme (a canvas cannot use var() itself).

export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  danger: string;
  warning: string;
  online: string;
  /** One colour per NAS line, in pill order; repeats past the end. */
  lines: string[];
}

const lightLines = [
  '#1f5fae',
  '#b35c00',
  '#2e7d32',
  '#8e24aa',
  '#00838f',
  '#c62828',
  '#5d4037',
  '#455a64',
];
const darkLines = [
  '#79aaf0',
  '#f3a25b',
  '#7fd483',
  '#d08ae6',
  '#5fd3de',
  '#ff8a80',
  '#c9a48e',
  '#a7bccb',
];

export function readChartTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const variable = (name: string) => style.getPropertyValue(name).trim();
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  return {
    text: variable('--text'),
    muted: variable('--muted'),
    grid: variable('--border'),
    surface: variable('--surface'),
    danger: variable('--danger'),
    warning: variable('--warning'),
    online: variable('--online'),
    lines: dark ? darkLines : lightLines,
  };
}

/** Calls back when the OS switches between light and dark; returns the unsubscribe. */
export function onSchemeChange(listener: () => void): () => void {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}
