/** A body's bytes as JSON text, on the page or in the JSON worker: invalid UTF-8 becomes U+FFFD rather than failing the page, and a BOM is dropped. */
export const jsonText = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
