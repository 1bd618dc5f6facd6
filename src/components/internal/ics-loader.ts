/**
 * The iCalendar writer (src/store/ics.ts) is a chunk of its own: most visits never save a calendar file.
 * An element that shows an "Add to calendar" button preloads it, so a press writes and saves the file at
 * once (within the press, as browsers want for a download); a press before it has arrived waits for it.
 */
import { downloadText } from './download.js';
import { chunk } from './chunk.js';

export type IcsWriter = typeof import('../../store/ics.js');

let writer: IcsWriter | undefined;

/** Loads the writer once; a failed load is tried again next time. */
export const loadIcs = chunk(() => import('../../store/ics.js').then((m) => (writer = m)));

/** The writer, if it has loaded; otherwise starts loading it. */
export function icsWriter(): IcsWriter | undefined {
  if (!writer) loadIcs().catch(() => undefined);
  return writer;
}

/**
 * Writes a file with the writer and saves it on the device. Resolves false when the writer could not be
 * loaded (the caller says so), true otherwise (`write` may give no file: nothing is saved).
 */
export async function saveIcs(write: (ics: IcsWriter) => { text: string; name: string } | undefined): Promise<boolean> {
  let ics = writer;
  if (!ics) {
    try {
      ics = await loadIcs();
    } catch {
      return false;
    }
  }
  const file = write(ics);
  if (file) downloadText(file.text, file.name);
  return true;
}
