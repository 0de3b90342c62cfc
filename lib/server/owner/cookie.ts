export const SESSION_COOKIE = "ioid_inbox_session";

export function readSessionCookie(request: Request): string | undefined {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE) return value.join("=");
  }
  return undefined;
}

/** HttpOnly, same-site only, scoped to the inbox API; Secure whenever the app is served over HTTPS. */
export function sessionCookie(request: Request, id: string, expiresAt: Date | null): string {
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  const expiry = expiresAt ? `; Expires=${expiresAt.toUTCString()}` : "; Max-Age=0";
  return `${SESSION_COOKIE}=${id}; Path=/api/inbox; HttpOnly; SameSite=Strict${secure}${expiry}`;
}
