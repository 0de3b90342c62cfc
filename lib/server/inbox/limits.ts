/** The inbox's bounds. Every one is configurable; these defaults suit a small fleet on one machine. */
export interface InboxLimits {
  /** Largest decrypted message stored, in bytes. */
  maxMessageBytes: number;
  /** Messages one device may send per minute (a token bucket refilled continuously). */
  perDevicePerMinute: number;
  /** Messages older than this are deleted. */
  retentionDays: number;
  /** Only the newest this many messages of a device are kept. */
  maxMessagesPerDevice: number;
  /** How long a token lasts. */
  tokenTtlSeconds: number;
}

export const DEFAULT_INBOX_LIMITS: InboxLimits = {
  maxMessageBytes: 16 * 1024,
  perDevicePerMinute: 120,
  retentionDays: 30,
  maxMessagesPerDevice: 1000,
  tokenTtlSeconds: 24 * 3600,
};
