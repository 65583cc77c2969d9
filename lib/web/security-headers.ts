/** The Content-Security-Policy, built per request around a nonce (react-dsfr's inline script needs it). */
export function contentSecurityPolicy({
  nonce,
  dev,
  formActions,
  https,
  mapOrigins = [],
}: {
  nonce: string;
  dev: boolean;
  formActions: string[];
  https: boolean;
  /** Hosts of the base map (MAP_STYLE_URL's origin): its style, tiles, sprites and glyphs. */
  mapOrigins?: string[];
}): string {
  const tiles = [...new Set(["https://data.geopf.fr", ...mapOrigins])].join(" ");
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // DSFR and React set inline style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${tiles}`,
    "font-src 'self' data:",
    `connect-src 'self' ${tiles}${dev ? " ws:" : ""}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    // Browsers apply form-action to the redirects that follow a form post: the OIDC issuers must be listed.
    `form-action 'self' ${formActions.join(" ")}`.trim(),
    "frame-ancestors 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}
