/**
 * Text printed for people in a terminal. A directory's words reach it (names, ids, reasons), and a terminal
 * acts on control characters: an escape sequence in a record id could clear the screen or print a fake verdict.
 */

/** C0 and C1 controls (escape, carriage return, line feed, CSI among them), DEL, and bidirectional overrides. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** One line as printed: the characters a terminal would act on removed. */
export const printable = (line: string): string => line.replace(UNPRINTABLE, '');
