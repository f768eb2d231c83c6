// Escape sequences first, so that no stray "[31m" is left behind; then any other C0/C1 control.
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** CONTROLS without the g flag, whose lastIndex would make test() stateful. */
const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Remove terminal control characters from input text before it is shown on a terminal. */
export function stripControls(text: string): string {
  // Every escape sequence starts with ESC, itself a control: text without any (nearly all of it)
  // is returned after one scan instead of two replacements.
  if (!ANY_CONTROL.test(text)) return text;
  return text.replace(ESCAPES, "").replace(CONTROLS, "");
}
