export { HindsightClient, type AppendOptions, type ClientOptions, type ReadAllOptions, type ReadStreamOptions } from "./client";
export * from "./errors";
export { subscribe, type SubscribeOptions } from "./subscribe";
export type * from "./types";
export { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature, type VerifyWebhookOptions } from "./webhook-signature";
