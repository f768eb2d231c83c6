// Escape sequences first, so that no stray "[31m" is left behind; then any other C0/C1 control.
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Remove terminal control characters from input text before it is shown on a terminal. */
export function stripControls(text: string): string {
  return text.replace(ESCAPES, "").replace(CONTROLS, "");
}
