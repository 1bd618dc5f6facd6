/** A day in milliseconds: for day numbers (days since 1970-01-01, UTC) and spans of whole days. */
export const DAY_MS = 86_400_000;
