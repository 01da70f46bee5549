/**
 * SVG -> PNG with resvg (a Rust renderer shipped as a prebuilt N-API binary inside its npm package: nothing is
 * downloaded at install, nothing native is compiled). Loaded on first use only. Text needs a system font
 * (DejaVu Sans on Debian/Ubuntu: fonts-dejavu-core; Amazon Linux: dejavu-sans-fonts).
 */
import type { Chart } from './chart.js';

export interface RenderedChart {
  png: Buffer;
  width: number;
  height: number;
  /** Raw RGBA, row by row: for tests that check what was drawn where. */
  pixels: Buffer;
}

export async function renderPng(chart: Chart, scale = 1): Promise<RenderedChart> {
  const { Resvg } = await import('@resvg/resvg-js');
  const image = new Resvg(chart.svg, {
    fitTo: { mode: 'width', value: Math.round(chart.width * scale) },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  }).render();
  return { png: image.asPng(), width: image.width, height: image.height, pixels: image.pixels };
}
