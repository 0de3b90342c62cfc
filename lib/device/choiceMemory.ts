// What worked for a device last time, per device key: the scheme a Wi-Fi device answered on
// (`host:port`), the sign dialect of a serial board (its USB ids). The next visit tries it first.

export interface ChoiceMemory<T extends string> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
}

/** Backed by localStorage where there is one (private windows may refuse it: then nothing is remembered). */
export function browserChoiceMemory<T extends string>(
  prefix: string,
  allowed: readonly T[],
  storage: Pick<Storage, "getItem" | "setItem"> | undefined = (globalThis as { localStorage?: Storage }).localStorage,
): ChoiceMemory<T> {
  const key = (device: string) => `ioid.${prefix}.${device}`;
  return {
    get(device) {
      try {
        const value = storage?.getItem(key(device));
        return allowed.find((a) => a === value);
      } catch {
        return undefined;
      }
    },
    set(device, value) {
      try {
        storage?.setItem(key(device), value);
      } catch {
        // Storage full or refused: the next visit finds out again, nothing else changes.
      }
    },
  };
}
