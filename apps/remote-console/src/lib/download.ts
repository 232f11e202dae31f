/** The file name of a `Content-Disposition: attachment; filename="..."` header, else `fallback`. */
export function filenameFromDisposition(header: string | null | undefined, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star) {
    try {
      return sanitize(decodeURIComponent(star[1]!.trim().replace(/^"|"$/g, ''))) || fallback;
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = plain ? (plain[2] ?? plain[1]!).trim() : '';
  return sanitize(name) || fallback;
}

function sanitize(name: string): string {
  return name.replace(/[/\\]/g, '_').replace(/[\u0000-\u001f]/g, '').trim();
}

/** Saves a blob as a download through a temporary object URL (browser only). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
