import type { Session } from '../api/wire-types.ts';
import { bracketHeight, bracketWidth, COLUMN_GAP, COLUMN_WIDTH, columnLeft, HEADER_HEIGHT, MATCH_HEIGHT, slotCentre, type BracketShape } from './bracket-geometry.ts';

/**
 * The bracket as a PNG, drawn with the canvas API from the sessions and the same geometry as the
 * page. Not a capture of the page (html-to-image and the like): the page draws only the matches
 * in view, so a capture would miss the rest; drawing from the data is exact and adds no package.
 */
export interface BracketPicture {
  shape: BracketShape;
  title: string;
  /** The rounds drawn, first to final. */
  rounds: number[];
  finalRound: number;
  /** Per drawn round, its sessions at their slot (undefined: a bye's empty slot). */
  columns: (Session | undefined)[][];
  playoff: Session[];
  /** Shown in place of the seed (a group knockout's A1, B2). */
  sideLabels?: ReadonlyMap<number, string>;
}

const MARGIN = 24;
const TITLE_HEIGHT = 36;
const PLAYOFF_BLOCK = MATCH_HEIGHT + 40;
/** Chromium refuses a canvas side past 32,767 px and an area past about 268 million. */
export const MAX_PNG_SIDE = 16_384;

export function pictureSize(p: BracketPicture): { width: number; height: number } {
  const body = bracketHeight(p.shape, p.rounds[0] ?? p.finalRound, p.finalRound);
  return {
    width: Math.ceil(bracketWidth(p.rounds.length) + 2 * MARGIN),
    height: Math.ceil(TITLE_HEIGHT + HEADER_HEIGHT + body + (p.playoff.length > 0 ? PLAYOFF_BLOCK : 0) + MARGIN),
  };
}

function side(s: Session, slot: number) {
  return s.participants.find((p) => p.slot === slot);
}

function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > width) t = t.slice(0, -1);
  return `${t}…`;
}

function drawMatch(ctx: CanvasRenderingContext2D, s: Session, x: number, y: number, labels?: ReadonlyMap<number, string>) {
  ctx.fillStyle = '#ffffff';
  ctx.strokeStyle = '#c9d2dd';
  ctx.lineWidth = 1;
  ctx.fillRect(x, y, COLUMN_WIDTH, MATCH_HEIGHT);
  ctx.strokeRect(x + 0.5, y + 0.5, COLUMN_WIDTH - 1, MATCH_HEIGHT - 1);
  const half = MATCH_HEIGHT / 2;
  for (const slot of [0, 1]) {
    const p = side(s, slot);
    const top = y + slot * half;
    const won = p !== undefined && s.winner_id === p.id;
    if (won) {
      ctx.fillStyle = '#f0f8f3';
      ctx.fillRect(x + 1, top + 1, COLUMN_WIDTH - 2, half - 1);
    }
    const baseline = top + half / 2 + 4;
    ctx.font = '11px sans-serif';
    ctx.fillStyle = '#6b7785';
    ctx.fillText(p ? (labels?.get(p.id) ?? String(p.seed)) : '', x + 6, baseline);
    ctx.font = `${won ? 'bold ' : ''}13px sans-serif`;
    ctx.fillStyle = p ? '#1c2430' : '#9aa6b5';
    ctx.fillText(fit(ctx, p ? p.name : 'to be decided', COLUMN_WIDTH - 70), x + 36, baseline);
    const score = s.score ? String(s.score[slot]) : '';
    ctx.font = 'bold 13px sans-serif';
    ctx.fillStyle = '#1c2430';
    ctx.fillText(score, x + COLUMN_WIDTH - 8 - ctx.measureText(score).width, baseline);
  }
  ctx.strokeStyle = '#edf0f4';
  ctx.beginPath();
  ctx.moveTo(x + 1, y + half + 0.5);
  ctx.lineTo(x + COLUMN_WIDTH - 1, y + half + 0.5);
  ctx.stroke();
}

/** Draws the picture on a canvas of pictureSize(p). */
export function drawBracket(ctx: CanvasRenderingContext2D, p: BracketPicture): void {
  const { width, height } = pictureSize(p);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#1c2430';
  ctx.font = 'bold 18px sans-serif';
  ctx.fillText(p.title, MARGIN, 26);
  const first = p.rounds[0];
  const top = TITLE_HEIGHT + HEADER_HEIGHT;
  p.rounds.forEach((round, c) => {
    const left = MARGIN + columnLeft(c);
    ctx.font = 'bold 13px sans-serif';
    ctx.fillStyle = '#1c2430';
    ctx.fillText(p.shape.roundName(round, p.finalRound), left, TITLE_HEIGHT + 24);
    const column = p.columns[c] ?? [];
    const previous = c > 0 ? p.columns[c - 1] : undefined;
    column.forEach((s, index) => {
      if (!s) return;
      const centre = top + slotCentre(p.shape, first, round, index);
      const feeding = p.shape.feed(round) === 'same' ? [index] : [2 * index, 2 * index + 1];
      const feeders = previous ? feeding.filter((i) => previous[i] !== undefined).map((i) => top + slotCentre(p.shape, first, round - 1, i)) : [];
      if (feeders.length > 0) {
        const x = left - COLUMN_GAP / 2;
        ctx.strokeStyle = '#b7c2d0';
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.moveTo(x, Math.min(centre, ...feeders));
        ctx.lineTo(x, Math.max(centre, ...feeders));
        ctx.moveTo(x, centre);
        ctx.lineTo(left, centre);
        for (const f of feeders) {
          ctx.moveTo(x - COLUMN_GAP / 2, f);
          ctx.lineTo(x, f);
        }
        ctx.stroke();
      }
      drawMatch(ctx, s, left, centre - MATCH_HEIGHT / 2, p.sideLabels);
    });
  });
  if (p.playoff.length > 0) {
    const y = height - MARGIN - PLAYOFF_BLOCK + 8;
    ctx.font = 'bold 13px sans-serif';
    ctx.fillStyle = '#1c2430';
    ctx.fillText('Third-place playoff', MARGIN, y + 10);
    p.playoff.forEach((s, i) => drawMatch(ctx, s, MARGIN + columnLeft(i), y + 20, p.sideLabels));
  }
}

/** The picture as a PNG file; refused (RangeError) when it would be too large to draw. */
export async function bracketPng(p: BracketPicture): Promise<Blob> {
  const { width, height } = pictureSize(p);
  if (width > MAX_PNG_SIDE || height > MAX_PNG_SIDE) {
    throw new RangeError(`the picture would be ${width} × ${height} px; show fewer rounds (at most ${MAX_PNG_SIDE} px a side)`);
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  drawBracket(ctx, p);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser made no PNG'))), 'image/png'));
}
