// The name a scan came with is the uploader's (or central's) text, never trusted: it is shown on
// screens, put in the title of the viewer and offered as the name of a saved copy. Cleaned before
// it is stored and again before it is shown (rows written by an older version or relayed by
// central), so that what the clerk reads is what the file is:
// - a path is cut to its last part (`../../etc/passwd` → `passwd`);
// - control and invisible formatting characters go: a NUL that hides the real extension
//   (`a.pdf\0.exe`), the right-to-left override that makes `exe.pdf` read `fdp.exe`, zero-width
//   characters, line separators;
// - characters Windows refuses in a file name become `_`, device names (CON, NUL, COM1…) are
//   prefixed, and leading and trailing dots and spaces go (hidden files, silent renames);
// - the extension is the one of the content (sniffed and parsed, files.ts): a name whose own
//   extension says otherwise keeps it visibly and gets the real one after it (`a.exe.png`).
// Hand-written: a dozen lines of Unicode classes; the npm sanitizers we looked at keep bidi
// controls or need the platform they run on.
import type { AttachmentMime } from './files';

const EXTENSIONS: Record<AttachmentMime, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'application/pdf': ['pdf'],
};
const MAX_LENGTH = 120;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;
const DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

export function safeFileName(raw: string | null, mime: string): string {
  let name = (raw ?? '').normalize('NFC');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name.replace(INVISIBLE, '').replace(WINDOWS_FORBIDDEN, '_').replace(/\s+/gu, ' ');
  name = name.replace(/^[\s.]+|[\s.]+$/gu, '');
  const wanted: readonly string[] = EXTENSIONS[mime as AttachmentMime] ?? [];
  const dot = name.lastIndexOf('.');
  const fits = dot > 0 && wanted.includes(name.slice(dot + 1).toLowerCase());
  let base = fits ? name.slice(0, dot) : name;
  const suffix = fits ? name.slice(dot) : wanted[0] ? `.${wanted[0]}` : '';
  if (base === '') base = 'adjunto';
  if (DEVICE_NAME.test(base.split('.')[0]!)) base = `_${base}`;
  // Cut by code points, never in the middle of a surrogate pair.
  const chars = [...base];
  if (chars.length + suffix.length > MAX_LENGTH) base = chars.slice(0, MAX_LENGTH - suffix.length).join('').replace(/[\s.]+$/u, '');
  return base + suffix;
}

/** A row as read from the database, its name made safe to show. */
export const withSafeName = <T extends { fileName: string | null; mime: string }>(row: T): T => ({ ...row, fileName: row.fileName === null ? null : safeFileName(row.fileName, row.mime) });
