/**
 * A path on this site, to come back to after a form (the language switch, a follow button). Browsers
 * read a backslash as a slash, so "/\evil.example" would leave for another site just like
 * "//evil.example": neither, nor any other backslash, is a same-site path.
 */
export function isSameSitePath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.includes("\\");
}
