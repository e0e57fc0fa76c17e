import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's security headers, computed once at start-up for each protocol: running helmet's middleware per request
 * cost a sixth of a list request's CPU (docs/performance.md). Over plain HTTP they leave out HSTS and the CSP's
 * `upgrade-insecure-requests`: a browser would otherwise fetch the page's scripts over an HTTPS that a LAN or
 * staging host does not serve, and `/api/docs` would stay blank.
 */
export function securityHeaders(): { https: Record<string, string>; http: Record<string, string> } {
  return {
    https: helmetHeaders({}),
    http: helmetHeaders({
      strictTransportSecurity: false,
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    }),
  };
}

function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => {});
  return headers;
}
