// Verifying Wekeza webhooks in Node.js with the Standard Webhooks library (npm "standardwebhooks", installed in
// tests/webhook-verifier by `npm ci`; docs/webhooks.md shows the region below).
//   node verify-standardwebhooks.js check <whsec_…> <webhook-id> <webhook-timestamp> <webhook-signature> <body file>
// The library checks the timestamp against the clock (five minutes either way); it cannot be given another "now".

import { readFileSync } from "node:fs";

// #region verify
import { Webhook } from "standardwebhooks";

/**
 * The event, parsed, when `headers` carry a valid signature of `body` by `secret` (the whole `whsec_…` string) and a
 * timestamp within five minutes of now; throws WebhookVerificationError otherwise. `body` is the raw request body
 * (a Buffer or string, exactly as received).
 */
export function verifyWebhook(secret, headers, body) {
  return new Webhook(secret).verify(body, headers);
}
// #endregion

const [mode, secret, id, timestamp, signature, bodyFile] = process.argv.slice(2);
if (mode !== "check") {
  console.error("usage: node verify-standardwebhooks.js check <secret> <id> <timestamp> <signature> <body file>");
  process.exit(2);
}

try {
  const headers = { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature };
  const event = verifyWebhook(secret, headers, readFileSync(bodyFile));
  console.log(event.id === id ? "ok" : "fail: the body's id is not webhook-id");
  process.exitCode = event.id === id ? 0 : 1;
} catch (error) {
  console.log(`fail: ${error.message}`);
  process.exitCode = 1;
}
