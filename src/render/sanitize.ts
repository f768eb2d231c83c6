// Escape sequences first, so that no stray "[31m" is left behind; then any other C0/C1 control,
// and the bidirectional overrides and isolates, which reorder what a terminal shows (a name can
// be made to read as another).
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** CONTROLS without the g flag, whose lastIndex would make test() stateful. */
const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Remove terminal control characters from input text before it is shown on a terminal. */
export function stripControls(text: string): string {
  // Every escape sequence starts with ESC, itself a control: text without any (nearly all of it)
  // is returned after one scan instead of two replacements.
  if (!ANY_CONTROL.test(text)) return text;
  return text.replace(ESCAPES, "").replace(CONTROLS, "");
}

/** Every control (tab and newline included) and bidi override, as in a name. */
const NAME_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\t": "\\t", "\r": "\\r" };
const hex = (c: string, width: number): string => c.charCodeAt(0).toString(16).padStart(width, "0");

/**
 * A file name as shown in a diagnostic: \n, \t, \r and every other control escaped (`\x1b`,
 * `\u202e`), so a name can neither forge a line of its own nor drive the terminal.
 */
export function escapeName(name: string): string {
  return name.replace(NAME_CONTROLS, (c) => NAMED[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/** What JSON.stringify leaves raw and a terminal may still act on: DEL, C1 controls, bidi overrides. */
const TERMINAL_UNSAFE = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text bound for a terminal with DEL, C1 controls and bidi overrides written as `\uXXXX`: in JSON
 * that is the same string (still valid JSON); elsewhere a visible escape. C0 controls are left to
 * the caller (JSON escapes them; the summary's colours are ESC sequences of its own).
 */
export function escapeForTerminal(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (c) => `\\u${hex(c, 4)}`);
}
