// Reads JSON lines {secret, id, timestamp, signature, body} on stdin and prints one line per input: "ok" when the
// Standard Webhooks library (npm "standardwebhooks") accepts the message, or "fail: <reason>".
import { Webhook } from "standardwebhooks";
import { createInterface } from "node:readline";

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const m = JSON.parse(line);
  try {
    new Webhook(m.secret).verify(m.body, {
      "webhook-id": m.id,
      "webhook-timestamp": m.timestamp,
      "webhook-signature": m.signature,
    });
    console.log("ok");
  } catch (e) {
    console.log("fail: " + e.message);
  }
}
