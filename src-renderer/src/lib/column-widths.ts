// How wide each session column is drawn. A fixed column is measured, in the font its cells
// and header are drawn in, against its widest value: what fits on this workstation's fonts
// fits, whatever they are. Every row is a grid on the same template, so rows line up with
// the header whatever their content.
import type { SessionColumn } from './session-columns';

/** A cell's left and right padding together, px (SessionTableRow). */
const cellPadding = 10;
/** A sortable header: its label, then the sort arrow (8 px) after a 2 px gap, padded 5+5. */
const headerExtra = 10 + 2 + 8;
/** The bulk-disconnect tick box, first. */
export const selectColumnWidth = 28;
/** Room for sub-pixel rounding between the canvas and the layout. */
const slack = 3;

export type Measure = (
  text: string,
  font: 'sans' | 'mono' | 'header' | 'button' | 'badge',
) => number;

let canvas: CanvasRenderingContext2D | null | undefined;

function fontFamilies(): { sans: string; mono: string } {
  const root = getComputedStyle(document.documentElement);
  return {
    sans: root.getPropertyValue('--sans').trim() || 'sans-serif',
    mono: root.getPropertyValue('--mono').trim() || 'monospace',
  };
}

/**
 * Text width in the page's own fonts (the canvas draws with the same font stack the page
 * uses); where there is no canvas (unit tests), a generous estimate.
 */
export const measureInPage: Measure = (text, font) => {
  if (canvas === undefined) {
    canvas =
      typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  }
  if (canvas === null) return text.length * (font === 'mono' ? 7.5 : 8);
  const { sans, mono } = fontFamilies();
  canvas.font = {
    sans: `12px ${sans}`,
    mono: `12px ${mono}`,
    header: `700 12px ${sans}`,
    button: `12px ${sans}`,
    badge: `700 11px ${sans}`,
  }[font];
  // The badge's letter-spacing (0.03em of 11 px) is not part of the canvas's measure.
  const spacing = font === 'badge' ? text.length * 0.33 : 0;
  return Math.ceil(canvas.measureText(text).width + spacing);
};

/** A fixed column's width: its widest value or its header, whichever is wider. */
export function fixedWidth(column: SessionColumn, measure: Measure): number {
  const header = measure(column.label, 'header') + headerExtra;
  if (column.widest === null) return Math.max(column.minWidth, header);
  const cell = column.cell;
  const content =
    cell.kind === 'status'
      ? measure(column.widest, 'badge') + 14
      : measure(column.widest, cell.kind === 'text' && cell.mono ? 'mono' : 'sans');
  return Math.max(header, content + cellPadding) + slack;
}

/** Disconnect and All side by side (12 px text, 5 px padding and a border each, 3 px apart). */
export function actionColumnWidth(measure: Measure): number {
  const button = (label: string): number => measure(label, 'button') + 12;
  const buttons = button('Disconnect') + 3 + button('All');
  const working = measure('Disconnecting…', 'header');
  return Math.max(buttons, working) + 6 + slack;
}

/** The CSS grid template every row and the header share. */
export function columnTemplate(
  columns: readonly SessionColumn[],
  actionWidth: number,
  measure: Measure,
): string {
  return [
    `${selectColumnWidth}px`,
    ...columns.map((column) =>
      column.grow > 0
        ? `minmax(${fixedWidth(column, measure)}px, ${column.grow}fr)`
        : `${fixedWidth(column, measure)}px`,
    ),
    `${actionWidth}px`,
  ].join(' ');
}

/** Below this the table scrolls sideways rather than squeezing columns. */
export function tableMinWidth(
  columns: readonly SessionColumn[],
  actionWidth: number,
  measure: Measure,
): number {
  return columns.reduce(
    (sum, column) => sum + fixedWidth(column, measure),
    selectColumnWidth + actionWidth,
  );
}
