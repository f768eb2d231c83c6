/**
 * Names of ingest's own files that must fit a file system's limit on one name (NAME_MAX, 255
 * bytes on every common one): a marker (`NAME.json`), a quarantined input's `NAME.errors.json`
 * and the temporary files written beside a target. An input may have a name of up to 255 bytes;
 * with a suffix added, ours could not. When it would not fit, the name is cut (at a character
 * boundary) and ends with a hash of the whole name, so that two long names sharing a beginning
 * still get two files; a marker also records its input's path, so a reader never takes one
 * input's marker for another's.
 */
import { fnv1a64 } from "../inputs/shard.js";

/** The longest name of one directory entry, in bytes. */
export const NAME_MAX = 255;

/** The first `bytes` bytes of `text` or fewer, never half a UTF-8 sequence. */
function utf8Prefix(text: string, bytes: number): string {
  const buf = Buffer.from(text);
  if (buf.length <= bytes) return text;
  let end = bytes;
  // Back to the start of a character: continuation bytes are 10xxxxxx.
  while (end > 0 && ((buf[end] as number) & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString();
}

/** `name + suffix`, or when that is over NAME_MAX bytes, `<start of name>~<16 hex of its hash><suffix>`. */
export function fitName(name: string, suffix: string): string {
  const whole = name + suffix;
  if (Buffer.byteLength(whole) <= NAME_MAX) return whole;
  const tag = `~${fnv1a64(name)}`;
  return `${utf8Prefix(name, NAME_MAX - Buffer.byteLength(suffix) - tag.length)}${tag}${suffix}`;
}

/** Whether `name` (a file name made by fitName) stands for a longer one. */
export const isFitted = (name: string): boolean => /~[0-9a-f]{16}\.[^~]*$/.test(name);
