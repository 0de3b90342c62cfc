// Lenses (ClaimLens, DevicesLens) are read as deployless eth_calls: creation code and no `to`. A node that
// refuses those gets the same facts from plain reads in a few more round trips. Once a node has refused while
// answering the plain reads, it is not asked again for a while: under load (the resolver) every request would
// otherwise pay for one refused call first.

import { BaseError, HttpRequestError, LimitExceededRpcError, SocketClosedError, TimeoutError, WebSocketRequestError } from "viem";

/** How long a refusal is remembered before the lens is tried again (a node may be upgraded or swapped). */
const REMEMBER_MS = 10 * 60_000;

const refusedAt = new WeakMap<object, number>();

/**
 * No answer from the node (network, timeout, rate limit), as opposed to an answer that says no (a revert, a
 * refused call): the first may pass in a moment, so it is never taken for the node's word on anything.
 */
export const unanswered = (error: unknown): boolean =>
  !(error instanceof BaseError) ||
  Boolean(error.walk((e) => [HttpRequestError, TimeoutError, WebSocketRequestError, SocketClosedError, LimitExceededRpcError].some((type) => e instanceof type)));

/**
 * `lens()`, or `plain()` where the node refuses it. When both fail, the lens's error is thrown: it is the one
 * that says what is wrong (an unreachable node, a bad address).
 */
export async function lensOrPlain<T>(client: object, lens: () => Promise<T>, plain: () => Promise<T>): Promise<T> {
  const refused = refusedAt.get(client);
  if (refused !== undefined && Date.now() - refused < REMEMBER_MS) return plain();
  let lensError: unknown;
  try {
    return await lens();
  } catch (error) {
    lensError = error;
  }
  let result: T;
  try {
    result = await plain();
  } catch {
    throw lensError;
  }
  // A lens call that got no answer says nothing about the node's support for it: try it again next time.
  if (!unanswered(lensError)) refusedAt.set(client, Date.now());
  return result;
}
