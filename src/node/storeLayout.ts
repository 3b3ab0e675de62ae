/*
 * How the file storage lays out its directory: `header.json`, one `record.<id>.json` per
 * operation, and `journal.json` while a write that spans several files is being applied.
 * Operation ids become file names that are the same on case-insensitive file systems and
 * valid on Windows: lower-case letters, digits, `_`, `.` and `-` stay; an upper-case letter is
 * `^` and its lower case; anything else is `~` and four hex digits.
 */

export const HEADER_FILE = 'header.json';
export const JOURNAL_FILE = 'journal.json';
const RECORD_PREFIX = 'record.';
const RECORD_SUFFIX = '.json';
/** Most file systems allow 255 bytes in a name; an id of 120 characters (the host's limit) fits. */
const MAX_NAME_BYTES = 255;

/** write-file-atomic's temporary files (`<name>.<number>`), left behind by a process killed mid-write. */
const TEMPORARY = /^(?:header|journal|record\..*)\.json\.\d+$/;

/** The record file's name for an operation id, or null when the id is too long to be a name. */
export function recordFileName(operationId: string): string | null {
  let encoded = '';
  for (const char of operationId) {
    if (/^[a-z0-9_.-]$/.test(char)) encoded += char;
    else if (/^[A-Z]$/.test(char)) encoded += `^${char.toLowerCase()}`;
    else for (const unit of unitsOf(char)) encoded += `~${unit.toString(16).padStart(4, '0')}`;
  }
  const name = `${RECORD_PREFIX}${encoded}${RECORD_SUFFIX}`;
  return name.length > MAX_NAME_BYTES ? null : name;
}

/** The operation id of a record file's name, or null when the name is not one of ours. */
export function operationIdOf(fileName: string): string | null {
  if (!fileName.startsWith(RECORD_PREFIX) || !fileName.endsWith(RECORD_SUFFIX)) return null;
  const encoded = fileName.slice(RECORD_PREFIX.length, fileName.length - RECORD_SUFFIX.length);
  let id = '';
  for (let at = 0; at < encoded.length; ) {
    const char = encoded[at]!;
    if (char === '^' && /^[a-z]$/.test(encoded[at + 1] ?? '')) {
      id += encoded[at + 1]!.toUpperCase();
      at += 2;
    } else if (char === '~' && /^[0-9a-f]{4}$/.test(encoded.slice(at + 1, at + 5))) {
      id += String.fromCharCode(Number.parseInt(encoded.slice(at + 1, at + 5), 16));
      at += 5;
    } else if (/^[a-z0-9_.-]$/.test(char)) {
      id += char;
      at += 1;
    } else {
      return null;
    }
  }
  return id;
}

/** Whether the name is a temporary file a killed write left behind. */
export function isLeftoverTemporary(fileName: string): boolean {
  return TEMPORARY.test(fileName);
}

function unitsOf(char: string): number[] {
  const units: number[] = [];
  for (let at = 0; at < char.length; at += 1) units.push(char.charCodeAt(at));
  return units;
}
