import { base64urlnopad } from "@scure/base";
import { assertHttpScheme } from "../../device/endpoint";
import { DeviceError, preview } from "../../untrusted/errors";
import { parseClaimInput } from "./parse";
import { PAYLOAD_KEYS } from "./schema";
import type { ClaimPayloadV1 } from "./types";
import { text } from "../../i18n/text";

// Producing payloads (the virtual device, tests, device makers' tooling).

/**
 * Compact JSON of a v1 payload in a fixed member order. It is parsed back before it is
 * returned, so this never produces a payload the app would refuse.
 */
export function encodeClaimPayload(payload: ClaimPayloadV1): string {
  const ordered: Record<string, unknown> = {};
  for (const key of PAYLOAD_KEYS) {
    const value = (payload as unknown as Record<string, unknown>)[key];
    if (value === undefined) continue;
    ordered[key] = key === "deviceNFT" ? stringifyInts(value as Record<string, unknown>) : typeof value === "bigint" ? value.toString() : value;
  }
  const text = JSON.stringify(ordered);
  parseClaimInput(text);
  return text;
}

function stringifyInts(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === "bigint" || typeof v === "number" ? v.toString() : v]));
}

/** `https://app.example/claim?d=<base64url of the compact payload>`: the form a device prints or shows as a QR. */
export function claimDeepLink(origin: string, payload: ClaimPayloadV1): string {
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    throw new DeviceError("endpoint-invalid", text("DeviceErrors.endpoint.originNotUrl", { origin: preview(origin) }));
  }
  assertHttpScheme(base, origin);
  const data = base64urlnopad.encode(new TextEncoder().encode(encodeClaimPayload(payload)));
  return `${base.origin}/claim?d=${data}`;
}
