import { DocumentFetchError } from "./documentFetchError";

// Whoever registers a device chooses the host its document is fetched from, and anyone can ask the resolver to
// resolve it as often as they like: without a gate the resolver is a free amplifier aimed at someone else's
// server. The gate lets a few fetches to one host run at once (the rest wait their turn within the fetch's own
// deadline), and after a host failed (too slow, unreachable, oversized, redirect loop, server error) it is not
// asked again until a cool-down has passed: at most one request per failing host per cool-down.

export const HOST_COOLDOWN_MS = 60_000;
export const HOST_MAX_CONCURRENT = 1;
export const HOST_MAX_WAITING = 16;

export interface HostGate {
  /** Waits for a slot for `host`; throws DocumentFetchError("host-unavailable") while it cools down or is crowded. */
  enter(host: string, signal: AbortSignal): Promise<() => void>;
  /** Records a failure of the host itself: requests to it are refused for the cool-down. */
  fail(host: string, reason: string): void;
}

export interface HostGateOptions {
  cooldownMs?: number;
  maxConcurrent?: number;
  maxWaiting?: number;
  now?: () => number;
}

interface HostState {
  active: number;
  waiting: (() => void)[];
  failedAt: number | undefined;
  reason: string | undefined;
}

const MAX_TRACKED_HOSTS = 10_000;

export function createHostGate({ cooldownMs = HOST_COOLDOWN_MS, maxConcurrent = HOST_MAX_CONCURRENT, maxWaiting = HOST_MAX_WAITING, now = Date.now }: HostGateOptions = {}): HostGate {
  const hosts = new Map<string, HostState>();

  const cooling = (state: HostState) => state.failedAt !== undefined && now() - state.failedAt < cooldownMs;
  const refuse = (host: string, state: HostState) => {
    const wait = Math.ceil((cooldownMs - (now() - state.failedAt!)) / 1000);
    return new DocumentFetchError("host-unavailable", `${host} failed a moment ago (${state.reason}); it is not asked again for ${wait} s.`);
  };
  const forget = (host: string, state: HostState) => {
    if (state.active === 0 && state.waiting.length === 0 && !cooling(state)) hosts.delete(host);
  };
  const prune = () => {
    if (hosts.size <= MAX_TRACKED_HOSTS) return;
    for (const [host, state] of hosts) forget(host, state);
  };

  return {
    async enter(host, signal) {
      prune();
      const state = hosts.get(host) ?? { active: 0, waiting: [], failedAt: undefined, reason: undefined };
      hosts.set(host, state);
      if (cooling(state)) throw refuse(host, state);
      if (state.active >= maxConcurrent) {
        if (state.waiting.length >= maxWaiting) throw new DocumentFetchError("host-unavailable", `${host} already has ${state.waiting.length} document requests waiting; try again shortly.`);
        // A released slot passes straight to the next waiter (active is not decremented in between).
        await new Promise<void>((resolve, reject) => {
          const turn = () => {
            signal.removeEventListener("abort", onAbort);
            resolve();
          };
          const onAbort = () => {
            state.waiting.splice(state.waiting.indexOf(turn), 1);
            reject(signal.reason instanceof Error ? signal.reason : new DocumentFetchError("timeout", "The document request was cancelled."));
          };
          state.waiting.push(turn);
          signal.addEventListener("abort", onAbort, { once: true });
        });
      } else {
        state.active++;
      }
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const next = state.waiting.shift();
        if (next) next();
        else {
          state.active--;
          forget(host, state);
        }
      };
      // The host may have failed while this request waited.
      if (cooling(state)) {
        release();
        throw refuse(host, state);
      }
      return release;
    },
    fail(host, reason) {
      const state = hosts.get(host) ?? { active: 0, waiting: [], failedAt: undefined, reason: undefined };
      state.failedAt = now();
      state.reason = reason;
      hosts.set(host, state);
    },
  };
}
