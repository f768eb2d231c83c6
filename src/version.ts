/** The package version, checked against package.json by a test (kept here so the CLI reads no file to print it). */
export const VERSION = "0.1.0";
