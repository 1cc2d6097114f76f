import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** Remembered between runs in userData/window-state.json; a corrupt file just means defaults. */
const windowStateSchema = z.object({
  x: z.int().optional(),
  y: z.int().optional(),
  width: z.int().min(400).max(20_000),
  height: z.int().min(300).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };

export function loadWindowState(file: string): WindowState {
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
  } catch {
    // Missing on first run, or unreadable: both mean "open with defaults".
    return DEFAULT_WINDOW_STATE;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(state, null, 2));
}

type Rect = { readonly x: number; readonly y: number; readonly width: number; readonly height: number };

/** A saved position on a monitor that is no longer attached would open the window off-screen. */
export function isVisibleOnSomeDisplay(state: WindowState, workAreas: ReadonlyArray<Rect>): boolean {
  if (state.x === undefined || state.y === undefined) return false;
  const { x, y } = state;
  return workAreas.some((area) => x + 100 > area.x && y + 50 > area.y && x + 100 < area.x + area.width && y + 50 < area.y + area.height);
}
