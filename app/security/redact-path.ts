/** A path fit for logs: secret tokens in links (reset, invitation, tracking, stop) are replaced. */
export function redactPath(path: string): string {
  return path.replace(/^(\/staff\/(?:reset-password|invitation|unlock)\/|\/track\/|\/mail\/stop\/)[^/?#]+/, '$1[token]');
}
