// Token names and symbols are chosen by whoever deployed the token, and anyone can send a token to a device
// wallet: what the owner is shown is cut short and stripped of characters that could disguise it.

const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function tokenText(value: unknown, max: number): string | undefined {
  if (typeof value !== "string") return undefined;
  const clean = value.replace(HIDDEN, "").trim();
  if (!clean) return undefined;
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** ERC-20 decimals as a usable number: 0–36, anything else means the token cannot be shown as an amount. */
export function tokenDecimals(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "bigint" ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 36 ? n : undefined;
}
