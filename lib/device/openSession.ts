import { isAddressEqual, type Address } from "viem";
import { DeviceError } from "../untrusted/errors";
import { createHttpDeviceSession } from "./httpSession";
import type { DeviceSession } from "./session";
import { text } from "../i18n/text";

/**
 * How a door reaches a device: a live link the door already opened (Bluetooth, USB cable), or the address of one
 * that answers over HTTP. Claim input that names an `endpoint` is the second kind.
 */
export interface SessionDoor {
  session?: DeviceSession | undefined;
  endpoint?: string | undefined;
}

/** The session for any door, or undefined when the door carries no way to reach the device (a pre-signed payload). */
export function openSession(door: SessionDoor): DeviceSession | undefined {
  return door.session ?? (door.endpoint === undefined ? undefined : createHttpDeviceSession(door.endpoint));
}

/**
 * Opens the door's session and checks it speaks for `device` before anything is signed: the one place every
 * door identifies the device. A session for another device is closed, and the refusal names both.
 */
export async function openSessionFor(door: SessionDoor, device: Address): Promise<DeviceSession> {
  const session = openSession(door);
  if (!session) throw new DeviceError("session-required", text("DeviceErrors.session.required"));
  const identity = await session.identify();
  if (!isAddressEqual(identity.address, device)) {
    await session.close();
    throw new DeviceError("device-mismatch", text("DeviceErrors.session.otherDevice", { found: identity.address, expected: device }), {
      details: { found: identity.address, expected: device },
    });
  }
  return session;
}
