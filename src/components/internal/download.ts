/**
 * Saves text as a file on the person's device: a Blob URL and a temporary
 * `<a download>`, clicked. No network. The URL is revoked a minute later (long
 * enough for the browser to start the download).
 */
export function downloadText(text: string, filename: string, type = 'text/calendar;charset=utf-8'): string {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return url;
}
