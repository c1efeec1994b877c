/**
 * Whether a zip entry's name is safe to write under a folder. Names come from whoever made the
 * zip: one that climbs out (`../x`), starts at the root (`/etc/x`, `C:/x`) or hides a separator
 * (`..\x`, which some systems read as a climb) is refused rather than repaired, because a
 * repaired name could land on another student's file.
 */

/** The longest name and path segment written; longer ones are refused (file systems disagree past these). */
const MAX_NAME_LENGTH = 1024;
const MAX_SEGMENT_LENGTH = 255;

export type NameCheck = { ok: true; segments: string[] } | { ok: false; reason: string };

/** The name's path segments, with empty and `.` segments dropped, or why it is refused. */
export function checkEntryName(name: string): NameCheck {
  if (name.length === 0) return { ok: false, reason: 'its name is empty' };
  if (name.includes('\0')) return { ok: false, reason: 'its name holds a NUL character' };
  if (name.includes('\\')) return { ok: false, reason: 'its name holds a backslash, which some tools read as a folder separator' };
  if (name.startsWith('/')) return { ok: false, reason: 'its path is absolute' };
  if (/^[A-Za-z]:/.test(name)) return { ok: false, reason: 'its path names a drive' };
  if (name.length > MAX_NAME_LENGTH) return { ok: false, reason: `its name is longer than ${MAX_NAME_LENGTH} characters` };
  const segments = name.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { ok: false, reason: 'its path climbs out of the folder (..)' };
  if (segments.some((s) => s.length > MAX_SEGMENT_LENGTH)) return { ok: false, reason: `a part of its path is longer than ${MAX_SEGMENT_LENGTH} characters` };
  if (segments.length === 0) return { ok: false, reason: 'its name names no file' };
  return { ok: true, segments };
}

/** An entry's name as a warning shows it: quoted and escaped, so a crafted name stays on one line. */
export const shownName = (name: string): string => JSON.stringify(name.length > 200 ? `${name.slice(0, 200)}...` : name);
