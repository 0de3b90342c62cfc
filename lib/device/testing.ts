import { expect } from "vitest";
import { DeviceError, type DeviceErrorCode } from "../untrusted/errors";

// Assertions shared by the device tests: the contract under test is "a DeviceError with this
// code, never another exception", so each test states only the code it expects.

export function errorOf(fn: () => unknown, code?: DeviceErrorCode): DeviceError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DeviceError);
    if (code !== undefined) expect((e as DeviceError).code).toBe(code);
    return e as DeviceError;
  }
  throw new Error("expected a DeviceError");
}

export async function rejection(promise: Promise<unknown>, code: DeviceErrorCode): Promise<DeviceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeviceError);
  expect((error as DeviceError).code).toBe(code);
  return error as DeviceError;
}

/** A repeatable stream of numbers in [0, 1) (a linear congruential generator): noise and chunking that a failure can replay. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
