import { fail } from "./errors";

/** JSON text that must hold an object (a JWE, a JWS, a protected header); `what` names it in the error. */
export function parseObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail("malformed", `${what} is not JSON.`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail("malformed", `${what} must be a JSON object.`);
  return value as Record<string, unknown>;
}
